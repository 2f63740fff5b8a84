package dev.sws.it;

import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.messaging.converter.StringMessageConverter;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.TextMessage;

import dev.sws.cert.NaclCert;
import dev.sws.crypto.BoxKeyPair;
import dev.sws.crypto.KeyFingerprint;
import dev.sws.it.TestClients.Collector;
import dev.sws.protocol.FailureReason;
import dev.sws.protocol.ProtocolVersion;
import dev.sws.protocol.SwsHandshakeException;
import dev.sws.testsupport.TestPki;
import dev.sws.websocket.SwsStompClient;
import dev.sws.websocket.SwsWebSocketClient;
import dev.sws.websocket.SwsWebSocketHandlerDecoratorFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server that requires client certificates, with its default versions (v2 and v3): a v2 or v3
 * client with a certificate from the trusted CA gets in and is known by its certificate; a client
 * without a certificate, with one from another CA, or speaking v1 is refused with a typed reason,
 * while others go on. A v3 client learns of the refusal as the server's 1008, before its session
 * opens: the server sends its ready message only once it accepted the certificate.
 */
@SpringBootTest(classes = SwsTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "server.address=127.0.0.1", "sws.server.require-client-cert=true" })
class SwsClientCertRoundTripTests {

	static final TestPki PKI = TestPki.create("clientcerts.sws.test");

	static final TestPki OTHER = TestPki.create("other.sws.test");

	@TempDir
	static Path dir;

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void keys(DynamicPropertyRegistry registry) throws Exception {
		PKI.writeTo(dir);
		registry.add("sws.server.key-pair", () -> "file:" + dir.resolve("server-kp.json"));
		registry.add("sws.server.certificate", () -> "file:" + dir.resolve("server-cert.json"));
		registry.add("sws.server.trust-anchors", () -> "file:" + dir.resolve("ca-cert.json"));
	}


	@Autowired
	SwsWebSocketHandlerDecoratorFactory swsServer;

	String url(String path) {
		return "ws://127.0.0.1:" + this.port + path;
	}

	static SwsWebSocketClient client(int version, TestPki pki) {
		return client(version, (pki != null) ? pki.clientKeys : null, (pki != null) ? pki.clientCert : null);
	}

	static SwsWebSocketClient client(int version, BoxKeyPair keys, NaclCert cert) {
		return (version == 2) ? TestClients.v2(PKI.ca.getCertificate(), keys, cert)
				: TestClients.v3(PKI.ca.getCertificate(), null, keys, cert);
	}

	@Test
	void requiringClientCertificatesDefaultsToV2AndV3() {
		assertThat(this.swsServer.getHandshakeSettings().getVersions()).containsExactly(ProtocolVersion.V2,
				ProtocolVersion.V3);
	}

	/** The principal names the certificate's first name, scoped by the CA that vouched for it. */
	@ParameterizedTest
	@ValueSource(ints = { 2, 3 })
	void clientWithATrustedCertificateIsKnownByIt(int version) throws Exception {
		Collector whoami = TestClients.connect(client(version, PKI), url("/whoami"));
		whoami.session.sendMessage(new TextMessage("?"));
		assertThat(whoami.nextText()).isEqualTo("V" + version + " " + KeyFingerprint.of(PKI.clientKeys.getPublicKey())
				+ " client.test sws-cert:" + PKI.ca.getCertificate().getPublicKeyFingerprint() + "/client.test");
	}

	@ParameterizedTest
	@ValueSource(ints = { 2, 3 })
	void messagesOfEverySizeRoundTripWithAClientCertificate(int version) throws Exception {
		Collector echo = TestClients.connect(client(version, PKI), url("/echo"));
		for (int size : new int[] { 0, 1, 65_535, 65_536, 1024 * 1024 }) {
			byte[] payload = new byte[size];
			new java.util.Random(size).nextBytes(payload);
			echo.session.sendMessage(new BinaryMessage(payload));
			assertThat(echo.nextBytes()).as("%d bytes", size).isEqualTo(payload);
		}
	}

	@ParameterizedTest
	@ValueSource(ints = { 2, 3 })
	void stompWithAClientCertificateKnowsTheUser(int version) throws Exception {
		SwsStompClient stomp = new SwsStompClient(client(version, PKI));
		stomp.setMessageConverter(new StringMessageConverter());
		try {
			StompSession session = stomp.connectAsync(url("/stomp"), new StompSessionHandlerAdapter() {
			}).get(20, TimeUnit.SECONDS);
			BlockingQueue<String> received = TestClients.subscribeStrings(session, "/topic/chat");
			session.send("/app/whoami", "");
			assertThat(received.poll(20, TimeUnit.SECONDS))
				.isEqualTo("user:sws-cert:" + PKI.ca.getCertificate().getPublicKeyFingerprint() + "/client.test");
			session.send("/app/chat", "hello");
			assertThat(received.poll(20, TimeUnit.SECONDS)).isEqualTo("echo:hello");
			session.disconnect();
		}
		finally {
			stomp.close();
		}
	}

	@ParameterizedTest
	@ValueSource(ints = { 2, 3 })
	void clientWithoutACertificateRefusesLocally(int version) throws Exception {
		SwsWebSocketClient client = client(version, null);
		SwsHandshakeException failure = TestClients.failure(client.execute(new Collector(), url("/echo")));
		assertThat(failure.getKind()).isEqualTo(SwsHandshakeException.Kind.REFUSED_BY_CLIENT);
		assertThat(failure.getReason()).contains(FailureReason.CERT_MISSING);
	}

	@ParameterizedTest
	@ValueSource(ints = { 2, 3 })
	void clientWithACertificateFromAnotherCaIsClosed1008WhileOthersGoOn(int version) throws Exception {
		Collector legit = TestClients.connect(client(version, PKI), url("/echo"));
		SwsWebSocketClient untrusted = client(version, OTHER);
		SwsHandshakeException failure = TestClients.failure(untrusted.execute(new Collector(), url("/echo")));
		assertThat(failure.getKind()).isEqualTo(SwsHandshakeException.Kind.CLOSED_BY_SERVER);
		assertThat(failure.getCloseCode()).hasValue(1008);
		legit.session.sendMessage(new TextMessage("still here"));
		assertThat(legit.nextText()).isEqualTo("still here");
	}

	@Test
	void v1ClientIsRefusedAsAnUnacceptedVersion() throws Exception {
		SwsHandshakeException failure = TestClients
			.failure(TestClients.v1(PKI.serverKeys.getPublicKey()).execute(new Collector(), url("/echo")));
		assertThat(failure.getKind()).isEqualTo(SwsHandshakeException.Kind.VERSION_REFUSED);
		assertThat(failure.getCloseCode()).hasValue(1002);
	}

}
