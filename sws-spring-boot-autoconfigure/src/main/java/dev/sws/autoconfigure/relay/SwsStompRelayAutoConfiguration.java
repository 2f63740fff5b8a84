package dev.sws.autoconfigure.relay;

import java.net.InetSocketAddress;
import java.util.function.Supplier;

import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.artemis.autoconfigure.ArtemisConfigurationCustomizer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.simp.stomp.StompBrokerRelayMessageHandler;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;

import dev.sws.autoconfigure.SwsConfigurationException;
import dev.sws.autoconfigure.SwsProperties;
import dev.sws.autoconfigure.SwsStompRelayProperties;
import dev.sws.crypto.RandomSource;

/**
 * Auto-configuration of scale-out through a STOMP broker, with
 * {@code sws.server.stomp.relay.enabled=true}: Spring's STOMP broker relay on the application's
 * {@code @EnableWebSocketMessageBroker} setup ({@link SwsStompBrokerRelay}), with a TCP client that
 * keeps client sessions up through broker outages. Needs Reactor Netty
 * ({@code io.projectreactor.netty:reactor-netty-core}). With Spring Boot's embedded ActiveMQ
 * Artemis in the application ({@code spring-boot-artemis}, {@code artemis-jakarta-server},
 * {@code artemis-stomp-protocol}), a STOMP listener is added to it for development, and the relay
 * uses it unless {@code sws.server.stomp.relay.host} and {@code port} are set.
 */
@AutoConfiguration(afterName = { "org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration",
		"org.springframework.boot.artemis.autoconfigure.ArtemisAutoConfiguration" })
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnClass({ StompBrokerRelayMessageHandler.class, WebSocketMessageBrokerConfigurer.class })
@ConditionalOnBooleanProperty("sws.server.stomp.relay.enabled")
@EnableConfigurationProperties(SwsProperties.class)
public final class SwsStompRelayAutoConfiguration {

	private static final Log logger = LogFactory.getLog(SwsStompRelayAutoConfiguration.class);

	static final String DEFAULT_HOST = "127.0.0.1";

	static final int DEFAULT_PORT = 61613;

	static SwsStompRelayProperties relayProperties(SwsProperties properties) {
		return properties.getServer().getStomp().getRelay();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "reactor.netty.tcp.TcpClient")
	static class RelayConfiguration {

		/**
		 * The relay: the embedded broker's logins if it runs, else those configured for an
		 * external broker (or startup stops).
		 */
		@Bean
		@ConditionalOnMissingBean
		SwsStompBrokerRelay swsStompBrokerRelay(SwsProperties properties, ObjectProvider<RelayLogins> embeddedLogins,
				ObjectProvider<EmbeddedStompAcceptor> embedded, ObjectProvider<SslBundles> sslBundles,
				@Qualifier("messageBrokerTaskScheduler") ObjectProvider<TaskScheduler> scheduler) {
			SwsStompRelayProperties relay = relayProperties(properties);
			RelayLogins logins = embeddedLogins.getIfAvailable(() -> RelayLogins.forExternalBroker(relay));
			return new SwsStompBrokerRelay(relay, logins, brokerAddress(relay, embedded),
					sslBundle(relay.getSslBundle(), sslBundles), scheduler::getObject);
		}

		@Bean
		static BrokerRelayCheck swsBrokerRelayCheck(ListableBeanFactory beans, SwsStompBrokerRelay relay) {
			return new BrokerRelayCheck(beans, relay);
		}

		/** Configured host and port, else the embedded broker's (looked up when connecting), else Spring's default. */
		private static Supplier<InetSocketAddress> brokerAddress(SwsStompRelayProperties relay,
				ObjectProvider<EmbeddedStompAcceptor> embedded) {
			String host = relay.getHost();
			Integer port = relay.getPort();
			if (host != null || port != null || embedded.getIfAvailable() == null) {
				InetSocketAddress address = InetSocketAddress.createUnresolved((host != null) ? host : DEFAULT_HOST,
						(port != null) ? port : DEFAULT_PORT);
				return () -> address;
			}
			return () -> embedded.getObject().getAddress();
		}

		private static @Nullable SslBundle sslBundle(@Nullable String name, ObjectProvider<SslBundles> sslBundles) {
			if (name == null) {
				return null;
			}
			SslBundles bundles = sslBundles.getIfAvailable();
			if (bundles == null) {
				throw new SwsConfigurationException("sws.server.stomp.relay.ssl-bundle",
						"There are no SSL bundles in this application, so bundle '" + name + "' cannot be used",
						"Configure the bundle under spring.ssl.bundle.* (Spring Boot's SSL auto-configuration)");
			}
			return bundles.getBundle(name);
		}

	}

	/**
	 * The development broker: a STOMP listener on Spring Boot's embedded ActiveMQ Artemis, which
	 * takes the relay's logins (made up where missing) and nothing else.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { "reactor.netty.tcp.TcpClient",
			"org.springframework.boot.artemis.autoconfigure.ArtemisConfigurationCustomizer",
			"org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ",
			"org.apache.activemq.artemis.core.protocol.stomp.StompProtocolManagerFactory" })
	@ConditionalOnBean(type = "org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ")
	@ConditionalOnBooleanProperty(name = "sws.server.stomp.relay.embedded.enabled", matchIfMissing = true)
	static class EmbeddedBrokerConfiguration {

		/** The logins for the embedded broker: configured, or a random passcode of this run. */
		@Bean
		RelayLogins swsRelayLogins(SwsProperties properties) {
			RelayLogins logins = RelayLogins.forEmbeddedBroker(relayProperties(properties), RandomSource.secure());
			if (logins.isGenerated()) {
				logger.info("The embedded STOMP broker accepts login '" + logins.getClientLogin() + "' with a random "
						+ "passcode of this run; for other instances to join it, set sws.server.stomp.relay.client-login "
						+ "and client-passcode on all of them");
			}
			return logins;
		}

		@Bean
		ArtemisConfigurationCustomizer swsStompAcceptorCustomizer(SwsProperties properties) {
			return new ArtemisStompAcceptorCustomizer(relayProperties(properties).getEmbedded());
		}

		/** Gives the embedded broker the relay's logins before it starts. */
		@Bean
		static BeanPostProcessor swsEmbeddedBrokerSecurity(ObjectProvider<RelayLogins> logins) {
			return new BeanPostProcessor() {

				@Override
				public Object postProcessBeforeInitialization(Object bean, String beanName) throws BeansException {
					if (bean instanceof EmbeddedActiveMQ broker) {
						broker.setSecurityManager(ArtemisStompAcceptorCustomizer.securityManager(logins.getObject().getUsers()));
					}
					return bean;
				}

			};
		}

		@Bean
		EmbeddedStompAcceptor swsEmbeddedStompAcceptor(EmbeddedActiveMQ broker, SwsProperties properties) {
			return new EmbeddedStompAcceptor(broker, relayProperties(properties).getEmbedded());
		}

	}

	/** Relay mode without Reactor Netty: startup stops and says what to add. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingClass("reactor.netty.tcp.TcpClient")
	static class MissingReactorNettyConfiguration {

		@Bean
		Object swsStompBrokerRelay() {
			throw new SwsConfigurationException("sws.server.stomp.relay.enabled",
					"The STOMP broker relay connects to the broker with Reactor Netty, which is not on the classpath.",
					"Add the dependency io.projectreactor.netty:reactor-netty-core (its version is managed by Spring Boot), "
							+ "or set sws.server.stomp.relay.enabled=false.");
		}

	}

}
