package dev.sws.autoconfigure.health;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import dev.sws.autoconfigure.SwsAutoConfiguration;
import dev.sws.autoconfigure.reactive.SwsReactiveAutoConfiguration;
import dev.sws.testsupport.TestPki;
import dev.sws.webflux.SwsReactiveServer;
import dev.sws.websocket.SwsWebSocketHandlerDecoratorFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code sws} health indicator: when it exists, and what it reports.
 */
class SwsHealthAutoConfigurationTests {

	private static final TestPki PKI = TestPki.create("health.sws.dev");

	@TempDir
	Path dir;

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SwsAutoConfiguration.class, SwsHealthAutoConfiguration.class));

	private String[] v2Server() {
		PKI.writeTo(this.dir);
		return new String[] { "sws.server.key-pair=file:" + this.dir.resolve("server-kp.json"),
				"sws.server.certificate=file:" + this.dir.resolve("server-cert.json") };
	}

	@Test
	void reportsTheCertificateAndWarnsBeforeExpiry() {
		this.runner.withPropertyValues(v2Server())
			.withPropertyValues("sws.server.certificate-expiry-warning=400d")
			.run((context) -> {
				Health health = context.getBean(SwsServerHealthIndicator.class).health();
				assertThat(health.getStatus()).isEqualTo(Status.UP);
				assertThat(health.getDetails()).containsKeys("certificate.expiresAt", "certificate.ca", "warning",
						"publicKeyFingerprint", "versions");
				assertThat(health.getDetails().toString())
					.doesNotContain(Base64.getEncoder().encodeToString(PKI.serverKeys.exportSecretKey()));
			});
		this.runner.withPropertyValues(v2Server()).run((context) -> {
			Health health = context.getBean(SwsServerHealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).doesNotContainKey("warning");
		});
	}

	@Test
	void isDownOnceTheCertificateExpired() {
		this.runner.withPropertyValues(v2Server()).run((context) -> {
			SwsWebSocketHandlerDecoratorFactory server = context.getBean(SwsWebSocketHandlerDecoratorFactory.class);
			Clock later = Clock.fixed(PKI.serverCert.getExpiresAt().plusSeconds(1), ZoneOffset.UTC);
			Health health = new SwsServerHealthIndicator(server, Duration.ofDays(14), later).health();
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		});
	}

	@Test
	void aReactiveServerHasTheSameIndicator() {
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SwsAutoConfiguration.class, SwsReactiveAutoConfiguration.class,
					SwsHealthAutoConfiguration.class))
			.withPropertyValues(v2Server())
			.withPropertyValues("sws.server.certificate-expiry-warning=400d")
			.run((context) -> {
				assertThat(context).hasSingleBean(SwsReactiveServer.class)
					.doesNotHaveBean(SwsWebSocketHandlerDecoratorFactory.class);
				Health health = context.getBean(SwsServerHealthIndicator.class).health();
				assertThat(health.getStatus()).isEqualTo(Status.UP);
				assertThat(health.getDetails()).containsKeys("certificate.expiresAt", "warning", "publicKeyFingerprint",
						"versions", "pendingHandshakes");
				SwsReactiveServer server = context.getBean(SwsReactiveServer.class);
				Clock later = Clock.fixed(PKI.serverCert.getExpiresAt().plusSeconds(1), ZoneOffset.UTC);
				assertThat(new SwsServerHealthIndicator(server.getHandshakeSettings(), server::getPendingHandshakes,
						Duration.ofDays(14), later).health().getStatus()).isEqualTo(Status.DOWN);
			});
	}

	@Test
	void canBeSwitchedOffAsAnyHealthIndicator() {
		this.runner.withPropertyValues(v2Server())
			.withPropertyValues("management.health.sws.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(SwsServerHealthIndicator.class));
		this.runner.withPropertyValues(v2Server())
			.withPropertyValues("management.health.defaults.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(SwsServerHealthIndicator.class));
		this.runner.withPropertyValues(v2Server())
			.withPropertyValues("management.health.defaults.enabled=false", "management.health.sws.enabled=true")
			.run((context) -> assertThat(context).hasSingleBean(SwsServerHealthIndicator.class));
	}

	@Test
	void onlyWithAServer() {
		this.runner.withPropertyValues("sws.server.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(SwsServerHealthIndicator.class));
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SwsAutoConfiguration.class, SwsHealthAutoConfiguration.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(SwsServerHealthIndicator.class));
	}

}
