package dev.sws.sample.devmode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * When development mode switches itself on, and what it configures.
 */
class DevModeEnvironmentPostProcessorTests {

	@TempDir
	Path dir;

	final DevModeEnvironmentPostProcessor processor = new DevModeEnvironmentPostProcessor(Supplier::get);

	MockEnvironment environment() {
		return new MockEnvironment().withProperty("sample.dev-mode.directory", this.dir.resolve("dev").toString());
	}

	void process(MockEnvironment environment) {
		this.processor.postProcessEnvironment(environment, new SpringApplication());
	}

	@Test
	void withoutKeysItConfiguresTheServerAndThePageWithDevelopmentKeys() {
		MockEnvironment environment = environment();
		process(environment);
		Path dev = this.dir.resolve("dev");
		assertThat(environment.getProperty("sws.server.key-pair")).isEqualTo("file:" + dev.resolve("server-kp.json"));
		assertThat(environment.getProperty("sws.server.certificate")).isEqualTo("file:" + dev.resolve("server-cert.json"));
		assertThat(environment.getProperty("sample.page.trust-anchors"))
			.isEqualTo("file:" + dev.resolve("sws-dev-ca-cert.json"));
		assertThat(environment.getProperty(DevModeEnvironmentPostProcessor.ACTIVE_PROPERTY)).isEqualTo("true");
		assertThat(dev.resolve("server-kp.json")).exists();
	}

	@Test
	void explicitSettingsWin() {
		MockEnvironment environment = environment().withProperty("sample.page.trust-anchors", "file:my-ca-ca-cert.json");
		process(environment);
		assertThat(environment.getProperty("sample.page.trust-anchors")).isEqualTo("file:my-ca-ca-cert.json");
	}

	@Test
	void aConfiguredKeyPairSwitchesItOffInAnyPropertyForm() {
		MockEnvironment environment = environment();
		environment.getPropertySources()
			.addFirst(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					Map.of("SWS_SERVER_KEYPAIR", "file:server-kp.json")));
		process(environment);
		assertThat(environment.getProperty(DevModeEnvironmentPostProcessor.ACTIVE_PROPERTY)).isNull();
		assertThat(this.dir.resolve("dev")).doesNotExist();
	}

	@Test
	void itCanBeSwitchedOff() {
		MockEnvironment environment = environment().withProperty("sample.dev-mode.enabled", "false");
		process(environment);
		assertThat(environment.getPropertySources().stream().filter(MapPropertySource.class::isInstance)).hasSize(1);
		assertThat(environment.getProperty("sws.server.key-pair")).isNull();
	}

	@Test
	void aKeyOthersMayReadStopsStartupWithTheFix() throws Exception {
		process(environment());
		Path keyPair = this.dir.resolve("dev").resolve("server-kp.json");
		Files.setPosixFilePermissions(keyPair, PosixFilePermissions.fromString("rw-r--r--"));
		assertThatIllegalStateException().isThrownBy(() -> process(environment()))
			.withMessageContaining(keyPair + ": readable or writable by group or others")
			.withMessageContaining("'chmod 600'");
	}

	@Test
	void aFolderItCannotWriteStopsStartupWithTheFix() throws Exception {
		Path file = Files.writeString(this.dir.resolve("a-file"), "");
		MockEnvironment environment = new MockEnvironment().withProperty("sample.dev-mode.directory",
				file.resolve("dev").toString());
		assertThatIllegalStateException().isThrownBy(() -> process(environment))
			.withMessageContaining("SWS development mode could not prepare its keys")
			.withMessageContaining("configure sws.server.key-pair");
	}

}
