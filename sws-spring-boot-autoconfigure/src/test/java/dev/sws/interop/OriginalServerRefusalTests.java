package dev.sws.interop;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.web.socket.WebSocketSession;

import dev.sws.cert.NaclCert;
import dev.sws.cert.TrustPolicy;
import dev.sws.crypto.BoxKeyPair;
import dev.sws.it.TestClients;
import dev.sws.it.TestClients.Collector;
import dev.sws.protocol.ClientHandshakeSettings;
import dev.sws.protocol.FailureReason;
import dev.sws.protocol.ProtocolVersion;
import dev.sws.protocol.SwsHandshakeException;
import dev.sws.protocol.SwsHandshakeException.Kind;
import dev.sws.websocket.SwsWebSocketClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Refusals between our Java client and the original {@code node-sws@1.2.1} server, with both
 * peers running for real: a server certificate from another CA, expired, or for another host; a
 * client certificate from another CA, expired, or for another IP; and a version mismatch in both
 * directions. Each test asserts what both sides do. We refuse with a typed
 * {@link SwsHandshakeException} and close with 1008, which the original sees as its close event.
 * The original refuses a client certificate by closing with 1000 (its {@code error} event says
 * why), and answers a version mismatch with silence until its 2 s handshake timeout.
 */
@Tag("interop")
class OriginalServerRefusalTests {

	static InteropPki pki;

	@BeforeAll
	static void pki() {
		pki = InteropPki.get();
	}

	@Test
	void weRefuseAServerCertificateFromAnotherCa() throws Exception {
		assertWeRefuse(pki.other("server-kp.json"), pki.other("server-cert.json"), FailureReason.CERT_UNTRUSTED_ISSUER,
				"wrong CA");
	}

	@Test
	void weRefuseAnExpiredServerCertificate() throws Exception {
		assertWeRefuse(pki.ours("server-kp.json"), pki.ours("server-expired-cert.json"), FailureReason.CERT_EXPIRED,
				"expired");
	}

	@Test
	void weRefuseAServerCertificateForAnotherHost() throws Exception {
		assertWeRefuse(pki.ours("server-kp.json"), pki.ours("server-elsewhere-cert.json"),
				FailureReason.CERT_HOST_MISMATCH, "host mismatch");
	}

	@Test
	void theOriginalRefusesAClientCertificateFromAnotherCa() throws Exception {
		assertTheOriginalRefuses(pki.other.clientKeys, pki.other.clientCert, "Invalid client cert", "wrong CA");
	}

	@Test
	void theOriginalRefusesAnExpiredClientCertificate() throws Exception {
		assertTheOriginalRefuses(pki.ours.clientKeys, pki.read(pki.ours("client-expired-cert.json")),
				"Invalid client cert", "expired");
	}

	@Test
	void theOriginalRefusesAClientCertificateForAnotherIp() throws Exception {
		assertTheOriginalRefuses(pki.ours.clientKeys, pki.read(pki.ours("client-elsewhere-cert.json")),
				"Invalid client endpoint", "IP mismatch");
	}

	@Test
	void versionMismatchWeCloseWith1008WhereTheOriginalStaysSilent() throws Exception {
		try (OriginalServer server = OriginalServer.start(OriginalConfig.secinfo(1, pki.ours("server-kp.json")))) {
			SwsWebSocketClient client = SwsWebSocketClient
				.builder(ClientHandshakeSettings.builder(pki.ours.clientKeys, ProtocolVersion.V2)
					.serverCertVerifier(TrustPolicy.builder().trustAnchor(pki.ours.ca.getCertificate()).build()))
				.handshakeTimeout(Duration.ofSeconds(1))
				.build();
			long started = System.nanoTime();
			SwsHandshakeException failure = TestClients.failure(client.execute(new Collector(), server.url()));
			long ours = elapsedMillis(started);
			assertThat(failure.getKind()).isEqualTo(Kind.REFUSED_BY_CLIENT);
			assertThat(failure.getReason()).contains(FailureReason.HANDSHAKE_TIMEOUT);
			OriginalEvent close = server.awaitEvent("close", TestClients.WAIT);
			assertThat(close.closeCode()).isEqualTo(1008);
			assertThat(server.events()).extracting(OriginalEvent::type).containsExactly("warn", "close");
			assertThat(server.events().get(0).detail()).contains("Invalid ClientHello opc message");
			report("version mismatch (v2 client, v1 server)", ours, server.events());
		}
	}

