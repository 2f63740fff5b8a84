package dev.sws.cert;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.sws.crypto.BoxKeyPair;
import dev.sws.crypto.RandomSource;
import dev.sws.internal.json.JsArray;
import dev.sws.testsupport.CertFixtures;

import static dev.sws.testsupport.CertFixtures.clockAt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link CertFiles}: the original's file formats, owner-only secret files, and one-line errors
 * for bad files.
 */
class CertFilesTests {

	private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

	@TempDir
	Path directory;

	@Test
	void boxKeyPairFileHasTheOriginalsLayoutAndRoundTrips() {
		BoxKeyPair pair = BoxKeyPair.generate(RandomSource.secure());
		String json = CertFiles.formatBoxKeyPair(pair);
		assertThat(json).startsWith("{\"secretkey\":[").contains("],\"publickey\":[").endsWith("]}");
		BoxKeyPair read = CertFiles.parseBoxKeyPair(json);
		assertThat(read.getPublicKey()).isEqualTo(pair.getPublicKey());
		assertThat(read.exportSecretKey()).isEqualTo(pair.exportSecretKey());
		assertThat(CertFiles.parseBoxPublicKey(json)).isEqualTo(pair.getPublicKey());
	}

	@Test
	void caKeyFileHasTheOriginalsLayoutAndRoundTrips() {
		CertAuthority authority = CertAuthority.generate("ca.test", NOW.plus(Duration.ofDays(1)), clockAt(NOW),
				RandomSource.secure());
		String json = CertFiles.formatCertAuthority(authority);
		assertThat(json).startsWith("{\"cert\":" + authority.getCertificate().toJson() + ",\"secretkey\":[");
		CertAuthority read = CertFiles.parseCertAuthority(json, clockAt(NOW), RandomSource.secure());
		assertThat(read.getCertificate()).isEqualTo(authority.getCertificate());
		assertThat(read.exportSecretKey()).isEqualTo(authority.exportSecretKey());
		assertThat(CertFiles.parseCaCert(json)).isEqualTo(authority.getCertificate());
		assertThat(CertFiles.parseCaCert(authority.getCertificate().toJson())).isEqualTo(authority.getCertificate());
	}

	@Test
	void readsTheOriginalsTestCaKeyFile() {
		CertAuthority testCa = CertFiles.parseCertAuthority(CertFixtures.resource("/cert/testCA-ca-key.json"),
				clockAt(CertFixtures.VECTOR_TIME), RandomSource.secure());
		assertThat(testCa.getName()).isEqualTo("iwebpp.com");
		assertThat(CertFiles.formatCertAuthority(testCa)).isEqualTo(CertFixtures.resource("/cert/testCA-ca-key.json"));
	}

