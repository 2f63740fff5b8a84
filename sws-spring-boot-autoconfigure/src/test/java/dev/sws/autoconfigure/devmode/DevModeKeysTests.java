package dev.sws.autoconfigure.devmode;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.sws.cert.CertAuthority;
import dev.sws.cert.CertFileException;
import dev.sws.cert.CertFiles;
import dev.sws.cert.NaclCert;
import dev.sws.cert.TrustPolicy;
import dev.sws.crypto.BoxKeyPair;
import dev.sws.crypto.RandomSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Development keys: created on first start, reused later, replaced when unusable, refused when
 * not private to the user.
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
		assertThat(keys.certificate().getNames()).containsExactly("localhost", "127.0.0.1", "::1");
		assertThat(keys.certificate().getIps()).containsExactly("127.0.0.1", "::1");
		TrustPolicy policy = TrustPolicy.builder()
			.trustAnchor(CertFiles.readCaCert(keys.caCertFile()))
			.clock(Clock.fixed(this.start, ZoneOffset.UTC))
			.build();
		BoxKeyPair keyPair = CertFiles.readBoxKeyPair(keys.keyPairFile());
		for (String host : List.of("localhost", "127.0.0.1", "[::1]")) {
			assertThat(policy.verifyServer(CertFiles.readCert(keys.certificateFile()), keyPair.getPublicKey(), host))
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
		DevModeKeys renewed = prepare(first.caCertificate().getExpiresAt().minus(Duration.ofDays(3)));
		assertThat(renewed.created()).hasSize(2).noneMatch((what) -> what.contains("key pair"));
		assertThat(renewed.caCertificate()).isNotEqualTo(first.caCertificate());
		assertThat(renewed.certificate().getCa()).isEqualTo(DevModeKeys.CA_NAME);
		assertThat(renewed.certificate().getPublicKey()).isEqualTo(first.certificate().getPublicKey());
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

	/**
	 * The original's browser build matches only names, so a certificate of an earlier sample with
	 * the addresses among its ips alone is issued anew.
	 */
	@Test
	void aCertificateWithoutTheAddressesAmongItsNamesIsIssuedAnew() throws Exception {
		DevModeKeys first = prepare(this.start);
		CertAuthority ca = CertFiles.readCertAuthority(first.directory().resolve("sws-dev-ca-key.json"),
				Clock.fixed(this.start, ZoneOffset.UTC), RandomSource.secure());
		NaclCert namesOnly = ca.issue(first.certificate().getPublicKey(), DevModeKeys.NAMES, DevModeKeys.IPS, ca.getExpiresAt());
		CertFiles.writePublic(first.certificateFile(), namesOnly.toJson(), true);
		DevModeKeys second = prepare(this.start);
		assertThat(second.created()).containsExactly("server certificate server-cert.json");
		assertThat(second.certificate().getNames()).containsExactly("localhost", "127.0.0.1", "::1");
	}

	@Test
	void theFolderIsCreatedOwnerOnly() throws Exception {
		DevModeKeys keys = prepare(this.start);
		assertThat(Files.getPosixFilePermissions(keys.directory())).isEqualTo(PosixFilePermissions.fromString("rwx------"));
		assertThat(Files.getPosixFilePermissions(keys.caCertFile())).isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));
		assertThat(keys.warnings()).isEmpty();
	}

	@Test
	void keyFilesOthersMayReadAreRefusedNotReused() throws Exception {
		DevModeKeys first = prepare(this.start);
		for (Path key : List.of(first.keyPairFile(), first.directory().resolve("sws-dev-ca-key.json"))) {
			byte[] content = Files.readAllBytes(key);
			for (String permissions : List.of("rw-r--r--", "rw-r-----", "rw----r--", "rw--w----")) {
				Files.setPosixFilePermissions(key, PosixFilePermissions.fromString(permissions));
				assertThatExceptionOfType(CertFileException.class).isThrownBy(() -> prepare(this.start))
					.withMessageStartingWith(key + ": readable or writable by group or others (" + permissions + ")")
					.withMessageContaining("'chmod 600'");
				assertThat(Files.readAllBytes(key)).as("left alone").isEqualTo(content);
			}
			Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("r--------"));
			assertThat(prepare(this.start).created()).isEmpty();
			Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
		}
	}

	@Test
	void certificatesMayBeReadButNotWrittenByOthers() throws Exception {
		DevModeKeys first = prepare(this.start);
		for (Path certificate : List.of(first.certificateFile(), first.caCertFile())) {
			Files.setPosixFilePermissions(certificate, PosixFilePermissions.fromString("rw-rw-r--"));
			assertThatExceptionOfType(CertFileException.class).isThrownBy(() -> prepare(this.start))
				.withMessageStartingWith(certificate + ": writable by group or others (rw-rw-r--)")
				.withMessageContaining("'chmod 644'");
			Files.setPosixFilePermissions(certificate, PosixFilePermissions.fromString("rw-r--r--"));
			assertThat(prepare(this.start).created()).isEmpty();
		}
	}

	@Test
	void aFolderOthersMayWriteToIsRefusedAndOneTheyMayListIsRestricted() throws Exception {
		DevModeKeys first = prepare(this.start);
		Files.setPosixFilePermissions(first.directory(), PosixFilePermissions.fromString("rwxrwxr-x"));
		assertThatExceptionOfType(CertFileException.class).isThrownBy(() -> prepare(this.start))
			.withMessageStartingWith(first.directory() + ": the development keys folder is writable by group or others");
		// as an earlier version of the sample created it
		Files.setPosixFilePermissions(first.directory(), PosixFilePermissions.fromString("rwxr-xr-x"));
		DevModeKeys second = prepare(this.start);
		assertThat(second.created()).isEmpty();
		assertThat(second.warnings()).containsExactly(first.directory()
				+ ": restricted the development keys folder to its owner (it was rwxr-xr-x)");
		assertThat(Files.getPosixFilePermissions(first.directory())).isEqualTo(PosixFilePermissions.fromString("rwx------"));
	}

	/**
	 * Where this may change owners (as root), a key file is given to {@code nobody}; elsewhere the
	 * same refusal is seen from the other side, preparing the folder as if {@code nobody} ran it.
	 */
	@Test
	void filesOfAnotherUserAreRefusedNotReused() throws Exception {
		DevModeKeys first = prepare(this.start);
		Path keyPair = first.keyPairFile();
		byte[] content = Files.readAllBytes(keyPair);
		UserPrincipal us = Files.getOwner(keyPair);
		UserPrincipal nobody = keyPair.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
		boolean chowned = changeOwner(keyPair, nobody);
		Path refused = chowned ? keyPair : first.directory();
		UserPrincipal runner = chowned ? us : nobody;
		assertThatExceptionOfType(CertFileException.class)
			.isThrownBy(() -> DevModeKeys.prepare(first.directory(), Clock.fixed(this.start, ZoneOffset.UTC),
					RandomSource.secure(), runner))
			.withMessageStartingWith(refused + ": owned by " + Files.getOwner(refused).getName() + ", not by "
					+ runner.getName());
		assertThat(Files.readAllBytes(keyPair)).isEqualTo(content);
	}

	private static boolean changeOwner(Path file, UserPrincipal owner) throws IOException {
		try {
			Files.setOwner(file, owner);
			return true;
		}
		catch (FileSystemException notPermitted) {
			return false;
		}
	}

	@Test
	void symbolicLinksAreRefused() throws Exception {
		DevModeKeys first = prepare(this.start);
		Path elsewhere = Files.move(first.keyPairFile(), this.dir.resolve("elsewhere.json"));
		Files.createSymbolicLink(first.keyPairFile(), elsewhere);
		assertThatExceptionOfType(CertFileException.class).isThrownBy(() -> prepare(this.start))
			.withMessageStartingWith(first.keyPairFile() + ": not a regular file but a symbolic link");
		Path linkedFolder = Files.createSymbolicLink(this.dir.resolve("linked"), first.directory());
		assertThatExceptionOfType(CertFileException.class)
			.isThrownBy(() -> DevModeKeys.prepare(linkedFolder, Clock.fixed(this.start, ZoneOffset.UTC),
					RandomSource.secure()))
			.withMessageStartingWith(linkedFolder + ": not a folder but a symbolic link");
	}

	@Test
	void withoutPosixPermissionsTheFolderIsUsedWithAWarning() throws Exception {
		Path zip = this.dir.resolve("keys.zip");
		try (FileSystem fileSystem = FileSystems.newFileSystem(zip, Map.of("create", "true"))) {
			Path directory = fileSystem.getPath("/dev-keys");
			List<String> warnings = new ArrayList<>();
			PrivateKeysFolder folder = PrivateKeysFolder.open(directory, null, warnings);
			assertThat(Files.isDirectory(directory)).isTrue();
			assertThat(warnings).singleElement(InstanceOfAssertFactories.STRING)
				.contains("no POSIX permissions", "keep the folder private");
			Files.writeString(directory.resolve("server-kp.json"), "{}");
			folder.checkSecret(directory.resolve("server-kp.json"));
		}
	}

	@Test
	void aFolderThatCannotBeCreatedIsReported() throws Exception {
		Path file = Files.writeString(this.dir.resolve("a-file"), "");
		assertThatExceptionOfType(CertFileException.class)
			.isThrownBy(() -> DevModeKeys.prepare(file.resolve("sub"), Clock.systemUTC(), RandomSource.secure()))
			.withMessageContaining("cannot create the development keys folder");
	}

}
