package dev.sws.cert;

import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import dev.sws.crypto.BoxKeyPair;
import dev.sws.crypto.Ed25519KeyPair;
import dev.sws.crypto.RandomSource;
import dev.sws.internal.json.JsArray;
import dev.sws.internal.json.JsNumber;
import dev.sws.internal.json.JsObject;
import dev.sws.internal.json.JsString;
import dev.sws.testsupport.CertFixtures;
import dev.sws.testsupport.MutableClock;

import static dev.sws.cert.NaclCertVectorTests.assertReason;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link TrustPolicy}: what it accepts and every reason it refuses for.
 */
class TrustPolicyTests {

	private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

	private final MutableClock clock = new MutableClock(NOW);

	private final CertAuthority authority = CertAuthority.generate("ca.example.test", NOW.plus(Duration.ofDays(365)),
			this.clock, RandomSource.secure());

	private final BoxKeyPair serverKeys = BoxKeyPair.generate(RandomSource.secure());

	private final NaclCert serverCert = this.authority.issue(this.serverKeys.getPublicKey(),
			List.of("example.test", "*.apps.example.test"), List.of("192.0.2.10", "2001:db8::1"),
			NOW.plus(Duration.ofDays(30)));

	private final TrustPolicy policy = TrustPolicy.builder()
		.trustAnchor(this.authority.getCertificate())
		.clock(this.clock)
		.build();

	@Test
	void acceptsACaSignedCertForItsKeyOnEveryHostItNames() {
		byte[] key = this.serverKeys.getPublicKey();
		assertThat(this.policy.validate(this.serverCert)).isEmpty();
		for (String host : List.of("example.test", "EXAMPLE.test.", "x.apps.example.test", "192.0.2.10",
				"::ffff:192.0.2.10", "[2001:db8:0::1]")) {
			assertThat(this.policy.verifyServer(this.serverCert, key, host)).as(host).isEmpty();
		}
		assertThat(this.policy.verifyClient(this.serverCert, key)).isEmpty();
	}

	@Test
	void versionOtherThanOnePointZeroIsMalformed() {
		NaclCert cert = resigned((desc) -> desc.put("version", new JsString("2.0")));
		assertReason(this.policy.validate(cert), CertRejectionReason.MALFORMED);
	}

	@Test
	void unknownTypeIsMalformed() {
		NaclCert cert = resigned((desc) -> desc.put("type", new JsString("leaf")));
		assertReason(this.policy.validate(cert), CertRejectionReason.MALFORMED);
	}

	@Test
	void typeIsComparedIgnoringCaseAsTheOriginalDoes() {
		NaclCert cert = resigned((desc) -> desc.put("type", new JsString("CA")));
		assertThat(this.policy.validate(cert)).isEmpty();
	}

	@Test
	void allZeroAndLowOrderKeysAreWeakEvenWhenSignedByTheCa() {
		NaclCert zero = resigned((desc) -> desc.put("publickey", JsArray.ofBytes(new byte[32])));
		assertReason(this.policy.validate(zero), CertRejectionReason.WEAK_KEY);
		assertReason(this.policy.verifyServer(zero, new byte[32], "example.test"), CertRejectionReason.WEAK_KEY);
		byte[] one = new byte[32];
		one[0] = 1;
		NaclCert lowOrder = resigned((desc) -> desc.put("publickey", JsArray.ofBytes(one)));
		assertReason(this.policy.verifyClient(lowOrder, one), CertRejectionReason.WEAK_KEY);
	}