	@Test
	void secretFilesAreOwnerOnlyAndPublicFilesReadable() throws Exception {
		Path secret = this.directory.resolve("box-kp.json");
		Path cert = this.directory.resolve("a-cert.json");
		CertFiles.writeSecret(secret, "{\"x\":1}", false);
		CertFiles.writePublic(cert, "{\"y\":2}", false);
		assertThat(Files.readString(secret)).isEqualTo("{\"x\":1}");
		if (Files.getFileStore(secret).supportsFileAttributeView("posix")) {
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret))).isEqualTo("rw-------");
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cert))).isEqualTo("rw-r--r--");
		}
		try (var files = Files.list(this.directory)) {
			assertThat(files.map((file) -> file.getFileName().toString())).containsExactlyInAnyOrder("box-kp.json",
					"a-cert.json");
		}
	}

	@Test
	void existingFilesAreReplacedOnlyWhenAsked() throws Exception {
		Path file = this.directory.resolve("box-kp.json");
		CertFiles.writeSecret(file, "first", false);
		assertThatExceptionOfType(CertFileException.class).isThrownBy(() -> CertFiles.writeSecret(file, "second", false))
			.withMessage(file + ": already exists, not overwritten");
		assertThat(Files.readString(file)).isEqualTo("first");
		CertFiles.writeSecret(file, "second", true);
		assertThat(Files.readString(file)).isEqualTo("second");
	}

	@Test
	void writingIntoAMissingDirectorySaysSo() {
		Path file = this.directory.resolve("missing/box-kp.json");
		assertThatExceptionOfType(CertFileException.class).isThrownBy(() -> CertFiles.writeSecret(file, "x", false))
			.withMessage(file + ": the directory does not exist");
	}

	@Test
	void aFileSystemRootIsNotAFileToWrite() {
		Path root = this.directory.toAbsolutePath().getRoot();
		assertThatExceptionOfType(CertFileException.class).isThrownBy(() -> CertFiles.writeSecret(root, "x", true))
			.withMessage(root + ": not a file (it is a file system root)");
	}

	@Test
	void badFilesGiveOneLineNamingTheFile() throws Exception {
		assertBad("missing.json", null, "no such file");
		assertBad("notjson.json", "{\"secretkey\":[1,2", "not valid JSON");
		assertBad("array.json", "[1,2,3]", "not a box key pair (the JSON is not an object)");
		assertBad("short.json", "{\"secretkey\":[1,2,3],\"publickey\":[]}", "secretkey is not an array of 32 bytes");
		assertBad("range.json", "{\"secretkey\":[" + "256,".repeat(31) + "256]}", "secretkey is not an array of 32 bytes");
		BoxKeyPair a = BoxKeyPair.generate(RandomSource.secure());
		BoxKeyPair b = BoxKeyPair.generate(RandomSource.secure());
		String mixed = CertFiles.formatBoxKeyPair(a).replace(publicPart(a), publicPart(b));
		assertBad("mixed.json", mixed, "publickey does not belong to secretkey");
		Files.write(this.directory.resolve("latin1.json"), new byte[] { '{', '"', (byte) 0xe9, '"', ':', '1', '}' });
		assertThatExceptionOfType(CertFileException.class)
			.isThrownBy(() -> CertFiles.readBoxKeyPair(this.directory.resolve("latin1.json")))
			.withMessageEndingWith("not valid UTF-8 text");
		assertThatExceptionOfType(CertFileException.class).isThrownBy(() -> CertFiles.readBoxKeyPair(this.directory))
			.withMessageEndingWith("is a directory, not a file");
	}

	@Test
	void badCertAndCaKeyFilesGiveOneLineNamingTheFile() throws Exception {
		Path cert = write("cert.json", "{\"desc\":{},\"sign\":{}}");
		assertThatExceptionOfType(CertFileException.class).isThrownBy(() -> CertFiles.readCert(cert))
			.withMessage(cert + ": The cert's signature is not an array of 64 bytes");
		String caKey = CertFixtures.resource("/cert/testCA-ca-key.json");
		Path shortKey = write("short-ca-key.json", caKey.replace("\"secretkey\":[146,", "\"secretkey\":["));
		assertThatExceptionOfType(CertFileException.class)
			.isThrownBy(() -> CertFiles.readCertAuthority(shortKey, clockAt(NOW), RandomSource.secure()))
			.withMessage(shortKey + ": secretkey is not an array of 64 bytes");
		Path certOnly = write("ca-cert.json", CertFixtures.resource("/cert/testCA-ca-cert.json"));
		assertThatExceptionOfType(CertFileException.class)
			.isThrownBy(() -> CertFiles.readCertAuthority(certOnly, clockAt(NOW), RandomSource.secure()))
			.withMessageContaining("no cert (expected a CA key file");
		String otherSecret = CertFiles.formatCertAuthority(
				CertAuthority.generate("x.test", NOW.plus(Duration.ofDays(1)), clockAt(NOW), RandomSource.secure()));
		Path mismatched = write("mismatched-ca-key.json",
				"{\"cert\":" + CertFixtures.resource("/cert/testCA-ca-cert.json") + otherSecret.substring(otherSecret.indexOf(",\"secretkey\"")));
		assertThatExceptionOfType(CertFileException.class)
			.isThrownBy(() -> CertFiles.readCertAuthority(mismatched, clockAt(NOW), RandomSource.secure()))
			.withMessage(mismatched + ": The CA cert's public key does not belong to the CA secret key");
	}

	private void assertBad(String name, String content, String expected) throws Exception {
		Path file = (content != null) ? write(name, content) : this.directory.resolve(name);
		assertThatExceptionOfType(CertFileException.class).isThrownBy(() -> CertFiles.readBoxKeyPair(file))
			.satisfies((ex) -> assertThat(ex.getMessage()).startsWith(file + ": ").contains(expected).doesNotContain("\n"));
	}

	private Path write(String name, String content) throws Exception {
		return Files.writeString(this.directory.resolve(name), content, StandardCharsets.UTF_8);
	}

	private static String publicPart(BoxKeyPair pair) {
		return JsArray.ofBytes(pair.getPublicKey()).toJson();
	}

}
