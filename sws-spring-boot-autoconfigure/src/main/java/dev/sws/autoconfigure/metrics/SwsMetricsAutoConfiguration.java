package dev.sws.autoconfigure.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.sws.autoconfigure.SwsAutoConfiguration;
import dev.sws.websocket.SwsWebSocketHandlerDecoratorFactory;

/**
 * Micrometer metrics of SWS, where the application has a {@link MeterRegistry}: {@link SwsMetrics}
 * (handshakes, sessions, messages, failures of the server and the client), and with an SWS server
 * the gauges {@code sws.handshakes.pending} and {@code sws.outbound.buffered}.
 */
@AutoConfiguration(after = SwsAutoConfiguration.class,
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration" })
@ConditionalOnClass({ MeterRegistry.class, SwsWebSocketHandlerDecoratorFactory.class })
@ConditionalOnBean(MeterRegistry.class)
public final class SwsMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	SwsMetrics swsMetrics(MeterRegistry meterRegistry) {
		return new SwsMetrics(meterRegistry);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(SwsWebSocketHandlerDecoratorFactory.class)
	static class ServerMetricsConfiguration {

		@Bean
		MeterBinder swsServerMeterBinder(SwsWebSocketHandlerDecoratorFactory swsServer) {
			return (registry) -> {
				Gauge.builder("sws.handshakes.pending", swsServer, SwsWebSocketHandlerDecoratorFactory::getPendingHandshakes)
					.description("SWS handshakes in progress")
					.register(registry);
				Gauge.builder("sws.outbound.buffered", swsServer, SwsWebSocketHandlerDecoratorFactory::getBufferedBytes)
					.description("Encrypted bytes waiting for peers that do not read fast enough")
					.baseUnit("bytes")
					.tag("role", "server")
					.register(registry);
			};
		}

	}

}
