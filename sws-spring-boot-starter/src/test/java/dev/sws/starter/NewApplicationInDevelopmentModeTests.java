package dev.sws.starter;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.converter.StringMessageConverter;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.handler.annotation.SendTo;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.stereotype.Controller;
import org.springframework.web.socket.config.annotation.EnableWebSocketMessageBroker;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;

import dev.sws.cert.CertFiles;
import dev.sws.cert.NaclCert;
import dev.sws.cert.TrustPolicy;
import dev.sws.crypto.BoxKeyPair;
import dev.sws.crypto.RandomSource;
import dev.sws.protocol.ClientHandshakeSettings;
import dev.sws.protocol.ProtocolVersion;
import dev.sws.websocket.SwsStompClient;
import dev.sws.websocket.SwsWebSocketClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A new Boot application with only this starter, {@code sws.server.dev-mode.enabled=true} and one
 * {@code @MessageMapping} controller: it serves the browser client, says at startup what it
 * serves, and a v2 client that trusts the development CA (taken from the app, trust on first use)
 * talks STOMP to the controller.
 */
@SpringBootTest(classes = NewApplicationInDevelopmentModeTests.GreetingApplication.class,
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "server.address=127.0.0.1", "sws.server.dev-mode.enabled=true",
				"sws.server.dev-mode.directory=target/test-dev-mode" })
@ExtendWith(OutputCaptureExtension.class)
class NewApplicationInDevelopmentModeTests {

	@LocalServerPort
	int port;

	final HttpClient http = HttpClient.newHttpClient();

	HttpResponse<String> get(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).build(),
				HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	@Test
	void servesTheBrowserClient() throws Exception {
		HttpResponse<String> script = get("/sws/sws-client.js");
		assertThat(script.statusCode()).isEqualTo(200);
		assertThat(script.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).contains("javascript"));
		assertThat(script.body()).startsWith("/*! sws-client ");
	}

	@Test
	void aV2ClientThatTrustsTheDevelopmentCaTalksToTheController(CapturedOutput output) throws Exception {
		HttpResponse<String> caCert = get("/sws-dev/ca-cert.json");
		assertThat(caCert.statusCode()).isEqualTo(200);
		NaclCert ca = CertFiles.parseCaCert(caCert.body());
		SwsWebSocketClient client = SwsWebSocketClient
			.builder(ClientHandshakeSettings.builder(BoxKeyPair.generate(RandomSource.secure()), ProtocolVersion.V2)
				.serverCertVerifier(TrustPolicy.builder().trustAnchor(ca).build()))
			.build();
		try (SwsStompClient stomp = new SwsStompClient(client)) {
			stomp.setMessageConverter(new StringMessageConverter());
			StompSession session = stomp.connectAsync("ws://127.0.0.1:" + this.port + "/greetings",
					new StompSessionHandlerAdapter() {
					})
				.get(20, TimeUnit.SECONDS);
			BlockingQueue<String> greetings = new LinkedBlockingQueue<>();
			session.subscribe("/topic/greetings", new StompFrameHandler() {

				@Override
				public java.lang.reflect.Type getPayloadType(StompHeaders headers) {
					return String.class;
				}

				@Override
				public void handleFrame(StompHeaders headers, Object payload) {
					greetings.add((String) payload);
				}

			});
			session.send("/app/hello", "alice");
			assertThat(greetings.poll(20, TimeUnit.SECONDS)).isEqualTo("Hello, alice");
			session.disconnect();
		}
		finally {
			client.close();
		}
		assertThat(output).contains("SWS DEVELOPMENT MODE")
			.contains("SWS endpoint /greetings (STOMP): versions 1,2,3, client certificates not required, server key ");
	}

	/** What a new user writes: a STOMP endpoint and a controller, nothing about SWS. */
	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class GreetingApplication {

		@Configuration(proxyBeanMethods = false)
		@EnableWebSocketMessageBroker
		static class Stomp implements WebSocketMessageBrokerConfigurer {

			@Override
			public void registerStompEndpoints(StompEndpointRegistry registry) {
				registry.addEndpoint("/greetings");
				registry.setPreserveReceiveOrder(true);
			}

			@Override
			public void configureMessageBroker(MessageBrokerRegistry registry) {
				registry.enableSimpleBroker("/topic");
				registry.setApplicationDestinationPrefixes("/app");
			}

		}

		@Controller
		static class GreetingController {

			@MessageMapping("/hello")
			@SendTo("/topic/greetings")
			String hello(String name) {
				return "Hello, " + name;
			}

		}

	}

}