	@Test
	void forgedSelfSignedCertWithTheIdentityKeyIsRefused() {
		NaclCert forged = CertFixtures.forgedSelfSigned(List.of("example.test"));
		assertThat(forged.getPublicKey()).isEqualTo(HexFormat.of()
			.parseHex("0100000000000000000000000000000000000000000000000000000000000000"));
		assertReason(this.policy.verifyServer(forged, forged.getPublicKey(), "example.test"), CertRejectionReason.WEAK_KEY);
		assertReason(this.policy.verifyClient(forged, forged.getPublicKey()), CertRejectionReason.WEAK_KEY);
		// libsodium refuses the identity key, so the forgery cannot even pose as a trust anchor.
		assertReason(TrustPolicy.checkTrustAnchor(forged, this.clock, Duration.ZERO), CertRejectionReason.BAD_SIGNATURE);
		assertThatIllegalArgumentException().isThrownBy(() -> TrustPolicy.builder().trustAnchor(forged).build());
	}

	@Test
	void selfSignedPeerCertIsAnUntrustedIssuerEvenWhenItIsTheAnchor() {
		NaclCert anchor = this.authority.getCertificate();
		assertReason(this.policy.validate(anchor), CertRejectionReason.UNTRUSTED_ISSUER);
		CertAuthority other = CertAuthority.generate("peer.test", NOW.plus(Duration.ofDays(1)), this.clock,
				RandomSource.secure());
		assertReason(this.policy.verifyClient(other.getCertificate(), other.getCertificate().getPublicKey()),
				CertRejectionReason.UNTRUSTED_ISSUER);
	}

	@Test
	void certFromACaThatIsNoAnchorIsAnUntrustedIssuer() {
		CertAuthority stranger = CertAuthority.generate("stranger.test", NOW.plus(Duration.ofDays(10)), this.clock,
				RandomSource.secure());
		NaclCert cert = stranger.issue(this.serverKeys.getPublicKey(), List.of("example.test"), List.of(),
				NOW.plus(Duration.ofDays(1)));
		Optional<CertRejection> rejection = this.policy.validate(cert);
		assertReason(rejection, CertRejectionReason.UNTRUSTED_ISSUER);
		assertThat(rejection.get().detail()).contains("\"stranger.test\"");
	}

	@Test
	void caNamesCompareIgnoringCase() {
		NaclCert cert = resigned((desc) -> desc.put("ca", new JsString("CA.Example.TEST")));
		assertThat(this.policy.validate(cert)).isEmpty();
	}

	@Test
	void caNamesAndTypesFoldAsciiCaseOnly() {
		NaclCert longSName = resigned((desc) -> desc.put("ca", new JsString("ca.example.te\u017Ft")));
		assertReason(this.policy.validate(longSName), CertRejectionReason.UNTRUSTED_ISSUER);
		NaclCert longSType = resigned((desc) -> desc.put("type", new JsString("\u017Felf")));
		assertReason(this.policy.validate(longSType), CertRejectionReason.MALFORMED);
	}

	/**
	 * The original issues certificates with any names, so a received cert with a non-ASCII name
	 * is still valid; the name simply matches no host but one spelled the same.
	 */
	@Test
	void aNonAsciiNameInAReceivedCertMatchesNoHostThatDiffers() {
		NaclCert cert = resigned((desc) -> desc.put("names", JsArray.ofStrings(List.of("adm\u0131n.example.test"))));
		byte[] key = this.serverKeys.getPublicKey();
		assertThat(this.policy.validate(cert)).isEmpty();
		for (String host : List.of("admin.example.test", "ADMIN.example.test", "xn--admn-nza.example.test")) {
			assertReason(this.policy.verifyServer(cert, key, host), CertRejectionReason.HOST_MISMATCH);
		}
		assertThat(this.policy.verifyServer(cert, key, "adm\u0131n.example.test")).isEmpty();
	}

	@Test
	void alteredSignatureOrDescIsABadSignature() {
		JsObject root = this.serverCert.toJsValue();
		byte[] signature = this.serverCert.getSignature();
		signature[10] ^= 1;
		root.put("sign", new JsObject().put("signature", JsArray.ofBytes(signature)));
		assertReason(this.policy.validate(NaclCert.of(root)), CertRejectionReason.BAD_SIGNATURE);
		NaclCert renamed = CertFixtures.tampered(this.serverCert,
				(desc) -> desc.put("names", JsArray.ofStrings(List.of("bank.test"))));
		assertReason(this.policy.validate(renamed), CertRejectionReason.BAD_SIGNATURE);
	}

