package dev.sws.cert;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.sws.internal.json.JsJson;
import dev.sws.internal.json.JsonFormatException;
import dev.sws.testsupport.CertFixtures;

/**
 * Fuzzes certificate parsing and validation: any bytes either fail with a typed
 * {@link JsonFormatException} or {@link CertFormatException}, or make a certificate whose every
 * accessor works, which a {@link TrustPolicy} judges without throwing, and which survives a round
 * trip through its JSON unchanged (the signed bytes included). Regression inputs:
 * {@code src/test/resources/dev/sws/cert/NaclCertFuzzTestsInputs}.
 */
class NaclCertFuzzTests {

	private static final TrustPolicy POLICY = TrustPolicy.builder()
		.trustAnchor(CertFixtures.vectorCa())
		.trustAnchor(CertFixtures.publishedRoot())
		.clock(CertFixtures.clockAt(CertFixtures.VECTOR_TIME))
		.build();

	@FuzzTest(maxDuration = "5m")
	@DictionaryEntries({ "{\"desc\":", "\"sign\":", "{\"signature\":", "\"version\":\"1.0\"", "\"type\":\"ca\"",
			"\"type\":\"self\"", "\"type\":\"CA\"", "\"tte\":", "\"publickey\":", "\"names\":", "\"ips\":", "\"macs\":",
			"\"ca\":", "\"signtime\":", "\"gid\":", "\"vector-ca.test\"", "\"iwebpp.com\"", "\"*.\"", "\"::ffff:\"" })
	void parse(byte[] input) {
		NaclCert cert;
		try {
			cert = NaclCert.of(JsJson.parse(input, 0, input.length));
		}
		catch (JsonFormatException | CertFormatException ex) {
			return;
		}
		String summary = cert.toString() + cert.getNames() + cert.getIps() + cert.getMacs() + cert.getSignTime() + cert.getGid()
				+ cert.getPublicKeyFingerprint() + cert.getVersion();
		Instant expiry = cert.getExpiresAt();
		byte[] key = cert.getPublicKey();
		POLICY.verifyServer(cert, key, "localhost");
		POLICY.verifyServer(cert, key, "127.0.0.1");
		POLICY.verifyClient(cert, key);
		TrustPolicy.checkTrustAnchor(cert, POLICY.getClock(), Duration.ofMinutes(1));
		NaclCert again = NaclCert.parse(cert.toJson());
		if (!again.equals(cert) || !Arrays.equals(again.getSignedBytes(), cert.getSignedBytes())
				|| !again.getExpiresAt().equals(expiry) || summary.isEmpty()) {
			throw new AssertionError("The cert does not survive a round trip: " + cert.toJson());
		}
	}

}
