package dev.sws.cert;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import dev.sws.testsupport.CertFixtures;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link HostMatcher} and the IP literal parser behind it, next to the original's
 * {@code checkDomain} and {@code checkIP} results recorded in the vectors.
 */
class HostMatcherTests {

	/** Our answer for each recorded {@code checkDomain} case, keyed by cert name and host. */
	private static final Map<String, Boolean> OURS_FOR_CHECK_DOMAIN = Map.of(
			"example.com example.com", true,
			"example.com www.example.com", false,
			"example.com example.com.evil.net", false,
			"example.com notexample.com", false,
			"example.com exampleXcom", false,
			"EXAMPLE.com example.COM", true,
			"a bank.test", false,
			"* x", false,
			".* anything.net", false,
			"localhost 127.0.0.1", false);

	@Test
	void everyRecordedCheckDomainCaseNextToOurStricterAnswer() {
		int checked = 0;
		for (JsonNode testCase : CertFixtures.vectors().get("checkDomain")) {
			String name = testCase.get("cert_name").asString();
			String host = testCase.get("expected_host").asString();
			String key = name + " " + host;
			assertThat(OURS_FOR_CHECK_DOMAIN).as("our answer for %s", key).containsKey(key);
			boolean ours = HostMatcher.matches(List.of(name), List.of(), host);
			assertThat(ours).as("%s (original: %s)", key, testCase.get("original_result")).isEqualTo(OURS_FOR_CHECK_DOMAIN.get(key));
			if (testCase.get("original_result").isBoolean() && testCase.get("original_result").asBoolean()) {
				// The original matched: we agree only on exact (case-insensitive) names.
				assertThat(ours).as(key).isEqualTo(name.equalsIgnoreCase(host));
			}
			checked++;
		}
		assertThat(checked).isEqualTo(OURS_FOR_CHECK_DOMAIN.size());
	}

	@Test
	void everyRecordedCheckIpCaseWhereAddressesNotStringsAreCompared() {
		int checked = 0;
		for (JsonNode testCase : CertFixtures.vectors().get("checkIP")) {
			String ip = testCase.get("cert_ip").asString();
			String remote = testCase.get("remote").asString();
			// The original compares strings, so ::ffff:127.0.0.1 misses 127.0.0.1; as addresses they are equal.
			assertThat(HostMatcher.matches(List.of(), List.of(ip), remote)).as("%s vs %s", ip, remote).isTrue();
			checked++;
		}
		assertThat(checked).isEqualTo(3);
	}

	@ParameterizedTest(name = "{0} ~ {1}: {2}")
	@CsvSource(delimiter = ' ', value = { "example.com example.com true", "example.com EXAMPLE.COM true",
			"example.com example.com. true", "example.com. example.com true", "bücher.test bücher.test true",
			"*.example.com a.example.com true", "*.example.com A.Example.Com true",
			"*.example.com example.com false", "*.example.com a.b.example.com false",
			"*.example.com .example.com false", "*.example.com aexample.com false", "*.com a.com false",
			"a*.example.com ab.example.com false",
			"a.*.example.com a.b.example.com false", "example.* example.com false", "* anything false",
			"example.com example.co false", "example.com xample.com false" })
	void dnsNamesMatchExactlyWithAnOptionalWildcardLabel(String name, String host, boolean matches) {
		assertThat(HostMatcher.matches(List.of(name), List.of(), host)).isEqualTo(matches);
	}

	/**
	 * Java's {@code equalsIgnoreCase} folds Unicode case, so that these hosts matched names they
	 * merely resemble: the dotless ı (U+0131), the Kelvin sign K (U+212A), the long s ſ (U+017F).
	 * Only ASCII letters may differ in case.
	 */
	@ParameterizedTest(name = "{0} ~ {1}: {2}")
	@MethodSource
	void onlyAsciiLettersFoldCase(String name, String host, boolean matches) {
		assertThat(HostMatcher.matches(List.of(name), List.of(), host)).isEqualTo(matches);
	}

	static Stream<Arguments> onlyAsciiLettersFoldCase() {
		return Stream.of(Arguments.of("admin.example.com", "adm\u0131n.example.com", false),
				Arguments.of("adm\u0131n.example.com", "admin.example.com", false),
				Arguments.of("adm\u0131n.example.com", "ADMIN.example.com", false),
				Arguments.of("kit.example.com", "\u212Ait.example.com", false),
				Arguments.of("\u212Ait.example.com", "kit.example.com", false),
				Arguments.of("sso.example.com", "\u017Fso.example.com", false),
				Arguments.of("sso.example.com", "s\u017Fo.example.com", false),
				Arguments.of("*.kit.test", "a.\u212Ait.test", false),
				Arguments.of("*.\u212Aelvin.test", "a.kelvin.test", false),
				Arguments.of("bücher.test", "BÜCHER.test", false),
				Arguments.of("*.example.com", "x.EXAMPLE.com", true),
				Arguments.of("ADMIN.EXAMPLE.COM", "admin.example.com", true),
				Arguments.of("xn--bcher-kva.test", "XN--BCHER-KVA.test", true),
				Arguments.of("adm\u0131n.example.com", "adm\u0131n.example.com", true));
	}

