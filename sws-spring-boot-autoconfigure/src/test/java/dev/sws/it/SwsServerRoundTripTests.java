package dev.sws.it;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
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
import org.springframework.web.socket.client.standard.StandardWebSocketClient;

import dev.sws.it.TestClients.Collector;
import dev.sws.protocol.ProtocolVersion;
import dev.sws.testsupport.TestPki;
import dev.sws.websocket.SwsStompClient;
import dev.sws.websocket.SwsWebSocketClient;
import dev.sws.websocket.SwsWebSocketHandlerDecoratorFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real round trips on a random port: a server with the default versions (v1, v2 and v3, since it
 * has a certificate; no client certificates), our Java clients of every version (v3 with the
 * server's certificate and with a pinned key), a plain handler and a STOMP endpoint; and
 * refusals of a non-SWS client and a stalled client while other sessions go on.
 */
@SpringBootTest(classes = SwsTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "server.address=127.0.0.1", "sws.server.handshake-timeout=1s",
				"sws.server.max-message-size=2MB", "management.endpoints.web.exposure.include=health,info",
				"management.endpoint.health.show-details=always" })
class SwsServerRoundTripTests {

	static final TestPki PKI = TestPki.create("roundtrip.sws.test");

	@TempDir
	static Path dir;

	@LocalServerPort
	int port;

	@Autowired
	SwsWebSocketHandlerDecoratorFactory swsServer;

	@Autowired
	io.micrometer.core.instrument.MeterRegistry meterRegistry;

	@DynamicPropertySource
	static void keys(DynamicPropertyRegistry registry) throws Exception {
		PKI.writeTo(dir);
		registry.add("sws.server.key-pair", () -> "file:" + dir.resolve("server-kp.json"));
		registry.add("sws.server.certificate", () -> "file:" + dir.resolve("server-cert.json"));
	}


	String url(String path) {
		return "ws://127.0.0.1:" + this.port + path;
	}

	SwsWebSocketClient client(int version) {
		return client("v" + version);
	}

	/** v1, v2, v3 (by certificate) or v3-pinned (by the server's key). */
	SwsWebSocketClient client(String kind) {
		return switch (kind) {
			case "v1" -> TestClients.v1(PKI.serverKeys.getPublicKey());
			case "v2" -> TestClients.v2(PKI.ca.getCertificate(), null, null);
			case "v3" -> TestClients.v3(PKI.ca.getCertificate(), null, null, null);
			case "v3-pinned" -> TestClients.v3(null, PKI.serverKeys.getPublicKey(), null, null);
			default -> throw new IllegalArgumentException(kind);
		};
	}

	@Test
	void theDefaultVersionsAreAllThreeWithACertificate() {
		assertThat(this.swsServer.getHandshakeSettings().getVersions()).containsExactly(ProtocolVersion.V1,
				ProtocolVersion.V2, ProtocolVersion.V3);
	}

	@ParameterizedTest
	@ValueSource(strings = { "v1", "v2", "v3", "v3-pinned" })
	void plainHandlerEchoesMessagesOfEverySize(String kind) throws Exception {
		Collector echo = TestClients.connect(client(kind), url("/echo"));
		for (int size : new int[] { 0, 1, 1024, 65_535, 65_536, 64 * 1024 + 17, 1024 * 1024, 2 * 1024 * 1024 }) {
			byte[] payload = new byte[size];
			new java.util.Random(size).nextBytes(payload);
			echo.session.sendMessage(new BinaryMessage(payload));
			assertThat(echo.nextBytes()).as("%d bytes", size).isEqualTo(payload);
		}
		String text = "héllo ✓ " + "x".repeat(70_000);
		echo.session.sendMessage(new TextMessage(text));
		assertThat(new String(echo.nextBytes(), StandardCharsets.UTF_8)).isEqualTo(text);
		echo.session.close();
	}

	@ParameterizedTest
	@ValueSource(strings = { "v1", "v2", "v3", "v3-pinned" })
	void theHandlerSeesTheAuthenticatedPeer(String kind) throws Exception {
		SwsWebSocketClient client = client(kind);
		Collector whoami = TestClients.connect(client, url("/whoami"));
		whoami.session.sendMessage(new TextMessage("?"));
		String fingerprint = dev.sws.crypto.KeyFingerprint.of(client.getSettings().getKeyPair().getPublicKey());
		assertThat(whoami.nextText()).isEqualTo("V" + kind.charAt(1) + " " + fingerprint + " - sws-key:" + fingerprint);
	}