	@Test
	void certExpiresOnceItsTteAndTheSkewHavePassed() {
		this.clock.advance(Duration.ofDays(30).plus(TrustPolicy.DEFAULT_CLOCK_SKEW).minusMillis(1));
		assertThat(this.policy.validate(this.serverCert)).isEmpty();
		this.clock.advance(Duration.ofMillis(1));
		assertReason(this.policy.validate(this.serverCert), CertRejectionReason.EXPIRED);
		TrustPolicy noSkew = TrustPolicy.builder()
			.trustAnchor(this.authority.getCertificate())
			.clock(new MutableClock(NOW.plus(Duration.ofDays(30))))
			.clockSkew(Duration.ZERO)
			.build();
		assertReason(noSkew.validate(this.serverCert), CertRejectionReason.EXPIRED);
	}

	@Test
	void fractionalTteAsTheOriginalsToolWritesForSomeDaysIsAccepted() {
		// nacl-cert's CLI writes now + days * 86400000: 1.23456789 days add 106666665.696 ms.
		NaclCert cert = resigned((desc) -> desc.put("tte", new JsNumber(NOW.toEpochMilli() + 106666665.696)));
		assertThat(cert.toJson()).contains("\"tte\":1893562666665.696,");
		assertThat(cert.getTte()).isEqualTo(NOW.toEpochMilli() + 106666666);
		assertThat(this.policy.validate(cert)).isEmpty();
	}

	@Test
	void caThatExpiresAfterThePolicyWasBuiltIsReportedAsExpired() {
		NaclCert outliving = resigned((desc) -> desc.put("tte",
				new JsNumber(this.authority.getCertificate().getTte() + Duration.ofDays(30).toMillis())));
		this.clock.advance(Duration.ofDays(366));
		Optional<CertRejection> rejection = this.policy.validate(outliving);
		assertReason(rejection, CertRejectionReason.EXPIRED);
		assertThat(rejection.get().detail()).contains("CA \"ca.example.test\" expired");
	}

	@Test
	void certIssuedByTheOriginalsTestCaExpiresWithIt() {
		MutableClock clock = new MutableClock(CertFixtures.VECTOR_TIME);
		CertAuthority testCa = CertFixtures.testCa(CertFixtures.VECTOR_TIME);
		NaclCert cert = testCa.issue(this.serverKeys.getPublicKey(), List.of("example.test"), List.of(),
				testCa.getExpiresAt());
		TrustPolicy trust = TrustPolicy.builder().trustAnchor(testCa.getCertificate()).clock(clock).build();
		assertThat(trust.validate(cert)).isEmpty();
		clock.advance(Duration.ofDays(3650));
		assertReason(trust.validate(cert), CertRejectionReason.EXPIRED);
	}

	@Test
	void certThatOutlivesItsCaIsAnUntrustedIssuer() {
		NaclCert outliving = resigned((desc) -> desc.put("tte",
				new JsNumber(this.authority.getCertificate().getTte() + 1)));
		Optional<CertRejection> rejection = this.policy.validate(outliving);
		assertReason(rejection, CertRejectionReason.UNTRUSTED_ISSUER);
		assertThat(rejection.get().detail()).contains("after its CA");
	}

	@Test
	void certForAnotherKeyIsAKeyMismatch() {
		byte[] otherKey = BoxKeyPair.generate(RandomSource.secure()).getPublicKey();
		assertReason(this.policy.verifyServer(this.serverCert, otherKey, "example.test"),
				CertRejectionReason.KEY_MISMATCH);
		assertReason(this.policy.verifyClient(this.serverCert, otherKey), CertRejectionReason.KEY_MISMATCH);
	}

