package dev.sws.autoconfigure.reactive;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;

import dev.sws.autoconfigure.SwsAutoConfiguration;
import dev.sws.autoconfigure.SwsConfigurationException;
import dev.sws.autoconfigure.devmode.SwsDevModeAutoConfiguration;
import dev.sws.crypto.KeyFingerprint;
import dev.sws.protocol.ProtocolVersion;
import dev.sws.protocol.ServerHandshakeSettings;
import dev.sws.testsupport.TestPki;
import dev.sws.webflux.SwsReactiveServer;
import dev.sws.webflux.SwsReactiveWebSocketClient;
import dev.sws.websocket.SwsWebSocketHandlerDecoratorFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every condition, binding, back-off and failure of {@link SwsReactiveAutoConfiguration}: the
 * reactive server in a reactive web application from the same {@code sws.server.*} properties as
 * the servlet stack's, and the reactive client from {@code sws.client.*}.
 */
class SwsReactiveAutoConfigurationTests {

	private static final TestPki PKI = TestPki.create("reactive.tests.sws.dev");

	private static final String SERVER_KEY_PAIR = "sws.server.key-pair="
			+ Base64.getEncoder().encodeToString(PKI.serverKeys.exportSecretKey());

	private static final String PIN = "sws.client.pinned-server-keys="
			+ Base64.getEncoder().encodeToString(PKI.serverKeys.getPublicKey());

