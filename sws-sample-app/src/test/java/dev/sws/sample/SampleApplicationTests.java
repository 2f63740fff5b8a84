package dev.sws.sample;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.util.ClassUtils;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;

import dev.sws.cert.CertFiles;
import dev.sws.cert.NaclCert;
import dev.sws.cert.TrustPolicy;
import dev.sws.crypto.BoxKeyPair;
import dev.sws.crypto.RandomSource;
import dev.sws.protocol.ClientHandshakeSettings;
import dev.sws.protocol.ProtocolVersion;
import dev.sws.sample.console.ConsoleParticipant;
import dev.sws.testsupport.ServletContainer;
import dev.sws.websocket.SwsWebSocketClient;
import dev.sws.websocket.SwsWebSocketSession;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample in development mode, without a browser: what it serves, the echo handler and the
 * console client.
 */
@DevModeAppTest
class SampleApplicationTests {

	@LocalServerPort
	int port;

	final HttpClient http = HttpClient.newHttpClient();

	HttpResponse<String> get(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).build(),
				HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	Path devFile(String name) {
		return Path.of(DevModeAppTest.DEV_DIRECTORY, name);
	}

	/** The build runs these tests on Tomcat and on Jetty: this is the container of this run. */
	@Test
	void runsOnTheContainerOfThisRun(@Autowired WebServerApplicationContext context) {
		ServletContainer container = ServletContainer.current();
		assertThat(context.getWebServer().getClass().getName()).isEqualTo(container.getWebServerClass());
		for (ServletContainer each : ServletContainer.values()) {
			assertThat(ClassUtils.isPresent(each.getServerClass(), getClass().getClassLoader()))
				.as("%s on the class path", each)
				.isEqualTo(each == container);
		}
	}

	/** The page learns the CA and the server's versions: it speaks v3 since the sample serves it. */
	@Test
	void developmentModeServesItsCaAndTheVersionsToThePage() throws Exception {
		String caCert = Files.readString(devFile("sws-dev-ca-cert.json"));
		HttpResponse<String> direct = get("/sws-dev/ca-cert.json");
		assertThat(direct.statusCode()).isEqualTo(200);
		assertThat(direct.body()).isEqualTo(caCert);
		assertThat(get("/sample/trust-anchors.json").body())
			.isEqualTo("{\"developmentMode\":true,\"versions\":[1,2,3],\"trustAnchors\":[" + caCert + "]}");
	}

	@Test
	void servesThePageWithItsScriptsFromTheBuildNotTheInternet() throws Exception {
		String page = get("/").body();
		assertThat(page).contains("<script src=\"sws/sws-client.js\"></script>")
			.contains("<script src=\"vendor/stomp.umd.min.js\"></script>")
			.doesNotContain("nacl-fast")
			.doesNotContain("https://");
		for (String script : new String[] { "/sws/sws-client.js", "/vendor/stomp.umd.min.js", "/app.js", "/app.css" }) {
			assertThat(get(script).statusCode()).as(script).isEqualTo(200);
		}
		assertThat(get("/vendor/stomp.umd.min.js").body()).contains("StompJs");
	}

	@Test
	void servesTheBrowserClientBuildsOfTheStarter() throws Exception {
		for (String build : new String[] { "sws-client.js", "sws-client.mjs" }) {
			HttpResponse<String> response = get("/sws/" + build);
			assertThat(response.statusCode()).as(build).isEqualTo(200);
			assertThat(response.headers().firstValue("Content-Type")).as(build)
				.hasValueSatisfying((type) -> assertThat(type).contains("javascript"));
			assertThat(response.body()).as(build)
				.isEqualTo(classpathResource("META-INF/resources/sws/" + build))
				.startsWith("/*! sws-client ")
				.contains("bundles tweetnacl");
		}
		assertThat(get("/sws/sws-client.d.ts").body()).contains("export declare class SwsWebSocket");
	}

