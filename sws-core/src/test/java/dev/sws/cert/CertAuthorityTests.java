package dev.sws.cert;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.sws.crypto.BoxKeyPair;
import dev.sws.crypto.Ed25519KeyPair;
import dev.sws.crypto.RandomSource;
import dev.sws.internal.crypto.Ed25519;
import dev.sws.internal.json.JsString;
import dev.sws.testsupport.CertFixtures;

import static dev.sws.testsupport.CertFixtures.clockAt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link CertAuthority}: what it issues and what it refuses to issue.
 */
class CertAuthorityTests {

	private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

	private final Clock clock = clockAt(NOW);

	private final CertAuthority authority = CertAuthority.generate("ca.test", NOW.plus(Duration.ofDays(10)), this.clock,
			RandomSource.secure());

	private final byte[] boxKey = BoxKeyPair.generate(RandomSource.secure()).getPublicKey();

	@Test
	void generatedCaIsSelfSignedInTheOriginalsKeyOrder() {
		NaclCert ca = this.authority.getCertificate();
		assertThat(ca.getDesc().keys()).containsExactly("version", "type", "ca", "tte", "publickey", "signtime", "gid");
		assertThat(ca.getType()).isEqualTo("self");
		assertThat(ca.getCa()).isEqualTo("ca.test");
		assertThat(ca.getExpiresAt()).isEqualTo(NOW.plus(Duration.ofDays(10)));
		assertThat(ca.getSignTime()).contains(NOW.toEpochMilli());
		assertThat(Ed25519.verify(ca.getPublicKey(), ca.getSignedBytes(), ca.getSignature())).isTrue();
		assertThat(TrustPolicy.checkTrustAnchor(ca, this.clock, Duration.ZERO)).isEmpty();
		assertThat(this.authority.getName()).isEqualTo("ca.test");
	}

	@Test
	void issuedCertHasTheOriginalToolsKeyOrderAndLeavesOutEmptyMacs() {
		NaclCert cert = this.authority.issue(this.boxKey, List.of("a.test"), List.of(), NOW.plus(Duration.ofDays(1)));
		assertThat(cert.getDesc().keys()).containsExactly("version", "type", "tte", "publickey", "names", "ips", "ca",
				"signtime", "gid");
		assertThat(cert.toJson()).contains("\"names\":[\"a.test\"],\"ips\":[],\"ca\":\"ca.test\"");
		assertThat(cert.getPublicKey()).isEqualTo(this.boxKey);
		NaclCert withMacs = this.authority.issue(this.boxKey, List.of("a.test"), List.of("::1"), List.of("aa:bb"),
				NOW.plus(Duration.ofDays(1)));
		assertThat(withMacs.getDesc().keys()).containsExactly("version", "type", "tte", "publickey", "names", "ips",
				"macs", "ca", "signtime", "gid");
		TrustPolicy policy = TrustPolicy.builder().trustAnchor(this.authority.getCertificate()).clock(this.clock).build();
		assertThat(policy.verifyServer(cert, this.boxKey, "a.test")).isEmpty();
		assertThat(policy.verifyServer(withMacs, this.boxKey, "[::1]")).isEmpty();
	}

	@Test
	void gidIsAVersionFourUuidLikeNodeUuidWrites() {
		byte[] allOnes = new byte[16];
		Arrays.fill(allOnes, (byte) 0xff);
		RandomSource random = (bytes) -> System.arraycopy(allOnes, 0, bytes, 0, bytes.length);
		CertAuthority ca = CertAuthority.of(this.authority.getCertificate(),
				Ed25519KeyPair.fromSecretKey(this.authority.exportSecretKey()), this.clock, random);
		NaclCert cert = ca.issue(this.boxKey, List.of("a.test"), List.of(), NOW.plus(Duration.ofDays(1)));
		assertThat(cert.getGid()).contains("ffffffff-ffff-4fff-bfff-ffffffffffff");
		assertThat(this.authority.getCertificate().getGid().orElseThrow())
			.matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
	}

	@Test
	void refusesWeakOrMalformedBoxKeys() {
		byte[] one = new byte[32];
		one[0] = 1;
		for (byte[] key : List.of(new byte[32], one, new byte[31], HexFormat.of()
			.parseHex("ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"))) {
			assertThatIllegalArgumentException()
				.isThrownBy(() -> this.authority.issue(key, List.of("a.test"), List.of(), NOW.plus(Duration.ofDays(1))))
				.withMessageContaining("box public key");
		}
	}

