package dev.sws.autoconfigure;

import java.time.Clock;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;

import dev.sws.websocket.SwsEventListener;
import dev.sws.websocket.SwsWebSocketHandlerDecoratorFactory;
import dev.sws.websocket.SwsStompClient;
import dev.sws.websocket.SwsWebSocketClient;

/**
 * Auto-configuration for SWS (Secure WebSocket).
 * <ul>
 * <li>An {@link SwsWebSocketHandlerDecoratorFactory} from {@code sws.server.*}: STOMP endpoints of
 * {@code @EnableWebSocketMessageBroker} applications speak SWS (switch off with
 * {@code sws.server.stomp.enabled=false}); plain handlers opt in with
 * {@code registry.addHandler(swsServer.decorate(handler), path)}.</li>
 * <li>An {@link SwsWebSocketClient} and an {@link SwsStompClient} from {@code sws.client.*}, once
 * the client is told how to authenticate servers (trust anchors, pinned keys, or the insecure
 * opt-in).</li>
 * <li>With Micrometer: {@link SwsMetrics}. With Actuator: a health indicator ({@code sws}) for the
 * server certificate's expiry and an info contribution with the server key fingerprint.</li>
 * </ul>
 * A user bean of the same type replaces ours; {@link SwsServerCustomizer} and
 * {@link SwsClientCustomizer} beans adjust ours.
 */
@AutoConfiguration(afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
		"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
		"org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration" })
@ConditionalOnClass(WebSocketHandler.class)
@EnableConfigurationProperties(SwsProperties.class)
public final class SwsAutoConfiguration {

	/** The clock: a unique {@link Clock} bean if the application has one (tests), else UTC. */
	static Clock clock(ObjectProvider<Clock> clock) {
		return clock.getIfUnique(Clock::systemUTC);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "sws.server.enabled", matchIfMissing = true)
	static class ServerConfiguration {

		@Bean(destroyMethod = "close")
		@ConditionalOnMissingBean
		SwsWebSocketHandlerDecoratorFactory swsServer(SwsProperties properties, ResourceLoader resourceLoader, ObjectProvider<Clock> clock,
				ObjectProvider<SwsEventListener> listeners, ObjectProvider<SwsServerCustomizer> customizers) {
			SwsWebSocketHandlerDecoratorFactory.Builder builder = new SwsServerFactory(properties.getServer(), resourceLoader, clock(clock))
				.builder(CompositeSwsEventListener.of(listeners.orderedStream().toList()));
			customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
			try {
				return builder.build();
			}
			catch (IllegalStateException | IllegalArgumentException ex) {
				throw new SwsConfigurationException("sws.server", ex.getMessage(),
						"Check the sws.server.* properties and any SwsServerCustomizer", ex);
			}
		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass(name = { "org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer",
				"org.springframework.messaging.simp.SimpMessagingTemplate" })
		@ConditionalOnBooleanProperty(name = "sws.server.stomp.enabled", matchIfMissing = true)
		static class StompConfiguration {

			@Bean
			@ConditionalOnMissingBean
			SwsStompEndpointConfigurer swsStompEndpointConfigurer(SwsWebSocketHandlerDecoratorFactory swsServer) {
				return new SwsStompEndpointConfigurer(swsServer);
			}

		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass(HealthIndicator.class)
		static class HealthConfiguration {

			@Bean
			@ConditionalOnMissingBean(name = "swsHealthIndicator")
			@ConditionalOnBooleanProperty(name = "management.health.sws.enabled", matchIfMissing = true)
			SwsServerHealthIndicator swsHealthIndicator(SwsWebSocketHandlerDecoratorFactory swsServer, SwsProperties properties,
				ObjectProvider<Clock> clock) {
			return new SwsServerHealthIndicator(swsServer, properties.getServer().getCertificateExpiryWarning(),
					clock(clock));
			}

		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass(InfoContributor.class)
		static class InfoConfiguration {

			@Bean
			@ConditionalOnMissingBean
			SwsInfoContributor swsInfoContributor(SwsWebSocketHandlerDecoratorFactory swsServer) {
				return new SwsInfoContributor(swsServer);
			}

		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass(MeterRegistry.class)
		@ConditionalOnBean(MeterRegistry.class)
		static class ServerMetricsConfiguration {

			@Bean
			MeterBinder swsPendingHandshakesMeterBinder(SwsWebSocketHandlerDecoratorFactory swsServer) {
				return (registry) -> {
					Gauge.builder("sws.handshakes.pending", swsServer, SwsWebSocketHandlerDecoratorFactory::pendingHandshakes)
						.description("SWS handshakes in progress")
						.register(registry);
					Gauge.builder("sws.outbound.buffered", swsServer, SwsWebSocketHandlerDecoratorFactory::bufferedBytes)
						.description("Encrypted bytes waiting for peers that do not read fast enough")
						.baseUnit("bytes")
						.tag("role", "server")
						.register(registry);
				};
			}

		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	@ConditionalOnBean(MeterRegistry.class)
	static class MetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		SwsMetrics swsMetrics(MeterRegistry meterRegistry) {
			return new SwsMetrics(meterRegistry);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(StandardWebSocketClient.class)
	@ConditionalOnBooleanProperty(name = "sws.client.enabled", matchIfMissing = true)
	@Conditional(ClientConfiguration.ServerAuthenticationConfigured.class)
	static class ClientConfiguration {

		@Bean
		@ConditionalOnMissingBean
		SwsWebSocketClient swsWebSocketClient(SwsProperties properties, ResourceLoader resourceLoader, ObjectProvider<Clock> clock,
				ObjectProvider<SwsEventListener> listeners, ObjectProvider<SwsClientCustomizer> customizers) {
			SwsWebSocketClient.Builder builder = new SwsClientFactory(properties.getClient(), resourceLoader, clock(clock))
				.builder(CompositeSwsEventListener.of(listeners.orderedStream().toList()));
			SwsTrust.warnIfOneCaServesBothRoles(properties, new SwsKeyMaterial(resourceLoader));
			customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
			try {
				return builder.build();
			}
			catch (IllegalStateException | IllegalArgumentException ex) {
				throw new SwsConfigurationException("sws.client", ex.getMessage(),
						"Check the sws.client.* properties and any SwsClientCustomizer", ex);
			}
		}

		@Bean(destroyMethod = "close")
		@ConditionalOnMissingBean
		@ConditionalOnClass(name = "org.springframework.messaging.simp.stomp.StompSession")
		SwsStompClient swsStompClient(SwsWebSocketClient swsWebSocketClient) {
			return new SwsStompClient(swsWebSocketClient);
		}

		/**
		 * The client beans exist once {@code sws.client} says how to authenticate servers.
		 */
		static final class ServerAuthenticationConfigured extends AnyNestedCondition {

			ServerAuthenticationConfigured() {
				super(ConfigurationPhase.REGISTER_BEAN);
			}

			@ConditionalOnProperty(name = "sws.client.trust-anchors")
			static final class TrustAnchors {

			}

			@ConditionalOnProperty(name = "sws.client.trust-anchors[0]")
			static final class TrustAnchorList {

			}

			@ConditionalOnProperty(name = "sws.client.pinned-server-keys")
			static final class PinnedKeys {

			}

			@ConditionalOnProperty(name = "sws.client.pinned-server-keys[0]")
			static final class PinnedKeyList {

			}

			@ConditionalOnBooleanProperty(name = "sws.client.insecure-accept-any-server-key")
			static final class InsecureOptIn {

			}

		}

	}

}