	private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SwsAutoConfiguration.class, SwsDevModeAutoConfiguration.class,
				SwsReactiveAutoConfiguration.class))
		.withPropertyValues(SERVER_KEY_PAIR);

	@TempDir
	Path dir;

	@Test
	void aReactiveApplicationWithAKeyPairGetsAV1AndV3ServerWithTheDefaults() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(SwsReactiveServer.class)
				.hasSingleBean(WebFluxConfigurer.class)
				.doesNotHaveBean(SwsWebSocketHandlerDecoratorFactory.class)
				.doesNotHaveBean(SwsReactiveWebSocketClient.class);
			SwsReactiveServer server = context.getBean(SwsReactiveServer.class);
			assertThat(server.getHandshakeSettings().getKeyPair().getPublicKey()).isEqualTo(PKI.serverKeys.getPublicKey());
			assertThat(server.getHandshakeSettings().getVersions()).containsExactly(ProtocolVersion.V1, ProtocolVersion.V3);
			assertThat(server.getFirstFrameDelay()).isEqualTo(Duration.ofMillis(50));
			assertThat(server.getOptions().handshakeTimeout()).isEqualTo(Duration.ofSeconds(2));
			assertThat(server.getOptions().maxMessageSize()).isEqualTo(1024 * 1024);
			assertThat(server.getOptions().maxOutboundBuffer()).isEqualTo(4 * 1024 * 1024);
			assertThat(server.getMaxPendingHandshakes()).isEqualTo(1000);
			assertThat(context.getBean(WebFluxConfigurer.class).getWebSocketService()).isNotNull();
		});
	}

	@Test
	void serverPropertiesBindAsOnTheServletStack() {
		PKI.writeTo(this.dir);
		this.runner
			.withPropertyValues("sws.server.key-pair=file:" + this.dir.resolve("server-kp.json"),
					"sws.server.certificate=file:" + this.dir.resolve("server-cert.json"),
					"sws.server.handshake-timeout=5s", "sws.server.max-message-size=64KB",
					"sws.server.max-outbound-buffer=1MB", "sws.server.send-time-limit=3s",
					"sws.server.first-frame-delay=0", "sws.server.max-pending-handshakes=7")
			.run((context) -> {
				SwsReactiveServer server = context.getBean(SwsReactiveServer.class);
				assertThat(server.getHandshakeSettings().getVersions()).containsExactly(ProtocolVersion.V1,
						ProtocolVersion.V2, ProtocolVersion.V3);
				assertThat(server.getHandshakeSettings().getCertificate()).isEqualTo(PKI.serverCert);
				assertThat(server.getOptions().handshakeTimeout()).isEqualTo(Duration.ofSeconds(5));
				assertThat(server.getOptions().maxMessageSize()).isEqualTo(64 * 1024);
				assertThat(server.getOptions().maxOutboundBuffer()).isEqualTo(1024 * 1024);
				assertThat(server.getOptions().sendTimeLimit()).isEqualTo(Duration.ofSeconds(3));
				assertThat(server.getFirstFrameDelay()).isZero();
				assertThat(server.getMaxPendingHandshakes()).isEqualTo(7);
			});
	}

	@Test
	void withoutKeysNorDevelopmentModeTheServerFailsWithWhatToConfigure() {
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SwsAutoConfiguration.class, SwsReactiveAutoConfiguration.class))
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOfSatisfying(SwsConfigurationException.class,
							(ex) -> assertThat(ex.getProperty()).isEqualTo("sws.server.key-pair"));
			});
	}

	@Test
	void developmentModeGivesTheReactiveServerItsKeys() {
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SwsAutoConfiguration.class, SwsDevModeAutoConfiguration.class,
					SwsReactiveAutoConfiguration.class))
			.withPropertyValues("sws.server.dev-mode.enabled=true", "sws.server.dev-mode.directory=" + this.dir)
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(SwsReactiveServer.class);
				assertThat(context.getBean(SwsReactiveServer.class).getHandshakeSettings().getVersions())
					.contains(ProtocolVersion.V2);
			});
	}

	@Test
	void noReactiveServerInAServletApplicationOrWithoutAWebApplication() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SwsAutoConfiguration.class, SwsReactiveAutoConfiguration.class))
			.withPropertyValues(SERVER_KEY_PAIR)
			.run((context) -> assertThat(context).hasSingleBean(SwsWebSocketHandlerDecoratorFactory.class)
				.doesNotHaveBean(SwsReactiveServer.class));
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(SwsReactiveAutoConfiguration.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(SwsReactiveServer.class));
	}

	@Test
	void theServerCanBeSwitchedOff() {
		this.runner.withPropertyValues("sws.server.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(SwsReactiveServer.class));
	}

	@Test
	void aUserServerReplacesOursAndCustomizersAdjustOursInOrder() {
		SwsReactiveServer mine = SwsReactiveServer.builder(ServerHandshakeSettings.builder(PKI.serverKeys)).build();
		this.runner.withBean(SwsReactiveServer.class, () -> mine)
			.run((context) -> assertThat(context.getBean(SwsReactiveServer.class)).isSameAs(mine));
		this.runner.withUserConfiguration(Customizers.class)
			.run((context) -> assertThat(context.getBean(SwsReactiveServer.class).getMaxPendingHandshakes()).isEqualTo(2));
	}

	@Test
	void theReactiveClientExistsOnceServerAuthenticationIsConfigured() {
		this.runner.withPropertyValues(PIN, "sws.client.version=1", "sws.client.handshake-timeout=4s").run((context) -> {
			assertThat(context).hasSingleBean(SwsReactiveWebSocketClient.class);
			SwsReactiveWebSocketClient client = context.getBean(SwsReactiveWebSocketClient.class);
			assertThat(client.getSettings().getVersion()).isEqualTo(ProtocolVersion.V1);
			assertThat(client.getOptions().handshakeTimeout()).isEqualTo(Duration.ofSeconds(4));
		});
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(SwsReactiveAutoConfiguration.class))
			.withPropertyValues(PIN, "sws.client.version=1")
			.run((context) -> assertThat(context).hasSingleBean(SwsReactiveWebSocketClient.class));
		this.runner.withPropertyValues(PIN, "sws.client.version=1", "sws.client.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(SwsReactiveWebSocketClient.class));
	}

	@Test
	void aV2ClientWithoutTrustAnchorsFailsWithWhatToConfigure() {
		this.runner.withPropertyValues(PIN, "sws.client.version=2").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOfSatisfying(SwsConfigurationException.class,
						(ex) -> assertThat(ex.getProperty()).isEqualTo("sws.client.trust-anchors"));
		});
	}

	@Test
	void oneLogLinePerReactiveSwsEndpoint() {
		this.runner.withUserConfiguration(Endpoints.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(SwsReactiveEndpointLogger.class).describeEndpoints()).containsExactly(
					"SWS endpoint /echo (EchoHandler, WebFlux): versions 1,3, client certificates not required, server key "
							+ KeyFingerprint.of(PKI.serverKeys.getPublicKey()) + ", no certificate");
		});
		this.runner.run((context) -> assertThat(context.getBean(SwsReactiveEndpointLogger.class).describeEndpoints()).isEmpty());
	}

	static class Endpoints {

		@Bean
		SimpleUrlHandlerMapping swsEndpoints(SwsReactiveServer swsReactiveServer) {
			return new SimpleUrlHandlerMapping(Map.of("/echo", swsReactiveServer.decorate(new EchoHandler()),
					"/plain", new EchoHandler()), 1);
		}

	}

	static class EchoHandler implements WebSocketHandler {

		@Override
		public Mono<Void> handle(WebSocketSession session) {
			return session.send(session.receive().map(WebSocketMessage::retain));
		}

	}

	static class Customizers {

		@Bean
		@Order(2)
		SwsReactiveServerCustomizer second() {
			return (builder) -> builder.maxPendingHandshakes(2);
		}

		@Bean
		@Order(1)
		SwsReactiveServerCustomizer first() {
			return (builder) -> builder.maxPendingHandshakes(1);
		}

	}

}