	@Test
	void refusesExpiriesInThePastOrAfterTheCa() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.authority.issue(this.boxKey, List.of("a.test"), List.of(), NOW))
			.withMessageContaining("not in the future");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.authority.issue(this.boxKey, List.of("a.test"), List.of(),
					NOW.plus(Duration.ofDays(10)).plusMillis(1)))
			.withMessageContaining("after its CA");
		assertThat(this.authority.issue(this.boxKey, List.of("a.test"), List.of(), NOW.plus(Duration.ofDays(10)))
			.getExpiresAt()).isEqualTo(this.authority.getExpiresAt());
	}

	@Test
	void expiredCaIssuesNothing() {
		CertAuthority testCa = CertFixtures.testCa(NOW);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> testCa.issue(this.boxKey, List.of("a.test"), List.of(), NOW.plus(Duration.ofDays(1))))
			.withMessageContaining("expired at 2024-11-23T15:18:24.475Z");
	}

	@Test
	void refusesACertThatNamesNothing() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.authority.issue(this.boxKey, List.of(), List.of(), NOW.plus(Duration.ofDays(1))))
			.withMessageContaining("at least one name or IP");
		assertThat(this.authority.issue(this.boxKey, List.of(), List.of("192.0.2.1"), NOW.plus(Duration.ofDays(1)))
			.getNames()).isEmpty();
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "", "a b.test", "a,b.test", "tab\t.test", "line\n.test", "a*.test", "*.test", "*",
			"x.*.test", "*.*.test" })
	void refusesNamesThatCannotMatchSafely(String name) {
		assertThatIllegalArgumentException().isThrownBy(
				() -> this.authority.issue(this.boxKey, List.of(name), List.of(), NOW.plus(Duration.ofDays(1))));
	}

	@Test
	void refusesNonAsciiNamesAndSuggestsTheirALabel() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.authority.issue(this.boxKey, List.of("example.test", "bücher.test"), List.of(),
					NOW.plus(Duration.ofDays(1))))
			.withMessage("A cert name must be ASCII: write an internationalised name as its A-label, here "
					+ "\"xn--bcher-kva.test\", not \"bücher.test\"");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.authority.issue(this.boxKey, List.of("adm\u0131n.example.test"), List.of(),
					NOW.plus(Duration.ofDays(1))))
			.withMessageContaining("must be ASCII")
			.withMessageContaining("xn--");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CertAuthority.generate("ca.bücher.test", NOW.plus(Duration.ofDays(1)), this.clock,
					RandomSource.secure()))
			.withMessageStartingWith("A CA name must be ASCII")
			.withMessageContaining("\"ca.xn--bcher-kva.test\"");
		assertThat(this.authority.issue(this.boxKey, List.of("xn--bcher-kva.test"), List.of(), NOW.plus(Duration.ofDays(1)))
			.getNames()).containsExactly("xn--bcher-kva.test");
	}

	@Test
	void namesWithIpsAppendsEachAddressNotYetAmongTheNames() {
		assertThat(CertAuthority.namesWithIps(List.of("localhost", "::1"), List.of("127.0.0.1", "::1")))
			.containsExactly("localhost", "::1", "127.0.0.1");
		assertThat(CertAuthority.namesWithIps(List.of("a.test"), List.of())).containsExactly("a.test");
		NaclCert cert = this.authority.issue(this.boxKey, CertAuthority.namesWithIps(List.of("a.test"), List.of("::1")),
				List.of("::1"), NOW.plus(Duration.ofDays(1)));
		assertThat(cert.getNames()).containsExactly("a.test", "::1");
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "", "127.1", "localhost", "1.2.3.256", "[::1]", "::1%lo" })
	void refusesIpsThatAreNotLiterals(String ip) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.authority.issue(this.boxKey, List.of("a.test"), List.of(ip),
					NOW.plus(Duration.ofDays(1))))
			.withMessageContaining("IP address literal");
	}

	@Test
	void generateRefusesBlankNamesAndPastExpiries() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CertAuthority.generate(" ", NOW.plus(Duration.ofDays(1)), this.clock, RandomSource.secure()));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CertAuthority.generate("ca.test", NOW, this.clock, RandomSource.secure()));
	}

	@Test
	void ofRefusesACertAndKeyThatDoNotBelongTogether() {
		Ed25519KeyPair otherKeys = Ed25519KeyPair.generate(RandomSource.secure());
		Ed25519KeyPair keys = Ed25519KeyPair.fromSecretKey(this.authority.exportSecretKey());
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CertAuthority.of(this.authority.getCertificate(), otherKeys))
			.withMessageContaining("does not belong");
		NaclCert leaf = this.authority.issue(this.boxKey, List.of("a.test"), List.of(), NOW.plus(Duration.ofDays(1)));
		assertThatIllegalArgumentException().isThrownBy(() -> CertAuthority.of(leaf, keys))
			.withMessageContaining("self-signed");
		NaclCert renamed = CertFixtures.tampered(this.authority.getCertificate(),
				(desc) -> desc.put("ca", new JsString("other.test")));
		assertThatIllegalArgumentException().isThrownBy(() -> CertAuthority.of(renamed, keys))
			.withMessageContaining("does not verify");
	}

	@Test
	void toStringNeverShowsTheSecretKey() {
		String secretHex = HexFormat.of().formatHex(this.authority.exportSecretKey());
		assertThat(this.authority.toString()).contains("ca.test", "secret hidden")
			.doesNotContain(secretHex.substring(0, 16));
	}

}
