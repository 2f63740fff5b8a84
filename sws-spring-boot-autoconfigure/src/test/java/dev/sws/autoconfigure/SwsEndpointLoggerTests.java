package dev.sws.autoconfigure;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.EnableWebSocketMessageBroker;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.handler.TextWebSocketHandler;

import dev.sws.testsupport.TestPki;
import dev.sws.websocket.SwsWebSocketHandlerDecoratorFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The INFO line per SWS endpoint at startup: a new user saw nothing that said the server was on.
 */
@ExtendWith(OutputCaptureExtension.class)
class SwsEndpointLoggerTests {

	private static final TestPki PKI = TestPki.create("endpoints.sws.dev");

	@TempDir
	Path dir;

	private WebApplicationContextRunner runner() {
		PKI.writeTo(this.dir);
		return new WebApplicationContextRunner().withConfiguration(AutoConfigurations.of(SwsAutoConfiguration.class))
			.withPropertyValues("sws.server.key-pair=file:" + this.dir.resolve("server-kp.json"),
					"sws.server.certificate=file:" + this.dir.resolve("server-cert.json"));
	}

	@Test
	void oneLinePerSwsEndpointWithWhatAClientNeedsToKnow(CapturedOutput output) {
		runner().withUserConfiguration(PlainHandlers.class, Stomp.class).run((context) -> {
			assertThat(context).hasNotFailed();
			String server = "versions 1,2, client certificates not required, server key "
					+ PKI.serverCert.publicKeyFingerprint() + ", certificate for [localhost, 127.0.0.1] from CA "
					+ "\"endpoints.sws.dev\", expires " + PKI.serverCert.expiresAt();
			assertThat(context.getBean(SwsEndpointLogger.class).describeEndpoints()).containsExactly(
					"SWS endpoint /echo (EchoHandler): " + server, "SWS endpoint /stomp (STOMP): " + server);
			assertThat(output.getAll().lines().filter((line) -> line.contains("SWS endpoint"))).hasSize(2)
				.allSatisfy((line) -> assertThat(line).contains("INFO", "SwsEndpointLogger"));
			assertThat(output).doesNotContain("/plain").doesNotContain("No WebSocket endpoint speaks SWS");
		});
	}

	@Test
	void requiredClientCertificatesAreSaid() {
		runner().withUserConfiguration(PlainHandlers.class)
			.withPropertyValues("sws.server.require-client-cert=true",
					"sws.server.trust-anchors=file:" + this.dir.resolve("ca-cert.json"))
			.run((context) -> assertThat(context.getBean(SwsEndpointLogger.class).describeEndpoints())
				.singleElement()
				.asString()
				.startsWith("SWS endpoint /echo (EchoHandler): versions 2, client certificates required, server key "));
	}

	@Test
	void withoutSwsEndpointsOneLineSaysHowToAddOne(CapturedOutput output) {
		runner().run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(output).contains("No WebSocket endpoint speaks SWS")
				.contains("registry.addHandler(swsServer.decorate(handler), path)");
		});
	}

	@Configuration(proxyBeanMethods = false)
	@EnableWebSocket
	static class PlainHandlers implements WebSocketConfigurer {

		private final SwsWebSocketHandlerDecoratorFactory swsServer;

		PlainHandlers(SwsWebSocketHandlerDecoratorFactory swsServer) {
			this.swsServer = swsServer;
		}

		@Override
		public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
			registry.addHandler(this.swsServer.decorate(new EchoHandler()), "/echo");
			registry.addHandler(new TextWebSocketHandler(), "/plain");
		}

	}

	static class EchoHandler extends TextWebSocketHandler {

	}

	@Configuration(proxyBeanMethods = false)
	@EnableWebSocketMessageBroker
	static class Stomp implements WebSocketMessageBrokerConfigurer {

		@Override
		public void registerStompEndpoints(StompEndpointRegistry registry) {
			registry.addEndpoint("/stomp");
		}

		@Override
		public void configureMessageBroker(MessageBrokerRegistry registry) {
			registry.enableSimpleBroker("/topic");
		}

	}

}
