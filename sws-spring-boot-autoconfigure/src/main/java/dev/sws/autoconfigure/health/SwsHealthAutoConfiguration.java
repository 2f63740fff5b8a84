package dev.sws.autoconfigure.health;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.sws.autoconfigure.SwsAutoConfiguration;
import dev.sws.autoconfigure.SwsProperties;
import dev.sws.autoconfigure.reactive.SwsReactiveAutoConfiguration;
import dev.sws.webflux.SwsReactiveServer;
import dev.sws.websocket.SwsWebSocketHandlerDecoratorFactory;

/**
 * The {@code sws} health indicator of an application with an SWS server, servlet or reactive: DOWN once the server
 * certificate has expired, a warning within {@code sws.server.certificate-expiry-warning} of it.
 * Off with {@code management.health.sws.enabled=false} (or
 * {@code management.health.defaults.enabled=false}).
 */
@AutoConfiguration(after = { SwsAutoConfiguration.class, SwsReactiveAutoConfiguration.class })
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnEnabledHealthIndicator("sws")
public final class SwsHealthAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(SwsWebSocketHandlerDecoratorFactory.class)
	@ConditionalOnBean(SwsWebSocketHandlerDecoratorFactory.class)
	static class ServletServerConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "swsHealthIndicator")
		SwsServerHealthIndicator swsHealthIndicator(SwsWebSocketHandlerDecoratorFactory swsServer,
				SwsProperties properties, ObjectProvider<Clock> clock) {
			return new SwsServerHealthIndicator(swsServer, properties.getServer().getCertificateExpiryWarning(),
					clock.getIfUnique(Clock::systemUTC));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(SwsReactiveServer.class)
	@ConditionalOnBean(SwsReactiveServer.class)
	static class ReactiveServerConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "swsHealthIndicator")
		SwsServerHealthIndicator swsHealthIndicator(SwsReactiveServer swsReactiveServer, SwsProperties properties,
				ObjectProvider<Clock> clock) {
			return new SwsServerHealthIndicator(swsReactiveServer.getHandshakeSettings(),
					swsReactiveServer::getPendingHandshakes, properties.getServer().getCertificateExpiryWarning(),
					clock.getIfUnique(Clock::systemUTC));
		}

	}

}