	@Test
	void versionMismatchTheOriginalClosesWith1000AfterItsSilent2sTimeout() throws Exception {
		try (OriginalServer server = OriginalServer.start(OriginalConfig.secinfo(2, pki.ours("server-kp.json"))
			.cert(pki.ours("server-cert.json")))) {
			SwsWebSocketClient client = SwsWebSocketClient
				.builder(ClientHandshakeSettings.builder(pki.ours.clientKeys, ProtocolVersion.V1)
					.pinnedServerKeys(List.of(pki.ours.serverKeys.getPublicKey())))
				.handshakeTimeout(Duration.ofSeconds(5))
				.build();
			long started = System.nanoTime();
			SwsHandshakeException failure = TestClients.failure(client.execute(new Collector(), server.url()));
			long ours = elapsedMillis(started);
			assertThat(failure.getKind()).isEqualTo(Kind.CLOSED_BY_SERVER);
			assertThat(failure.getCloseCode()).hasValue(1000);
			OriginalEvent timeout = server.awaitEvent("timeout", TestClients.WAIT);
			assertThat(timeout.ms()).isBetween(1900L, 4000L);
			assertThat(server.awaitEvent("close", TestClients.WAIT).closeCode()).isEqualTo(1000);
			assertThat(ours).isGreaterThanOrEqualTo(1900L);
			assertThat(server.events()).extracting(OriginalEvent::type).containsExactly("warn", "timeout", "close");
			report("version mismatch (v1 client, v2 server)", ours, server.events());
		}
	}

	/**
	 * The original v2 server presents {@code cert}; our client (trusting our CA) refuses it and
	 * closes with 1008, which the original sees.
	 */
	private void assertWeRefuse(Path keyPair, Path cert, FailureReason reason, String what) throws Exception {
		try (OriginalServer server = OriginalServer.start(OriginalConfig.secinfo(2, keyPair).cert(cert))) {
			long started = System.nanoTime();
			SwsHandshakeException failure = TestClients
				.failure(TestClients.v2(pki.ours.ca.getCertificate(), null, null).execute(new Collector(), server.url()));
			long ours = elapsedMillis(started);
			assertThat(failure.getKind()).isEqualTo(Kind.REFUSED_BY_CLIENT);
			assertThat(failure.getReason()).contains(reason);
			assertThat(server.awaitEvent("close", TestClients.WAIT).closeCode()).isEqualTo(reason.getCloseCode())
				.isEqualTo(1008);
			assertThat(server.event("open")).isEmpty();
			report("server cert, " + what, ours, server.events());
		}
	}

	/** The original server requires client certificates from our CA, refuses ours, closes with 1000. */
	private void assertTheOriginalRefuses(BoxKeyPair keys, NaclCert cert, String error, String what) throws Exception {
		try (OriginalServer server = OriginalServer.start(OriginalConfig.secinfo(2, pki.ours("server-kp.json"))
			.cert(pki.ours("server-cert.json"))
			.ca(pki.ours("ca-cert.json"))
			.requireCert(true))) {
			long started = System.nanoTime();
			CompletableFuture<WebSocketSession> session = TestClients.v2(pki.ours.ca.getCertificate(), keys, cert)
				.execute(new Collector(), server.url());
			SwsHandshakeException failure = TestClients.failure(session);
			long ours = elapsedMillis(started);
			assertThat(failure.getKind()).isEqualTo(Kind.CLOSED_BY_SERVER);
			assertThat(failure.getCloseCode()).hasValue(1000);
			assertThat(server.awaitEvent("error", TestClients.WAIT).detail()).isEqualTo(error);
			assertThat(server.awaitEvent("close", TestClients.WAIT).closeCode()).isEqualTo(1000);
			assertThat(server.event("open")).isEmpty();
			report("client cert, " + what, ours, server.events());
		}
	}

	private static long elapsedMillis(long started) {
		return (System.nanoTime() - started) / 1_000_000;
	}

	private static void report(String what, long oursMillis, List<OriginalEvent> originalEvents) {
		System.out.printf("interop: %s: our client failed after %d ms; the original server: %s%n", what, oursMillis,
				originalEvents);
	}

}