	@Test
	void hostTheCertDoesNotNameIsAHostMismatch() {
		byte[] key = this.serverKeys.getPublicKey();
		for (String host : List.of("notexample.test", "example.test.evil.net", "a.b.apps.example.test",
				"apps.example.test", "192.0.2.11", "localhost", "")) {
			assertReason(this.policy.verifyServer(this.serverCert, key, host), CertRejectionReason.HOST_MISMATCH);
		}
		assertReason(this.policy.verifyServer(this.serverCert, key, null), CertRejectionReason.HOST_MISMATCH);
	}

	/** The refusal said which host was refused, but not what the certificate covers. */
	@Test
	void aHostMismatchSaysWhatTheCertCovers() {
		assertThat(this.policy.verifyServer(this.serverCert, this.serverKeys.getPublicKey(), "notexample.test"))
			.hasValueSatisfying((rejection) -> assertThat(rejection.detail()).isEqualTo("The cert does not cover host "
					+ "\"notexample.test\"; it covers names [\"example.test\", \"*.apps.example.test\"] and ips "
					+ "[\"192.0.2.10\", \"2001:db8::1\"]"));
		List<String> names = IntStream.range(0, 12).mapToObj((i) -> "host" + i + ".example.test").toList();
		NaclCert many = this.authority.issue(this.serverKeys.getPublicKey(), names, List.of(), NOW.plus(Duration.ofDays(1)));
		assertThat(this.policy.verifyServer(many, this.serverKeys.getPublicKey(), "other.test"))
			.hasValueSatisfying((rejection) -> assertThat(rejection.detail())
				.endsWith("\"host9.example.test\", and 2 more] and ips []")
				.doesNotContain("host10"));
	}

	@Test
	void clientCertsAreNotCheckedAgainstAnyHostOrAddress() {
		NaclCert clientCert = this.authority.issue(this.serverKeys.getPublicKey(), List.of("client.test"),
				List.of("198.51.100.7"), NOW.plus(Duration.ofDays(1)));
		assertThat(this.policy.verifyClient(clientCert, this.serverKeys.getPublicKey())).isEmpty();
	}

	@Test
	void rotationAcceptsCertsOfBothCasOfOneNameUntilTheOldOneExpires() {
		CertAuthority next = CertAuthority.generate("ca.example.test", NOW.plus(Duration.ofDays(730)), this.clock,
				RandomSource.secure());
		TrustPolicy rotating = TrustPolicy.builder()
			.trustAnchors(List.of(this.authority.getCertificate(), next.getCertificate()))
			.clock(this.clock)
			.build();
		NaclCert oldCert = this.authority.issue(this.serverKeys.getPublicKey(), List.of("example.test"), List.of(),
				this.authority.getExpiresAt());
		NaclCert newCert = next.issue(this.serverKeys.getPublicKey(), List.of("example.test"), List.of(),
				NOW.plus(Duration.ofDays(700)));
		assertThat(rotating.validate(oldCert)).isEmpty();
		assertThat(rotating.validate(newCert)).isEmpty();
		this.clock.advance(Duration.ofDays(400));
		assertReason(rotating.validate(oldCert), CertRejectionReason.EXPIRED);
		assertThat(rotating.validate(newCert)).isEmpty();
	}

	@Test
	void theIssuerIsTheAnchorThatVouchesForTheCert() {
		assertThat(this.policy.issuer(this.serverCert)).contains(this.authority.getCertificate());
		CertAuthority next = CertAuthority.generate("ca.example.test", NOW.plus(Duration.ofDays(730)), this.clock,
				RandomSource.secure());
		NaclCert fromNext = next.issue(this.serverKeys.getPublicKey(), List.of("example.test"), List.of(),
				NOW.plus(Duration.ofDays(30)));
		TrustPolicy rotating = TrustPolicy.builder()
			.trustAnchor(this.authority.getCertificate())
			.trustAnchor(next.getCertificate())
			.clock(this.clock)
			.build();
		assertThat(rotating.issuer(this.serverCert)).contains(this.authority.getCertificate());
		assertThat(rotating.issuer(fromNext)).contains(next.getCertificate());
		assertThat(this.policy.issuer(fromNext)).isEmpty();
		assertThat(this.policy.issuer(CertFixtures.tampered(this.serverCert,
				(desc) -> desc.put("names", JsArray.ofStrings(List.of("evil.test")))))).isEmpty();
	}

