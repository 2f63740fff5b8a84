package dev.sws.autoconfigure.relay;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import reactor.netty.tcp.TcpClient;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.messaging.simp.broker.SimpleBrokerMessageHandler;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.messaging.simp.stomp.StompBrokerRelayMessageHandler;
import org.springframework.messaging.tcp.reactor.ReactorNettyTcpClient;
import org.springframework.util.unit.DataSize;
import org.springframework.web.socket.config.annotation.EnableWebSocketMessageBroker;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;

import dev.sws.autoconfigure.SwsConfigurationException;
import dev.sws.websocket.relay.OutageTolerantRelayClient;
import dev.sws.websocket.relay.RelayOutagePolicy;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the STOMP broker relay is configured, and how: conditions, properties and the failures
 * that stop startup with the properties to set. The embedded broker is in
 * {@link EmbeddedBrokerTests}.
 */
class SwsStompRelayAutoConfigurationTests {

	static final String[] EXTERNAL_BROKER = { "sws.server.stomp.relay.enabled=true",
			"sws.server.stomp.relay.client-login=chat", "sws.server.stomp.relay.client-passcode=secret" };

	final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, SwsStompRelayAutoConfiguration.class))
		.withUserConfiguration(StompApplication.class, SimpleBrokerUnlessRelayed.class);

	@Test
	void offByDefaultTheApplicationKeepsItsSimpleBroker() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(SwsStompBrokerRelay.class);
			assertThat(context.getBean("simpleBrokerMessageHandler")).isInstanceOf(SimpleBrokerMessageHandler.class);
			assertThat(context.getBeansOfType(StompBrokerRelayMessageHandler.class)).isEmpty();
		});
	}

	@Test
	void anExternalBrokerIsConfiguredByProperties() {
		this.runner
			.withPropertyValues(EXTERNAL_BROKER)
			.withPropertyValues("sws.server.stomp.relay.host=broker.example", "sws.server.stomp.relay.port=61614",
					"sws.server.stomp.relay.virtual-host=chat-vhost",
					"sws.server.stomp.relay.destination-prefixes=/topic,/exchange")
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(EmbeddedStompAcceptor.class);
				SwsStompBrokerRelay relay = context.getBean(SwsStompBrokerRelay.class);
				assertThat(relay.getBrokerAddress()).isEqualTo("broker.example:61614");
				StompBrokerRelayMessageHandler handler = context.getBean(StompBrokerRelayMessageHandler.class);
				assertThat(handler.getTcpClient()).isSameAs(relay.getRelayClient()).isNotNull();
				assertThat(handler.getDestinationPrefixes()).containsExactly("/topic", "/exchange");
				assertThat(handler.getClientLogin()).isEqualTo("chat");
				assertThat(handler.getClientPasscode()).isEqualTo("secret");
				assertThat(handler.getVirtualHost()).isEqualTo("chat-vhost");
				assertThat(context.getBeansOfType(SimpleBrokerMessageHandler.class)).isEmpty();
			});
	}

	@Test
	void theDefaultsAreSpringsRelayDefaultsAndTheTopicPrefix() {
		this.runner.withPropertyValues(EXTERNAL_BROKER).run((context) -> {
			SwsStompBrokerRelay relay = context.getBean(SwsStompBrokerRelay.class);
			assertThat(relay.getBrokerAddress()).isEqualTo("127.0.0.1:61613");
			StompBrokerRelayMessageHandler handler = context.getBean(StompBrokerRelayMessageHandler.class);
			assertThat(handler.getDestinationPrefixes()).containsExactly("/topic");
			assertThat(handler.getVirtualHost()).isEqualTo("/");
			assertThat(relay.getRelayClient().getPolicy()).isEqualTo(
					new RelayOutagePolicy(Duration.ofSeconds(60), Duration.ofSeconds(1), Duration.ofSeconds(2),
							DataSize.ofMegabytes(1).toBytes(), true));
		});
	}

	@Test
	void theOutagePolicyComesFromTheProperties() {
		this.runner.withPropertyValues(EXTERNAL_BROKER)
			.withPropertyValues("sws.server.stomp.relay.outage.max-duration=30s",
					"sws.server.stomp.relay.outage.reconnect-interval=500ms",
					"sws.server.stomp.relay.outage.settle-time=1s", "sws.server.stomp.relay.outage.buffer-size=64KB",
					"sws.server.stomp.relay.outage.resend-unconfirmed=false")
			.run((context) -> assertThat(context.getBean(SwsStompBrokerRelay.class).getRelayClient().getPolicy())
				.isEqualTo(new RelayOutagePolicy(Duration.ofSeconds(30), Duration.ofMillis(500), Duration.ofSeconds(1),
						64 * 1024, false)));
	}

	@Test
	void withoutOutageToleranceSpringsRelayGetsThePlainReactorNettyClient() {
		this.runner.withPropertyValues(EXTERNAL_BROKER)
			.withPropertyValues("sws.server.stomp.relay.outage.enabled=false")
			.run((context) -> {
				assertThat(context.getBean(SwsStompBrokerRelay.class).getRelayClient()).isNull();
				assertThat(context.getBean(StompBrokerRelayMessageHandler.class).getTcpClient())
					.isInstanceOf(ReactorNettyTcpClient.class)
					.isNotInstanceOf(OutageTolerantRelayClient.class);
			});
	}

	@Test
	void anExternalBrokerWithoutLoginStopsStartupAndSaysWhichPropertiesToSet() {
		this.runner.withPropertyValues("sws.server.stomp.relay.enabled=true").run((context) -> {
			assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(SwsConfigurationException.class)
				.hasMessageContaining("no default login (such as guest/guest)");
			FailureAnalysis analysis = analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains(
					"sws.server.stomp.relay.client-login and sws.server.stomp.relay.client-passcode are not set");
			assertThat(analysis.getAction()).startsWith("Set sws.server.stomp.relay.client-login and "
					+ "sws.server.stomp.relay.client-passcode to an account of your broker");
		});
		this.runner.withPropertyValues("sws.server.stomp.relay.enabled=true", "sws.server.stomp.relay.client-login=chat")
			.run((context) -> assertThat(analyze(context.getStartupFailure()).getDescription())
				.contains("sws.server.stomp.relay.client-passcode is not set"));
	}

	@Test
	void halfASystemLoginStopsStartup() {
		this.runner.withPropertyValues(EXTERNAL_BROKER)
			.withPropertyValues("sws.server.stomp.relay.system-login=system")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("sws.server.stomp.relay.system-passcode is not set"));
	}

	@Test
	void theSystemConnectionUsesTheClientLoginUnlessItHasItsOwn() {
		this.runner.withPropertyValues(EXTERNAL_BROKER).run((context) -> {
			StompBrokerRelayMessageHandler handler = context.getBean(StompBrokerRelayMessageHandler.class);
			assertThat(handler.getSystemLogin()).isEqualTo("chat");
			assertThat(handler.getSystemPasscode()).isEqualTo("secret");
		});
		this.runner.withPropertyValues(EXTERNAL_BROKER)
			.withPropertyValues("sws.server.stomp.relay.system-login=system",
					"sws.server.stomp.relay.system-passcode=other")
			.run((context) -> {
				StompBrokerRelayMessageHandler handler = context.getBean(StompBrokerRelayMessageHandler.class);
				assertThat(handler.getSystemLogin()).isEqualTo("system");
				assertThat(handler.getSystemPasscode()).isEqualTo("other");
			});
	}

	@Test
	void anApplicationThatAlsoEnablesTheSimpleBrokerStopsStartupAndSaysWhatToDo() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, SwsStompRelayAutoConfiguration.class))
			.withUserConfiguration(StompApplication.class, SimpleBrokerAlways.class)
			.withPropertyValues(EXTERNAL_BROKER)
			.run((context) -> {
				assertThat(context).getFailure().isInstanceOf(SwsConfigurationException.class);
				FailureAnalysis analysis = analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("enables Spring's simple broker")
					.contains("Spring would run both");
				assertThat(analysis.getAction()).contains(
						"@ConditionalOnBooleanProperty(name = \"sws.server.stomp.relay.enabled\", havingValue = false, "
								+ "matchIfMissing = true)");
			});
	}

	@Test
	void anApplicationThatEnablesARelayOfItsOwnStopsStartup() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, SwsStompRelayAutoConfiguration.class))
			.withUserConfiguration(StompApplication.class, OwnRelay.class)
			.withPropertyValues(EXTERNAL_BROKER)
			.run((context) -> assertThat(analyze(context.getStartupFailure()).getDescription())
				.contains("enables a STOMP broker relay of its own"));
	}

	@Test
	void anUnknownSslBundleStopsStartup() {
		this.runner.withPropertyValues(EXTERNAL_BROKER)
			.withPropertyValues("sws.server.stomp.relay.ssl-bundle=broker")
			.run((context) -> assertThat(context).getFailure().rootCause().isInstanceOf(NoSuchSslBundleException.class));
	}

	@Test
	void withoutReactorNettyStartupStopsAndSaysWhatToAdd() {
		this.runner.withClassLoader(new FilteredClassLoader(TcpClient.class))
			.withPropertyValues(EXTERNAL_BROKER)
			.run((context) -> assertThat(analyze(context.getStartupFailure()).getAction())
				.contains("io.projectreactor.netty:reactor-netty-core"));
	}

	@Test
	void aNonWebApplicationGetsNoRelay() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, SwsStompRelayAutoConfiguration.class))
			.withPropertyValues(EXTERNAL_BROKER)
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(SwsStompBrokerRelay.class));
	}

	@Test
	void theLoginsNeverShowTheirPasscodes() {
		this.runner.withPropertyValues(EXTERNAL_BROKER)
			.run((context) -> assertThat(RelayLogins.forExternalBroker(
					context.getBean(dev.sws.autoconfigure.SwsProperties.class).getServer().getStomp().getRelay())
				.toString()).isEqualTo("RelayLogins[client=chat, system=chat]"));
	}

	/** What Spring Boot's failure report says, from the analyzers registered in spring.factories. */
	static FailureAnalysis analyze(Throwable failure) {
		assertThat(failure).as("startup failure").isNotNull();
		for (FailureAnalyzer analyzer : SpringFactoriesLoader.forDefaultResourceLocation()
			.load(FailureAnalyzer.class, null, SpringFactoriesLoader.FailureHandler.handleMessage((message, ex) -> {
			}))) {
			FailureAnalysis analysis = analyzer.analyze(failure);
			if (analysis != null) {
				return analysis;
			}
		}
		throw new AssertionError("No failure analysis", failure);
	}

	/** An application's STOMP setup, as the README shows it. */
	@Configuration(proxyBeanMethods = false)
	@EnableWebSocketMessageBroker
	static class StompApplication implements WebSocketMessageBrokerConfigurer {

		@Override
		public void registerStompEndpoints(StompEndpointRegistry registry) {
			registry.addEndpoint("/stomp");
		}

		@Override
		public void configureMessageBroker(MessageBrokerRegistry registry) {
			registry.setApplicationDestinationPrefixes("/app");
		}

	}

	/** The simple broker of one instance, unless the relay is on: the README's pattern. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "sws.server.stomp.relay.enabled", havingValue = false, matchIfMissing = true)
	static class SimpleBrokerUnlessRelayed implements WebSocketMessageBrokerConfigurer {

		@Override
		public void configureMessageBroker(MessageBrokerRegistry registry) {
			registry.enableSimpleBroker("/topic");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class SimpleBrokerAlways implements WebSocketMessageBrokerConfigurer {

		@Override
		public void configureMessageBroker(MessageBrokerRegistry registry) {
			registry.enableSimpleBroker("/topic");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnRelay implements WebSocketMessageBrokerConfigurer {

		@Override
		public void configureMessageBroker(MessageBrokerRegistry registry) {
			registry.enableStompBrokerRelay("/queue");
		}

	}

}
