package dev.sws.sample.broker;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.sws.crypto.RandomSource;

/**
 * Relay mode ({@code sample.broker.mode=relay}): the chat's broker is an external STOMP broker
 * reached through Spring's broker relay, by default an ActiveMQ Artemis embedded in this process.
 * An external broker needs {@code sample.broker.relay.client-login} and {@code client-passcode}:
 * there is no default login.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SampleBrokerProperties.class)
@ConditionalOnProperty(name = "sample.broker.mode", havingValue = "relay")
public class BrokerRelayConfiguration {

	private static final Log logger = LogFactory.getLog(BrokerRelayConfiguration.class);

	/**
	 * The relay's logins: configured for an external broker (startup stops without them), made up
	 * where missing for the embedded one.
	 */
	@Bean
	RelayLogins relayLogins(SampleBrokerProperties properties) {
		if (!properties.getEmbedded().isEnabled()) {
			return RelayLogins.forExternalBroker(properties.getRelay());
		}
		RelayLogins logins = RelayLogins.forEmbeddedBroker(properties.getRelay(), RandomSource.secure());
		if (logins.isGenerated()) {
			logger.info("The embedded STOMP broker accepts login '" + logins.getClientLogin() + "' with a random "
					+ "passcode of this run; for other instances to join it, set sample.broker.relay.client-login and "
					+ "client-passcode on all of them");
		}
		return logins;
	}

	@Bean(destroyMethod = "close")
	@ConditionalOnBooleanProperty(name = "sample.broker.embedded.enabled", matchIfMissing = true)
	EmbeddedStompBroker embeddedStompBroker(SampleBrokerProperties properties, RelayLogins logins) {
		SampleBrokerProperties.Embedded embedded = properties.getEmbedded();
		return EmbeddedStompBroker.start(embedded.getHost(), embedded.getPort(), logins.users());
	}

	@Bean(destroyMethod = "close")
	ChatBrokerRelay chatBrokerRelay(SampleBrokerProperties properties, RelayLogins logins,
			ObjectProvider<EmbeddedStompBroker> embedded, ObjectProvider<SslBundles> sslBundles) {
		SampleBrokerProperties.Relay relay = properties.getRelay();
		EmbeddedStompBroker broker = embedded.getIfAvailable();
		String host = (relay.getHost() != null) ? relay.getHost() : (broker != null) ? broker.host() : "127.0.0.1";
		int port = (relay.getPort() != null) ? relay.getPort() : (broker != null) ? broker.port() : 61613;
		return new ChatBrokerRelay(relay, logins, host, port, sslBundle(relay.getSslBundle(), sslBundles));
	}

	private static @Nullable SslBundle sslBundle(@Nullable String name, ObjectProvider<SslBundles> sslBundles) {
		if (name == null) {
			return null;
		}
		return sslBundles.getObject().getBundle(name);
	}

}
