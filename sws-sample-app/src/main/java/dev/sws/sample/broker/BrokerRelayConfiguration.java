package dev.sws.sample.broker;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Relay mode ({@code sample.broker.mode=relay}): the chat's broker is an external STOMP broker
 * reached through Spring's broker relay, by default an ActiveMQ Artemis embedded in this process.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SampleBrokerProperties.class)
@ConditionalOnProperty(name = "sample.broker.mode", havingValue = "relay")
public class BrokerRelayConfiguration {

	@Bean(destroyMethod = "close")
	@ConditionalOnBooleanProperty(name = "sample.broker.embedded.enabled", matchIfMissing = true)
	EmbeddedStompBroker embeddedStompBroker(SampleBrokerProperties properties) {
		SampleBrokerProperties.Relay relay = properties.getRelay();
		Map<String, String> users = new LinkedHashMap<>();
		users.put(relay.getClientLogin(), relay.getClientPasscode());
		users.put(relay.getSystemLogin(), relay.getSystemPasscode());
		SampleBrokerProperties.Embedded embedded = properties.getEmbedded();
		return EmbeddedStompBroker.start(embedded.getHost(), embedded.getPort(), users);
	}

	@Bean(destroyMethod = "close")
	ChatBrokerRelay chatBrokerRelay(SampleBrokerProperties properties, ObjectProvider<EmbeddedStompBroker> embedded,
			ObjectProvider<SslBundles> sslBundles) {
		SampleBrokerProperties.Relay relay = properties.getRelay();
		EmbeddedStompBroker broker = embedded.getIfAvailable();
		String host = (relay.getHost() != null) ? relay.getHost() : (broker != null) ? broker.host() : "127.0.0.1";
		int port = (relay.getPort() != null) ? relay.getPort() : (broker != null) ? broker.port() : 61613;
		return new ChatBrokerRelay(relay, host, port, sslBundle(relay.getSslBundle(), sslBundles));
	}

	private static @Nullable SslBundle sslBundle(@Nullable String name, ObjectProvider<SslBundles> sslBundles) {
		if (name == null) {
			return null;
		}
		return sslBundles.getObject().getBundle(name);
	}

}