	@Test
	void aVerdictTellsWhatVerifyAndIssuerTellInOnePass() {
		CertVerdict server = this.policy.checkServer(this.serverCert, this.serverKeys.getPublicKey(), "example.test");
		assertThat(server.isAccepted()).isTrue();
		assertThat(server.issuer()).contains(this.authority.getCertificate());
		CertVerdict client = this.policy.checkClient(this.serverCert, this.serverKeys.getPublicKey());
		assertThat(client.issuer()).contains(this.authority.getCertificate());
		CertVerdict wrongHost = this.policy.checkServer(this.serverCert, this.serverKeys.getPublicKey(), "evil.test");
		assertThat(wrongHost.rejection()).isEqualTo(this.policy.verifyServer(this.serverCert,
				this.serverKeys.getPublicKey(), "evil.test"));
		assertThat(wrongHost.issuer()).isEmpty();
		CertVerdict wrongKey = this.policy.checkClient(this.serverCert, new byte[32]);
		assertReason(wrongKey.rejection(), CertRejectionReason.KEY_MISMATCH);
		assertThat(wrongKey.issuer()).isEmpty();
	}

	@Test
	void detailsQuoteCertTextOnOneLineAndNeverShowKeys() {
		NaclCert cert = resigned((desc) -> desc.put("ca", new JsString("evil\n\u001b[31mlog\u2028line")));
		Optional<CertRejection> rejection = this.policy.validate(cert);
		assertReason(rejection, CertRejectionReason.UNTRUSTED_ISSUER);
		assertThat(rejection.get().detail()).doesNotContain("\n", "\u001b", "\u2028").contains("\\n", "\\u001b");
		byte[] key = this.serverKeys.getPublicKey();
		String keyAsJson = JsArray.ofBytes(key).toJson();
		String keyAsHex = HexFormat.of().formatHex(key);
		for (Optional<CertRejection> each : List.of(this.policy.verifyServer(this.serverCert, new byte[32], "x.test"),
				this.policy.verifyServer(this.serverCert, key, "other.test"),
				this.policy.validate(this.authority.getCertificate()))) {
			assertThat(each.orElseThrow().detail()).doesNotContain(keyAsJson.substring(1, 20), keyAsHex.substring(0, 16));
			assertThat(each.orElseThrow().toString()).startsWith(each.orElseThrow().reason().getTag() + ": ");
		}
	}

	@Test
	void builderRefusesUnusableAnchors() {
		assertThatIllegalArgumentException().isThrownBy(() -> TrustPolicy.builder().build())
			.withMessageContaining("at least one trust anchor");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> TrustPolicy.builder().trustAnchor(this.serverCert).clock(this.clock).build())
			.withMessageContaining("not self-signed");
		NaclCert tamperedAnchor = CertFixtures.tampered(this.authority.getCertificate(),
				(desc) -> desc.put("ca", new JsString("other.test")));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> TrustPolicy.builder().trustAnchor(tamperedAnchor).clock(this.clock).build())
			.withMessageContaining("does not verify");
		MutableClock later = new MutableClock(NOW.plus(Duration.ofDays(400)));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> TrustPolicy.builder().trustAnchor(this.authority.getCertificate()).clock(later).build())
			.withMessageContaining("expired");
		assertThatIllegalArgumentException().isThrownBy(() -> TrustPolicy.builder().clockSkew(Duration.ofSeconds(-1)));
	}

	private NaclCert resigned(Consumer<JsObject> change) {
		JsObject desc = this.serverCert.getDesc();
		change.accept(desc);
		return CertFixtures.sign(desc, signingKeys());
	}

	private Ed25519KeyPair signingKeys() {
		return Ed25519KeyPair.fromSecretKey(this.authority.exportSecretKey());
	}

}
