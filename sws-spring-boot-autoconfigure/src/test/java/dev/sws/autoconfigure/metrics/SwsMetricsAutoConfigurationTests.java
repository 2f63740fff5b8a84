package dev.sws.autoconfigure.metrics;

import java.util.Base64;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import dev.sws.autoconfigure.SwsAutoConfiguration;
import dev.sws.crypto.BoxKeyPair;
import dev.sws.crypto.RandomSource;
import dev.sws.websocket.SwsWebSocketClient;
import dev.sws.websocket.SwsWebSocketHandlerDecoratorFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the SWS metrics exist, and which.
 */
class SwsMetricsAutoConfigurationTests {

	private static final String KEY_PAIR = "sws.server.key-pair="
			+ Base64.getEncoder().encodeToString(BoxKeyPair.generate(RandomSource.secure()).exportSecretKey());

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SwsAutoConfiguration.class, SwsMetricsAutoConfiguration.class))
		.withPropertyValues(KEY_PAIR);

	@Test
	void withAMeterRegistryTheServerAndTheClientAreMeasured() {
		this.runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withPropertyValues("sws.client.version=1", "sws.client.insecure-accept-any-server-key=true")
			.run((context) -> {
				assertThat(context).hasSingleBean(SwsMetrics.class);
				SwsMetrics metrics = context.getBean(SwsMetrics.class);
				assertThat(context.getBean(SwsWebSocketHandlerDecoratorFactory.class).getOptions().listener())
					.isSameAs(metrics);
				assertThat(context.getBean(SwsWebSocketClient.class).getOptions().listener()).isSameAs(metrics);
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.find("sws.sessions.active").gauges()).hasSize(2);
				assertThat(registry.find("sws.messages").counters()).hasSize(4);
				context.getBeansOfType(io.micrometer.core.instrument.binder.MeterBinder.class)
					.values()
					.forEach((binder) -> binder.bindTo(registry));
				assertThat(registry.find("sws.handshakes.pending").gauge()).isNotNull();
				assertThat(registry.find("sws.outbound.buffered").tag("role", "server").gauge()).isNotNull();
			});
	}

	@Test
	void aClientOnlyApplicationHasTheMetricsWithoutTheServerGauges() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SwsAutoConfiguration.class, SwsMetricsAutoConfiguration.class))
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withPropertyValues("sws.client.version=1", "sws.client.insecure-accept-any-server-key=true")
			.run((context) -> assertThat(context).hasSingleBean(SwsMetrics.class)
				.doesNotHaveBean("swsServerMeterBinder"));
	}

	@Test
	void noMetricsWithoutAMeterRegistryOrMicrometer() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(SwsMetrics.class)
			.doesNotHaveBean("swsServerMeterBinder"));
		this.runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withClassLoader(new FilteredClassLoader("io.micrometer.core"))
			.run((context) -> assertThat(context).doesNotHaveBean(SwsMetrics.class));
	}

}
