package dev.sws.autoconfigure.devmode;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.socket.WebSocketHandler;

import dev.sws.autoconfigure.SwsAutoConfiguration;
import dev.sws.autoconfigure.SwsProperties;

/**
 * Development mode ({@code sws.server.dev-mode.enabled=true}, off by default) in a servlet or
 * reactive web application with the SWS server on: {@link DevModeKeys} for the auto-configured
 * server, made on the fly in {@code sws.server.dev-mode.directory}, and the
 * development CA's certificate at {@code /sws-dev/ca-cert.json} for clients that trust on first use. A WARN banner says so on
 * every start; it refuses to run next to configured keys or with a production profile active
 * (see {@link DevMode}).
 */
@AutoConfiguration(before = SwsAutoConfiguration.class)
@ConditionalOnClass(WebSocketHandler.class)
@ConditionalOnWebApplication
@ConditionalOnBooleanProperty(name = "sws.server.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty("sws.server.dev-mode.enabled")
@EnableConfigurationProperties(SwsProperties.class)
public final class SwsDevModeAutoConfiguration {

	@Bean
	DevModeKeys swsDevModeKeys(SwsProperties properties, Environment environment, ObjectProvider<Clock> clock) {
		return DevMode.start(properties.getServer(), environment.getActiveProfiles(), clock.getIfUnique(Clock::systemUTC));
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.SERVLET)
	@ConditionalOnClass(name = "org.springframework.web.servlet.DispatcherServlet")
	static class CaEndpointConfiguration {

		@Bean
		DevModeController swsDevModeController(DevModeKeys keys) {
			return new DevModeController(keys);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.REACTIVE)
	@ConditionalOnClass(name = "org.springframework.web.reactive.DispatcherHandler")
	static class ReactiveCaEndpointConfiguration {

		@Bean
		DevModeController swsDevModeController(DevModeKeys keys) {
			return new DevModeController(keys);
		}

	}

}
