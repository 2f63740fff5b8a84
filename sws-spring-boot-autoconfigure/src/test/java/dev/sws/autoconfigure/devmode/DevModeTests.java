package dev.sws.autoconfigure.devmode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.sws.autoconfigure.SwsConfigurationException;
import dev.sws.autoconfigure.SwsProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Development mode's guards, its keys and its banner.
 */
@ExtendWith(OutputCaptureExtension.class)
class DevModeTests {

	@TempDir
	Path dir;

	SwsProperties.Server properties() {
		SwsProperties.Server properties = new SwsProperties().getServer();
		properties.getDevMode().setEnabled(true);
		properties.getDevMode().setDirectory(this.dir.resolve("dev").toString());
		return properties;
	}

	DevModeKeys start(SwsProperties.Server properties, String... profiles) {
		return DevMode.start(properties, profiles, Clock.systemUTC());
	}

	@Test
	void itMakesTheKeysAndSaysSoLoudlyOnEveryStart(CapturedOutput output) {
		DevModeKeys keys = start(properties());
		Path dev = this.dir.resolve("dev");
		assertThat(keys.keyPairFile()).isEqualTo(dev.resolve("server-kp.json")).exists();
		assertThat(keys.certificateFile()).isEqualTo(dev.resolve("server-cert.json")).exists();
		assertThat(keys.caCertFile()).isEqualTo(dev.resolve("sws-dev-ca-cert.json")).exists();
		assertThat(output).contains("WARN", "SWS DEVELOPMENT MODE (sws.server.dev-mode.enabled=true)", dev.toString(),
				"created development CA", "/sws-dev/ca-cert.json", "localhost, 127.0.0.1, ::1",
				keys.certificate().getPublicKeyFingerprint());
		DevModeKeys again = start(properties());
		assertThat(again.created()).isEmpty();
		assertThat(output.toString().split("SWS DEVELOPMENT MODE", -1)).as("a banner per start").hasSize(3);
		assertThat(output).contains("(reused)");
	}

	/** The sample let configured keys switch development mode off; an explicit opt-in refuses instead. */
	@Test
	void configuredKeysNextToItAreRefused() {
		SwsProperties.Server withKeyPair = properties();
		withKeyPair.setKeyPair("file:server-kp.json");
		SwsProperties.Server withCertificate = properties();
		withCertificate.setCertificate("file:server-cert.json");
		for (SwsProperties.Server properties : new SwsProperties.Server[] { withKeyPair, withCertificate }) {
			assertThatExceptionOfType(SwsConfigurationException.class).isThrownBy(() -> start(properties))
				.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo("sws.server.dev-mode.enabled"))
				.withMessageContaining("development mode makes its own keys, but sws.server.")
				.satisfies((ex) -> assertThat(ex.getAction()).contains("remove sws.server.dev-mode.enabled=true",
						"remove sws.server.key-pair and sws.server.certificate"));
		}
		assertThat(this.dir.resolve("dev")).doesNotExist();
	}

	@Test
	void aProductionProfileIsRefused() {
		for (String profile : new String[] { "prod", "production", "PROD", "Production" }) {
			assertThatExceptionOfType(SwsConfigurationException.class)
				.isThrownBy(() -> start(properties(), "cloud", profile))
				.withMessageEndingWith("development mode is on while the profile '" + profile + "' is active")
				.satisfies((ex) -> assertThat(ex.getAction()).contains("sws.server.key-pair", "./sws-cert"));
		}
		assertThat(this.dir.resolve("dev")).doesNotExist();
		assertThat(start(properties(), "dev", "production-like", "preprod").created()).hasSize(3);
	}

	@Test
	void aKeyOthersMayReadStopsStartupWithTheFix() throws Exception {
		start(properties());
		Path keyPair = this.dir.resolve("dev").resolve("server-kp.json");
		Files.setPosixFilePermissions(keyPair, PosixFilePermissions.fromString("rw-r--r--"));
		assertThatExceptionOfType(SwsConfigurationException.class).isThrownBy(() -> start(properties()))
			.withMessageContaining(keyPair + ": readable or writable by group or others")
			.withMessageContaining("'chmod 600'");
	}

	@Test
	void aFolderItCannotWriteStopsStartupWithTheFix() throws Exception {
		Path file = Files.writeString(this.dir.resolve("a-file"), "");
		SwsProperties.Server properties = properties();
		properties.getDevMode().setDirectory(file.resolve("dev").toString());
		assertThatExceptionOfType(SwsConfigurationException.class).isThrownBy(() -> start(properties))
			.withMessageContaining("development mode could not prepare its keys")
			.satisfies((ex) -> {
				assertThat(ex.getProperty()).isEqualTo("sws.server.dev-mode.directory");
				assertThat(ex.getAction()).contains("Set sws.server.dev-mode.directory to a writable folder",
						"configure sws.server.key-pair");
			});
	}

}