	@ParameterizedTest
	@ValueSource(strings = { "v1", "v2", "v3", "v3-pinned" })
	void stompControllersWorkUnchanged(String kind) throws Exception {
		SwsStompClient stomp = new SwsStompClient(client(kind));
		stomp.setMessageConverter(new StringMessageConverter());
		try {
			StompSession session = stomp.connectAsync(url("/stomp"), new StompSessionHandlerAdapter() {
			}).get(20, TimeUnit.SECONDS);
			BlockingQueue<String> received = TestClients.subscribeStrings(session, "/topic/chat");
			for (int size : new int[] { 0, 1, 65_535, 65_536, 1024 * 1024 }) {
				String message = "m".repeat(size);
				session.send("/app/chat", message);
				assertThat(received.poll(20, TimeUnit.SECONDS)).as("%d chars", size).isEqualTo("echo:" + message);
			}
			session.disconnect();
		}
		finally {
			stomp.close();
		}
	}

	@Test
	void nonSwsClientIsRefusedWith1002() throws Exception {
		Collector plain = new Collector();
		var session = new StandardWebSocketClient().execute(plain, url("/echo")).get(20, TimeUnit.SECONDS);
		session.sendMessage(new TextMessage("hello, I do not speak SWS"));
		assertThat(plain.closeCode()).isEqualTo(1002);
		assertThat(plain.messages).isEmpty();
	}

	@Test
	void stalledAndForeignClientsAreRefusedWhileOthersGoOn() throws Exception {
		Collector legit = TestClients.connect(client(2), url("/echo"));
		Collector stalled = new Collector();
		new StandardWebSocketClient().execute(stalled, url("/echo")).get(20, TimeUnit.SECONDS);
		Collector foreign = new Collector();
		var foreignSession = new StandardWebSocketClient().execute(foreign, url("/echo")).get(20, TimeUnit.SECONDS);
		foreignSession.sendMessage(new BinaryMessage(new byte[64]));
		for (int i = 0; i < 20; i++) {
			legit.session.sendMessage(new TextMessage("still here " + i));
			assertThat(new String(legit.nextBytes(), StandardCharsets.UTF_8)).isEqualTo("still here " + i);
		}
		// a server that accepts v3 takes a binary first message without the SWS magic for malformed (sws-v3.md section 4)
		assertThat(foreign.closeCode()).isEqualTo(1002);
		assertThat(stalled.closeCode()).isEqualTo(1008);
		legit.session.sendMessage(new TextMessage("after"));
		assertThat(new String(legit.nextBytes(), StandardCharsets.UTF_8)).isEqualTo("after");
		assertThat(this.swsServer.getPendingHandshakes()).isZero();
	}

	@ParameterizedTest
	@ValueSource(ints = { 2, 3 })
	void metricsHealthAndInfoAreLive(int version) throws Exception {
		Collector echo = TestClients.connect(client(version), url("/echo"));
		echo.session.sendMessage(new TextMessage("metrics"));
		echo.nextBytes();
		assertThat(this.meterRegistry.get("sws.handshakes")
			.tag("role", "server")
			.tag("outcome", "success")
			.tag("version", String.valueOf(version))
			.timer()
			.count()).isPositive();

		assertThat(this.meterRegistry.get("sws.messages").tag("role", "server").tag("direction", "in").counter().count())
			.isPositive();
		assertThat(this.meterRegistry.get("sws.sessions.active").tag("role", "server").gauge().value()).isPositive();
		var http = java.net.http.HttpClient.newHttpClient();
		String health = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
				"http://127.0.0.1:" + this.port + "/actuator/health/sws")).build(),
				java.net.http.HttpResponse.BodyHandlers.ofString()).body();
		assertThat(health).contains("\"status\":\"UP\"").contains("certificate.expiresAt").contains("\"versions\":[1,2,3]");
		String info = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
				"http://127.0.0.1:" + this.port + "/actuator/info")).build(),
				java.net.http.HttpResponse.BodyHandlers.ofString()).body();
		assertThat(info).contains("\"versions\":[1,2,3]").contains(java.util.Base64.getEncoder().encodeToString(PKI.serverKeys.getPublicKey()))
			.doesNotContain(java.util.Base64.getEncoder().encodeToString(PKI.serverKeys.exportSecretKey()));
		echo.session.close();
	}

	@Test
	void manyMessagesStayInOrder() throws Exception {
		Collector echo = TestClients.connect(client(1), url("/echo"));
		for (int i = 0; i < 2000; i++) {
			echo.session.sendMessage(new BinaryMessage(Integer.toString(i).getBytes(StandardCharsets.UTF_8)));
		}
		for (int i = 0; i < 2000; i++) {
			assertThat(new String(echo.nextBytes(), StandardCharsets.UTF_8)).isEqualTo(Integer.toString(i));
		}
		assertThat(Arrays.asList(echo.messages.toArray())).isEmpty();
	}

}
