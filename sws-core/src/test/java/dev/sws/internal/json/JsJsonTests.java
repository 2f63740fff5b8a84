package dev.sws.internal.json;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

import dev.sws.testsupport.Vectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link JsJson} against JavaScript: the {@code nacl_cert.js_json_canonicalisation} vectors and
 * number formatting cases whose expected text was printed by Node 20's {@code JSON.stringify}.
 */
class JsJsonTests {

	@Test
	void everyCanonicalisationVectorMatchesJsonStringifyOfJsonParse() {
		int checked = 0;
		for (JsonNode testCase : Vectors.section("nacl_cert").get("js_json_canonicalisation")) {
			String input = testCase.get("input").asString();
			String expected = testCase.get("JSON_stringify_of_JSON_parse").asString();
			assertThat(JsJson.stringify(JsJson.parse(input, false))).as("JSON.stringify(JSON.parse(%s))", input)
				.isEqualTo(expected);
			checked++;
		}
		assertThat(checked).isEqualTo(7);
	}

	@Test
	void duplicateKeysAreRefusedByDefault() {
		assertThatExceptionOfType(JsonFormatException.class)
			.isThrownBy(() -> JsJson.parse("{\"a\":1,\"a\":2}"));
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = ' ', value = { "1e21 1e+21", "1e-7 1e-7", "0.000001 0.000001", "123e-20 1.23e-18",
			"0.30000000000000004 0.30000000000000004", "9007199254740992 9007199254740992",
			"1152921504606846976 1152921504606847000", "1e15 1000000000000000", "5e-324 5e-324",
			"1.5e-323 1.5e-323", "1.7976931348623157e308 1.7976931348623157e+308",
			"123456789012345680000 123456789012345680000", "9.5e20 950000000000000000000", "-1.5e-9 -1.5e-9",
			"4000000000000 4000000000000", "-0 0", "1.50 1.5", "100 100" })
	void numbersFormatLikeJavaScript(String literal, String expected) {
		assertThat(JsJson.formatNumber(Double.parseDouble(literal))).isEqualTo(expected);
	}

	@ParameterizedTest(name = "2^{0} -> {1}")
	@CsvSource(delimiter = ' ', value = { "-1017 7.120236347223045e-307", "-140 7.174648137343064e-43",
			"-1016 1.424047269444609e-306", "-1006 1.4582244039112795e-303", "-960 1.0261342003245941e-289" })
	void powersOfTwoUseTheShortestDigitsOfTheirAsymmetricInterval(int exponent, String expected) {
		assertThat(JsJson.formatNumber(Math.scalb(1.0, exponent))).isEqualTo(expected);
	}

}