	@Test
	void ipHostsNeverMatchAnIpWrittenAmongTheNames() {
		// certificates for the original's browser build list IPs among their names too: we ignore them there
		assertThat(HostMatcher.matches(List.of("localhost", "127.0.0.1", "::1"), List.of(), "127.0.0.1")).isFalse();
		assertThat(HostMatcher.matches(List.of("localhost", "127.0.0.1", "::1"), List.of(), "[::1]")).isFalse();
		assertThat(HostMatcher.matches(List.of("localhost", "::1"), List.of(), "::1")).isFalse();
		assertThat(HostMatcher.matches(List.of("127.0.0.1"), List.of("::1"), "127.0.0.1")).isFalse();
		assertThat(HostMatcher.matches(List.of("127.0.0.1"), List.of("127.0.0.1"), "127.0.0.1")).isTrue();
	}

	@ParameterizedTest(name = "{0} ~ {1}: {2}")
	@CsvSource(delimiter = ' ', value = { "127.0.0.1 127.0.0.1 true", "127.0.0.1 ::ffff:127.0.0.1 true",
			"127.0.0.1 [::ffff:127.0.0.1] true", "::ffff:7f00:1 127.0.0.1 true", "::1 ::1 true", "::1 [::1] true",
			"::1 0:0:0:0:0:0:0:1 true", "2001:db8::1 2001:DB8:0:0::1 true", "127.0.0.1 127.0.0.2 false",
			"127.0.0.1 127.1 false", "127.0.0.1 0177.0.0.1 false", "::1 ::2 false", "127.0.0.1 [127.0.0.1] false",
			"localhost 127.0.0.1 false", "not-an-ip 127.0.0.1 false" })
	void ipHostsMatchIpsAsAddresses(String ip, String host, boolean matches) {
		assertThat(HostMatcher.matches(List.of(), List.of(ip), host)).isEqualTo(matches);
	}

	@Test
	void ipHostsNeverMatchNamesAndNamesNeverMatchIps() {
		assertThat(HostMatcher.matches(List.of("127.0.0.1"), List.of(), "127.0.0.1")).isFalse();
		assertThat(HostMatcher.matches(List.of(), List.of("127.0.0.1"), "localhost")).isFalse();
		assertThat(HostMatcher.matches(List.of("*.0.0.1"), List.of(), "127.0.0.1")).isFalse();
	}

	@Test
	void emptyAndMissingHostsMatchNothing() {
		assertThat(HostMatcher.matches(List.of("", "."), List.of(""), "")).isFalse();
		assertThat(HostMatcher.matches(List.of("", "."), List.of(""), null)).isFalse();
		assertThat(HostMatcher.matches(List.of("."), List.of(), ".")).isFalse();
		assertThat(HostMatcher.matches(List.of("[::1]"), List.of(), "[::1]")).isFalse();
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = ' ', value = { "0.0.0.0 00000000", "255.255.255.255 ffffffff", "192.0.2.1 c0000201",
			":: 00000000000000000000000000000000", "::1 00000000000000000000000000000001",
			"1:: 00010000000000000000000000000000", "1:2:3:4:5:6:7:: 00010002000300040005000600070000",
			"::2:3:4:5:6:7:8 00000002000300040005000600070008", "fe80::1:2 fe800000000000000000000000010002",
			"::192.0.2.1 000000000000000000000000c0000201", "::ffff:192.0.2.1 c0000201",
			"0:0:0:0:0:ffff:c000:0201 c0000201", "1:2:3:4:5:6:1.2.3.4 00010002000300040005000601020304" })
	void literalsParseToTheirAddress(String literal, String hex) {
		assertThat(IpLiteral.parse(literal)).isEqualTo(HexFormat.of().parseHex(hex));
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "", "1", "1.2.3", "127.1", "1.2.3.4.5", "1.2.3.256", "01.2.3.4", "1.2.3.-4", "1..2.3",
			"1.2.3.4.", " 1.2.3.4", "localhost", "example.com", ":", ":::", "1:::2", "1::2::3", ":1::", "::1:",
			"1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8::", "12345::", "g::1", "::1%eth0", "[::1]",
			"::1.2.3", "1.2.3.4::", "::١", "１.2.3.4", "1:2:3:4:5:6:7:1.2.3.4" })
	void nonLiteralsAreRefusedWithoutAnyLookup(String text) {
		assertThat(IpLiteral.parse(text)).isNull();
		assertThat(HostMatcher.isIpLiteral(text)).isFalse();
	}

	@ParameterizedTest(name = "{0}: {1}")
	@CsvSource(delimiter = ' ', value = { "*.example.com true", "*.example.com. true", "*.com false", "*. false",
			"* false", "*.*.example.com false", "a.*.example.com false", "*.example..com false", "example.com false" })
	void wildcardsNeedAWholeLeftmostLabelAndTwoMoreLabels(String name, boolean wildcard) {
		assertThat(HostMatcher.isWildcard(name)).isEqualTo(wildcard);
	}

}
