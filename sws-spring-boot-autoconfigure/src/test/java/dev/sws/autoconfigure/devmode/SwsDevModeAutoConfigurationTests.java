package dev.sws.autoconfigure.devmode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.web.servlet.DispatcherServlet;

import dev.sws.autoconfigure.SwsAutoConfiguration;
import dev.sws.autoconfigure.SwsConfigurationException;
import dev.sws.cert.CertFiles;
import dev.sws.crypto.BoxKeyPair;
import dev.sws.crypto.RandomSource;
import dev.sws.protocol.ProtocolVersion;
import dev.sws.websocket.SwsWebSocketHandlerDecoratorFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When development mode runs, what it gives the server, and what stops it.
 */
class SwsDevModeAutoConfigurationTests {

	@TempDir
	Path dir;

	private final AutoConfigurations configurations = AutoConfigurations.of(SwsAutoConfiguration.class,
			SwsDevModeAutoConfiguration.class);

	private WebApplicationContextRunner runner() {
		return new WebApplicationContextRunner().withConfiguration(this.configurations)
			.withPropertyValues("sws.server.dev-mode.directory=" + devDirectory());
	}

	private Path devDirectory() {
		return this.dir.resolve("dev");
	}

	@Test
	void offByDefault() {
		String keyPair = "sws.server.key-pair=" + Base64.getEncoder()
			.encodeToString(BoxKeyPair.generate(RandomSource.secure()).exportSecretKey());
		runner().withPropertyValues(keyPair)
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(DevModeKeys.class)
				.doesNotHaveBean(DevModeController.class));
		runner().withPropertyValues(keyPair, "sws.server.dev-mode.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(DevModeKeys.class));
		runner().run((context) -> assertThat(cause(context.getStartupFailure()).getMessage())
			.contains("sws.server.key-pair is not set and development mode is off"));
		assertThat(devDirectory()).doesNotExist();
	}

	@Test
	void theServerRunsWithTheDevelopmentKeysAndServesTheCa() {
		runner().withPropertyValues("sws.server.dev-mode.enabled=true").run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(DevModeKeys.class).hasSingleBean(DevModeController.class);
			DevModeKeys keys = context.getBean(DevModeKeys.class);
			SwsWebSocketHandlerDecoratorFactory server = context.getBean(SwsWebSocketHandlerDecoratorFactory.class);
			assertThat(server.getHandshakeSettings().getKeyPair().getPublicKey())
				.isEqualTo(CertFiles.readBoxKeyPair(devDirectory().resolve("server-kp.json")).getPublicKey());
			assertThat(server.getHandshakeSettings().getCertificate()).isEqualTo(keys.certificate());
			assertThat(server.getHandshakeSettings().getVersions()).containsExactly(ProtocolVersion.V1, ProtocolVersion.V2,
					ProtocolVersion.V3);
			assertThat(context.getBean(DevModeController.class).caCertificate())
				.isEqualTo(Files.readString(devDirectory().resolve("sws-dev-ca-cert.json")));
		});
	}

	@Test
	void onlyInAServletWebApplicationWithTheServerOn() {
		new ApplicationContextRunner().withConfiguration(this.configurations)
			.withPropertyValues("sws.server.dev-mode.enabled=true", "sws.server.dev-mode.directory=" + devDirectory())
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(DevModeKeys.class));
		runner().withPropertyValues("sws.server.dev-mode.enabled=true", "sws.server.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(DevModeKeys.class));
		assertThat(devDirectory()).doesNotExist();
	}

	@Test
	void withoutSpringMvcThereIsNoCaEndpoint() {
		runner().withPropertyValues("sws.server.dev-mode.enabled=true")
			.withClassLoader(new FilteredClassLoader(DispatcherServlet.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(DevModeKeys.class)
				.doesNotHaveBean(DevModeController.class));
	}

	@Test
	void aConfiguredKeyPairInAnyPropertyFormStopsStartup() {
		runner().withPropertyValues("sws.server.dev-mode.enabled=true")
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addFirst(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
						Map.of("SWS_SERVER_KEYPAIR", "file:server-kp.json"))))
			.run((context) -> assertThat(cause(context.getStartupFailure()).getMessage()).isEqualTo(
					"Invalid SWS configuration: sws.server.dev-mode.enabled: development mode makes its own keys, "
							+ "but sws.server.key-pair is set too"));
		assertThat(devDirectory()).doesNotExist();
	}

	@Test
	void aProductionProfileStopsStartup() {
		runner().withPropertyValues("sws.server.dev-mode.enabled=true", "spring.profiles.active=cloud,prod")
			.run((context) -> assertThat(cause(context.getStartupFailure()).getMessage())
				.endsWith("sws.server.dev-mode.enabled: development mode is on while the profile 'prod' is active"));
		assertThat(devDirectory()).doesNotExist();
	}

	private static Throwable cause(Throwable failure) {
		assertThat(failure).hasRootCauseInstanceOf(SwsConfigurationException.class);
		Throwable cause = failure;
		while (cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause;
	}

}
