package dev.sws.starter.webflux;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;

import dev.sws.cert.CertFiles;
import dev.sws.cert.NaclCert;
import dev.sws.cert.TrustPolicy;
import dev.sws.crypto.BoxKeyPair;
import dev.sws.crypto.RandomSource;
import dev.sws.protocol.ClientHandshakeSettings;
import dev.sws.protocol.ProtocolVersion;
import dev.sws.webflux.SwsReactiveServer;
import dev.sws.webflux.SwsReactiveWebSocketClient;
import dev.sws.websocket.SwsWebSocketClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A new reactive Boot application with only this starter, {@code sws.server.dev-mode.enabled=true}
 * and one handler mapped with {@code swsServer.decorate(handler)}: it serves the browser client
 * and the development CA, and a v2 client that trusts that CA round-trips messages, larger ones
 * than Reactor Netty's default frame limit included.
 */
@SpringBootTest(classes = NewReactiveApplicationInDevelopmentModeTests.EchoApplication.class,
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "server.address=127.0.0.1", "sws.server.dev-mode.enabled=true",
				"sws.server.dev-mode.directory=target/test-dev-mode" })
class NewReactiveApplicationInDevelopmentModeTests {

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	final HttpClient http = HttpClient.newHttpClient();

	HttpResponse<String> get(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).build(),
				HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	@Test
	void servesTheBrowserClient() throws Exception {
		HttpResponse<String> script = get("/sws/sws-client.js");
		assertThat(script.statusCode()).isEqualTo(200);
		assertThat(script.body()).startsWith("/*! sws-client ");
	}

	@Test
	void theServletStacksClientIsLeftOutWithoutAWebSocketContainer() {
		assertThat(this.context.getBeansOfType(SwsWebSocketClient.class)).isEmpty();
		assertThat(this.context.getBeansOfType(SwsReactiveServer.class)).hasSize(1);
	}

	@Test
	void aV2ClientThatTrustsTheDevelopmentCaRoundTripsMessages() throws Exception {
		HttpResponse<String> caCert = get("/sws-dev/ca-cert.json");
		assertThat(caCert.statusCode()).isEqualTo(200);
		NaclCert ca = CertFiles.parseCaCert(caCert.body());
		SwsReactiveWebSocketClient client = SwsReactiveWebSocketClient
			.builder(ClientHandshakeSettings.builder(BoxKeyPair.generate(RandomSource.secure()), ProtocolVersion.V2)
				.serverCertVerifier(TrustPolicy.builder().trustAnchor(ca).build()))
			.build();
		byte[] large = new byte[300 * 1024];
		new Random(17).nextBytes(large);
		List<String> texts = new CopyOnWriteArrayList<>();
		List<byte[]> binaries = new CopyOnWriteArrayList<>();
		client.execute(URI.create("ws://127.0.0.1:" + this.port + "/echo"),
				(session) -> session.send(Flux.just(session.textMessage("hello"),
						session.binaryMessage((factory) -> factory.wrap(large))))
					.and(session.receive().take(2).doOnNext((message) -> {
						if (message.getType() == WebSocketMessage.Type.TEXT) {
							texts.add(message.getPayloadAsText());
						}
						else {
							binaries.add(bytes(message.getPayload()));
						}
					})))
			.block(Duration.ofSeconds(20));
		assertThat(texts).containsExactly("hello");
		assertThat(binaries).singleElement().isEqualTo(large);
	}

	private static byte[] bytes(DataBuffer buffer) {
		byte[] bytes = new byte[buffer.readableByteCount()];
		buffer.read(bytes);
		return bytes;
	}

	/** What a new user writes: one reactive handler, mapped through SWS. */
	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class EchoApplication {

		@Bean
		HandlerMapping echoMapping(SwsReactiveServer swsServer) {
			WebSocketHandler echo = (session) -> session.send(session.receive()
				.map((message) -> new WebSocketMessage(message.getType(), message.getPayload())));
			return new SimpleUrlHandlerMapping(Map.of("/echo", swsServer.decorate(echo)), -1);
		}

	}

}
