package dev.sws.sample.devmode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.sws.cert.CertFileException;
import dev.sws.cert.CertFiles;
import dev.sws.cert.TrustPolicy;
import dev.sws.crypto.BoxKeyPair;
import dev.sws.crypto.RandomSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Development keys: created on first start, reused later, replaced when unusable.
 */
class DevModeKeysTests {

	@TempDir
	Path dir;

	final Instant start = Instant.parse("2030-01-01T00:00:00Z");

	DevModeKeys prepare(Instant at) throws CertFileException {
		return DevModeKeys.prepare(this.dir.resolve(".sws-dev"), Clock.fixed(at, ZoneOffset.UTC), RandomSource.secure());
	}

	@Test
	void firstStartCreatesACaAKeyPairAndACertForLocalhost() throws Exception {
		DevModeKeys keys = prepare(this.start);
		assertThat(keys.created()).hasSize(3);
		assertThat(keys.caCertFile()).hasFileName("sws-dev-ca-cert.json");
		assertThat(keys.certificate().names()).containsExactly("localhost");
		assertThat(keys.certificate().ips()).containsExactly("127.0.0.1", "::1");
		TrustPolicy policy = TrustPolicy.builder()
			.trustAnchor(CertFiles.readCaCert(keys.caCertFile()))
			.clock(Clock.fixed(this.start, ZoneOffset.UTC))
			.build();
		BoxKeyPair keyPair = CertFiles.readBoxKeyPair(keys.keyPairFile());
		for (String host : List.of("localhost", "127.0.0.1", "[::1]")) {
			assertThat(policy.verifyServer(CertFiles.readCert(keys.certificateFile()), keyPair.publicKey(), host))
				.as(host)
				.isEmpty();
		}
		assertThat(Files.getPosixFilePermissions(keys.keyPairFile()))
			.isEqualTo(PosixFilePermissions.fromString("rw-------"));
		assertThat(Files.getPosixFilePermissions(keys.directory().resolve("sws-dev-ca-key.json")))
			.isEqualTo(PosixFilePermissions.fromString("rw-------"));
	}

	@Test
	void laterStartsReuseEverything() throws Exception {
		DevModeKeys first = prepare(this.start);
		byte[] keyPair = Files.readAllBytes(first.keyPairFile());
		DevModeKeys second = prepare(this.start.plus(Duration.ofDays(100)));
		assertThat(second.created()).isEmpty();
		assertThat(second.caCertificate()).isEqualTo(first.caCertificate());
		assertThat(second.certificate()).isEqualTo(first.certificate());
		assertThat(Files.readAllBytes(second.keyPairFile())).isEqualTo(keyPair);
	}

	@Test
	void aCaAboutToExpireIsReplacedWithItsCertificate() throws Exception {
		DevModeKeys first = prepare(this.start);
		DevModeKeys renewed = prepare(first.caCertificate().expiresAt().minus(Duration.ofDays(3)));
		assertThat(renewed.created()).hasSize(2).noneMatch((what) -> what.contains("key pair"));
		assertThat(renewed.caCertificate()).isNotEqualTo(first.caCertificate());
		assertThat(renewed.certificate().ca()).isEqualTo(DevModeKeys.CA_NAME);
		assertThat(renewed.certificate().publicKey()).isEqualTo(first.certificate().publicKey());
	}

	@Test
	void unreadableOrForeignFilesAreReplaced() throws Exception {
		DevModeKeys first = prepare(this.start);
		Files.writeString(first.keyPairFile(), "{not json");
		DevModeKeys second = prepare(this.start);
		assertThat(second.created()).containsExactly("server key pair server-kp.json",
				"server certificate server-cert.json");
		assertThat(second.caCertificate()).isEqualTo(first.caCertificate());

		Files.writeString(second.certificateFile(), first.certificate().toJson());
		assertThat(prepare(this.start).created()).containsExactly("server certificate server-cert.json");

		Files.delete(second.directory().resolve("sws-dev-ca-key.json"));
		assertThat(prepare(this.start).created()).hasSize(2);
	}

	@Test
	void aFolderThatCannotBeCreatedIsReported() throws Exception {
		Path file = Files.writeString(this.dir.resolve("a-file"), "");
		assertThatExceptionOfType(CertFileException.class)
			.isThrownBy(() -> DevModeKeys.prepare(file.resolve("sub"), Clock.systemUTC(), RandomSource.secure()))
			.withMessageContaining("cannot create the development keys folder");
	}

}
