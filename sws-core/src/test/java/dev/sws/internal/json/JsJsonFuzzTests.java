package dev.sws.internal.json;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the JavaScript-exact JSON: any bytes either fail with a typed
 * {@link JsonFormatException} or parse to a value whose {@link JsJson#stringify} output is a
 * fixed point (it parses again, to a value that stringifies to the same text), with duplicate
 * keys refused or, leniently, resolved as JavaScript does; and every double formats as JavaScript
 * does it, the shortest text that parses back to the same double. Regression inputs:
 * {@code src/test/resources/dev/sws/json/JsJsonFuzzTestsInputs}.
 */
class JsJsonFuzzTests {

	@FuzzTest(maxDuration = "5m")
	@DictionaryEntries({ "\\u", "\\ud800", "\\udc00", "1e+21", "1e-7", "-0", "0.1", "\"__proto__\"", "\"10\"", "\"4294967295\"",
			"true", "false", "null", "[", "{" })
	void parseThenStringify(byte[] input) {
		JsValue value;
		try {
			value = JsJson.parse(input, 0, input.length);
		}
		catch (JsonFormatException ex) {
			return;
		}
		assertFixedPoint(JsJson.stringify(value));
	}

	@FuzzTest(maxDuration = "5m")
	@DictionaryEntries({ "\\u", "\\ud800", "1e+21", "-0", "\"__proto__\"", "\"10\"", "\"a\":", "\"a\":1,\"a\":" })
	void parseLenientlyThenStringify(byte[] input) {
		JsValue value;
		try {
			value = JsJson.parse(StrictUtf8.decode(input, 0, input.length), false);
		}
		catch (JsonFormatException ex) {
			return;
		}
		assertFixedPoint(JsJson.stringify(value));
	}

	@FuzzTest(maxDuration = "5m")
	void formatNumber(FuzzedDataProvider data) {
		double value = Double.longBitsToDouble(data.consumeLong());
		String text = JsJson.formatNumber(value);
		if (Double.isNaN(value) || Double.isInfinite(value)) {
			if (!text.equals("null")) {
				throw new AssertionError(value + " formats as " + text);
			}
			return;
		}
		if (Double.parseDouble(text) != value || ((JsNumber) JsJson.parse(text)).value() != value) {
			throw new AssertionError(value + " formats as " + text + ", which does not parse back to it");
		}
		String digits = text.split("e", 2)[0];
		if (digits.contains(".") && digits.endsWith("0")) {
			throw new AssertionError(value + " formats with a trailing zero: " + text);
		}
	}

	private static void assertFixedPoint(String once) {
		String twice = JsJson.stringify(JsJson.parse(once));
		if (!once.equals(twice)) {
			throw new AssertionError("stringify is not a fixed point: " + once + " became " + twice);
		}
	}

}