	private String classpathResource(String name) throws Exception {
		try (InputStream in = getClass().getClassLoader().getResourceAsStream(name)) {
			assertThat(in).as(name + " on the classpath (the sws-client-js jar)").isNotNull();
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	/** The sample serves v1, v2 and v3 on every endpoint; the Java client speaks v2 or v3 with the development CA. */
	@ParameterizedTest
	@EnumSource(value = ProtocolVersion.class, names = { "V2", "V3" })
	void echoesOverSwsWithTheDevelopmentCa(ProtocolVersion version) throws Exception {
		NaclCert ca = CertFiles.readCaCert(devFile("sws-dev-ca-cert.json"));
		SwsWebSocketClient client = SwsWebSocketClient
			.builder(ClientHandshakeSettings.builder(BoxKeyPair.generate(RandomSource.secure()), version)
				.serverCertVerifier(TrustPolicy.builder().trustAnchor(ca).build()))
			.build();
		BlockingQueue<WebSocketMessage<?>> received = new LinkedBlockingQueue<>();
		WebSocketSession session = client.execute(new AbstractWebSocketHandler() {

			@Override
			public void handleMessage(WebSocketSession session, WebSocketMessage<?> message) {
				received.add(message);
			}

		}, null, URI.create("ws://127.0.0.1:" + this.port + "/echo")).get(20, TimeUnit.SECONDS);
		assertThat(SwsWebSocketSession.peerOf(session).getVersion()).isEqualTo(version);
		session.sendMessage(new TextMessage("héllo echo"));
		session.sendMessage(new BinaryMessage(new byte[] { 0, (byte) 0xff }));
		assertThat(received.poll(20, TimeUnit.SECONDS)).isInstanceOfSatisfying(TextMessage.class,
				(text) -> assertThat(text.getPayload()).isEqualTo("héllo echo"));
		assertThat(received.poll(20, TimeUnit.SECONDS)).isInstanceOfSatisfying(BinaryMessage.class,
				(binary) -> assertThat(binary.getPayload()).isEqualTo(ByteBuffer.wrap(new byte[] { 0, (byte) 0xff })));
		session.close();
	}

	@Test
	void consoleClientsChatWithEachOther() throws Exception {
		String url = "--url=ws://127.0.0.1:" + this.port + "/chat";
		String ca = "--ca=" + devFile("sws-dev-ca-cert.json");
		try (ConsoleParticipant dave = ConsoleParticipant.start(url, "--name=dave", ca);
				ConsoleParticipant erin = ConsoleParticipant.start(url, "--name=erin", ca)) {
			for (ConsoleParticipant console : new ConsoleParticipant[] { dave, erin }) {
				console.awaitLine("the connection", (line) -> line.startsWith("Connected to ws://127.0.0.1:"));
			}
			dave.type("first from dave");
			dave.awaitLine("dave's own message", (line) -> line.endsWith("] dave: first from dave"));
			erin.type("  hi dave  ");
			dave.awaitLine("erin's message", (line) -> line.matches("\\[\\d\\d:\\d\\d] erin: hi dave"));
			erin.awaitLine("erin's own message", (line) -> line.endsWith("] erin: hi dave"));
		}
	}

	@Test
	void consoleClientRefusesAServerItsCaDidNotSign(@TempDir Path dir) throws Exception {
		Path otherCa = SampleFiles.writeCa(dir, "sws-dev");
		try (ConsoleParticipant console = ConsoleParticipant.start("--url=ws://127.0.0.1:" + this.port + "/chat",
				"--ca=" + otherCa)) {
			assertThat(console.exitCode()).isEqualTo(1);
			assertThat(console.lines()).anySatisfy(
					(line) -> assertThat(line).startsWith("Could not join").contains("refused (cert-bad-signature)"));
		}
	}

	@Test
	void consoleClientExplainsBadArgumentsAndMissingFiles() throws Exception {
		try (ConsoleParticipant console = ConsoleParticipant.start("--port=1")) {
			assertThat(console.exitCode()).isEqualTo(2);
			assertThat(console.lines()).contains("Unknown argument: --port=1");
		}
		try (ConsoleParticipant console = ConsoleParticipant.start("--name=" + "x".repeat(33))) {
			assertThat(console.exitCode()).isEqualTo(2);
			assertThat(console.lines()).contains(
					"The nickname must be 1 to 32 characters, without control characters: use --name=NICKNAME");
		}
		try (ConsoleParticipant console = ConsoleParticipant.start("--name=eve\u001b[31m")) {
			assertThat(console.exitCode()).isEqualTo(2);
		}
		try (ConsoleParticipant console = ConsoleParticipant.start("--ca=target/no-such-ca.json")) {
			assertThat(console.exitCode()).isEqualTo(1);
			assertThat(console.lines()).anySatisfy((line) -> assertThat(line).startsWith("Cannot read the CA cert"));
		}
	}

}
