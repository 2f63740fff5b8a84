package dev.sws.it;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.sws.cert.CertFiles;
import dev.sws.cert.NaclCert;
import dev.sws.crypto.BoxKeyPair;
import dev.sws.crypto.RandomSource;
import dev.sws.it.TestClients.Collector;
import dev.sws.protocol.ClientHandshakeSettings;
import dev.sws.protocol.FailureReason;
import dev.sws.protocol.ProtocolVersion;
import dev.sws.protocol.SwsHandshakeException;
import dev.sws.testsupport.TestPki;
import dev.sws.websocket.SwsWebSocketClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every typed client failure, provoked for real: the server's certificate names another host, is
 * signed by an untrusted CA, its key is not pinned, the server never answers, or there is no
 * server at all.
 */
@SpringBootTest(classes = SwsTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "server.address=127.0.0.1",
				"logging.level.dev.sws.websocket.SwsClientWebSocketHandlerDecorator=debug" })
@ExtendWith(OutputCaptureExtension.class)
class SwsClientFailureTests {

	static final TestPki PKI = TestPki.create("failures.sws.test");

	static final TestPki OTHER = TestPki.create("other.sws.test");

	@TempDir
	static Path dir;

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void keys(DynamicPropertyRegistry registry) throws Exception {
		// a certificate for another host only
		NaclCert elsewhere = PKI.ca.issue(PKI.serverKeys.getPublicKey(), List.of("example.org"), List.of("10.9.9.9"),
				Instant.now().plusSeconds(86_400));
		Files.writeString(dir.resolve("server-kp.json"), CertFiles.formatBoxKeyPair(PKI.serverKeys));
		Files.writeString(dir.resolve("server-cert.json"), elsewhere.toJson());
		registry.add("sws.server.key-pair", () -> "file:" + dir.resolve("server-kp.json"));
		registry.add("sws.server.certificate", () -> "file:" + dir.resolve("server-cert.json"));
	}


	String url(String path) {
		return "ws://127.0.0.1:" + this.port + path;
	}

	SwsHandshakeException refusal(SwsWebSocketClient client, String path) throws Exception {
		return TestClients.failure(client.execute(new Collector(), url(path)));
	}

	/** A v2 client, or a v3 client that checks certificates. */
	static SwsWebSocketClient certClient(int version, NaclCert trustAnchor) {
		return (version == 2) ? TestClients.v2(trustAnchor, null, null) : TestClients.v3(trustAnchor, null, null, null);
	}

	/** The refusal names the host refused and what the certificate covers, never a key. */
	@ParameterizedTest
	@ValueSource(ints = { 2, 3 })
	void hostMismatch(int version, CapturedOutput output) throws Exception {
		SwsHandshakeException failure = refusal(certClient(version, PKI.ca.getCertificate()), "/echo");
		assertThat(failure.getKind()).isEqualTo(SwsHandshakeException.Kind.REFUSED_BY_CLIENT);
		assertThat(failure.getReason()).contains(FailureReason.CERT_HOST_MISMATCH);
		String detail = "The cert does not cover host \"127.0.0.1\"; it covers names [\"example.org\"] and ips "
				+ "[\"10.9.9.9\"]";
		assertThat(failure.getMessage()).contains("cert-host-mismatch").contains(detail);
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(output.getAll()).contains("DEBUG")
				.contains("handshake failed on session")
				.contains("cert-host-mismatch: " + detail));
		assertThat(output.getAll()).doesNotContain(Base64.getEncoder().encodeToString(PKI.serverKeys.getPublicKey()))
			.doesNotContain(Base64.getEncoder().encodeToString(PKI.serverKeys.exportSecretKey()));
	}

	@ParameterizedTest
	@ValueSource(ints = { 2, 3 })
	void untrustedCertificate(int version) throws Exception {
		SwsHandshakeException failure = refusal(certClient(version, OTHER.ca.getCertificate()), "/echo");
		assertThat(failure.getReason()).contains(FailureReason.CERT_UNTRUSTED_ISSUER);
	}

	@ParameterizedTest
	@ValueSource(ints = { 1, 3 })
	void pinMismatch(int version) throws Exception {
		byte[] other = OTHER.serverKeys.getPublicKey();
		SwsHandshakeException failure = refusal(
				(version == 1) ? TestClients.v1(other) : TestClients.v3(null, other, null, null), "/echo");
		assertThat(failure.getReason()).contains(FailureReason.PIN_MISMATCH);
	}

	@Test
	void timeoutAgainstAServerThatNeverAnswers() throws Exception {
		SwsWebSocketClient client = SwsWebSocketClient
			.builder(ClientHandshakeSettings.builder(BoxKeyPair.generate(RandomSource.secure()), ProtocolVersion.V1)
				.insecureAcceptAnyServerKey())
			.handshakeTimeout(java.time.Duration.ofMillis(300))
			.clock(Clock.systemUTC())
			.build();
		SwsHandshakeException failure = refusal(client, "/silent");
		assertThat(failure.getReason()).contains(FailureReason.HANDSHAKE_TIMEOUT);
	}

	@Test
	void connectionRefused() throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			closedPort = socket.getLocalPort();
		}
		SwsHandshakeException failure = TestClients.failure(TestClients.v1(PKI.serverKeys.getPublicKey())
			.execute(new Collector(), "ws://127.0.0.1:" + closedPort + "/echo"));
		assertThat(failure.getKind()).isEqualTo(SwsHandshakeException.Kind.CONNECT_FAILED);
	}

}
