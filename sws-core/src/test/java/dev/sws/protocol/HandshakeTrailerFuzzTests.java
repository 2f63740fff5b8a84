package dev.sws.protocol;

import java.util.EnumSet;
import java.util.Set;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.sws.cert.NaclCert;
import dev.sws.cert.TrustPolicy;
import dev.sws.crypto.BoxKeyPair;
import dev.sws.crypto.RandomSource;
import dev.sws.protocol.HandshakeFixture.ManualClient;
import dev.sws.testsupport.Vectors;

import static dev.sws.protocol.FailureReason.CERT_BAD_SIGNATURE;
import static dev.sws.protocol.FailureReason.CERT_EXPIRED;
import static dev.sws.protocol.FailureReason.CERT_HOST_MISMATCH;
import static dev.sws.protocol.FailureReason.CERT_KEY_MISMATCH;
import static dev.sws.protocol.FailureReason.CERT_MALFORMED;
import static dev.sws.protocol.FailureReason.CERT_MISSING;
import static dev.sws.protocol.FailureReason.CERT_UNTRUSTED_ISSUER;
import static dev.sws.protocol.FailureReason.CERT_WEAK_KEY;
import static dev.sws.protocol.FailureReason.MALFORMED_TRAILER;

/**
 * Fuzzes the v2 trailers through the real handshake machines: whatever JSON (or not) a peer puts
 * after the 40 fixed bytes of a correctly boxed ServerHello or ClientReady, the machine answers
 * with a step (established, or failed with a trailer or certificate reason) and never throws. The
 * certificates are checked by a real {@link TrustPolicy}, so certificate parsing and validation
 * are fuzzed too. Regression inputs:
 * {@code src/test/resources/dev/sws/protocol/HandshakeTrailerFuzzTestsInputs}.
 */
class HandshakeTrailerFuzzTests {

	private static final Set<FailureReason> TRAILER_REASONS = EnumSet.of(MALFORMED_TRAILER, CERT_MISSING, CERT_MALFORMED,
			CERT_EXPIRED, CERT_UNTRUSTED_ISSUER, CERT_BAD_SIGNATURE, CERT_KEY_MISMATCH, CERT_WEAK_KEY, CERT_HOST_MISMATCH);

	private static final TrustPolicy TRUST = TrustPolicy.builder()
		.trustAnchor(NaclCert.parse(Vectors.section("handshake_v2_requireCert").get("ca_cert").toString()))
		.build();

	private static final ServerHandshakeSettings SERVER = HandshakeFixture.server(EnumSet.of(ProtocolVersion.V2))
		.requireClientCert(TRUST)
		.replayCache(null)
		.build();

	private static final ClientHandshakeSettings CLIENT = ClientHandshakeSettings
		.builder(BoxKeyPair.generate(RandomSource.secure()), ProtocolVersion.V2)
		.serverCertVerifier(TRUST)
		.build();

	@FuzzTest(maxDuration = "5m")
	@DictionaryEntries({ "{\"desc\":", "\"sign\":", "{\"signature\":", "\"version\":\"1.0\"", "\"type\":\"ca\"",
			"\"type\":\"self\"", "\"tte\":", "\"publickey\":", "\"names\":", "\"ips\":", "\"macs\":", "\"ca\":",
			"\"signtime\":", "\"gid\":", "\"localhost\"", "\"127.0.0.1\"", "\"vector-ca.test\"" })
	void clientReadyTrailer(byte[] trailer) {
		ServerHandshake server = new ServerHandshake(SERVER);
		ManualClient client = new ManualClient(2);
		client.open(server.receive(client.hello()));
		check(server.receive(client.ready(trailer)));
	}

	@FuzzTest(maxDuration = "5m")
	@DictionaryEntries({ "{\"cert\":", "\"requireCert\":", "true", "false", "{\"desc\":", "\"sign\":", "{\"signature\":",
			"\"version\":\"1.0\"", "\"type\":\"ca\"", "\"tte\":", "\"publickey\":", "\"names\":", "\"ips\":", "\"ca\":",
			"\"localhost\"", "\"127.0.0.1\"", "\"*.localhost\"" })
	void serverHelloTrailer(byte[] trailer) {
		ClientHandshake client = new ClientHandshake(CLIENT, "localhost");
		check(client.receive(HandshakeFixture.serverHello(client.start(), 2, trailer)));
	}

	private static void check(HandshakeStep step) {
		if (step instanceof HandshakeStep.Failed failed && !TRAILER_REASONS.contains(failed.failure().reason())) {
			throw new AssertionError("Unexpected failure " + failed.failure());
		}
		if (step == null || step instanceof HandshakeStep.Reply) {
			throw new AssertionError("Unexpected step " + step);
		}
	}

}
