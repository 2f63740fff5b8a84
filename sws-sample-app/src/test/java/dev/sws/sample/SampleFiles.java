package dev.sws.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.sws.cert.CertAuthority;
import dev.sws.cert.CertFiles;
import dev.sws.crypto.BoxKeyPair;
import dev.sws.crypto.RandomSource;

/**
 * Key and certificate files for tests, in the key tool's formats.
 */
public final class SampleFiles {

	private SampleFiles() {
	}

	/**
	 * Generates a CA and writes its certificate.
	 * @param dir the folder
	 * @param name the CA's name
	 * @return the {@code NAME-ca-cert.json} file
	 */
	public static Path writeCa(Path dir, String name) {
		return write(dir.resolve(CertFiles.caCertFileName(name)), newCa(name).getCertificate().toJson());
	}

	/**
	 * Writes what a server needs to impersonate the sample to clients that trust a CA named
	 * {@code caName}: {@code trusted-ca-cert.json} (the CA the clients trust), and
	 * {@code server-kp.json} with {@code server-cert.json} for {@code localhost} and
	 * {@code 127.0.0.1}, signed by another CA of the same name.
	 * @param dir the folder, created if missing
	 * @param caName the trusted CA's name, which the impostor copies
	 * @return {@code dir}
	 */
	public static Path writeForgedServer(Path dir, String caName) {
		try {
			Files.createDirectories(dir);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		CertAuthority impostor = newCa(caName);
		BoxKeyPair keyPair = BoxKeyPair.generate(RandomSource.secure());
		write(dir.resolve("trusted-ca-cert.json"), newCa(caName).getCertificate().toJson());
		write(dir.resolve("server-kp.json"), CertFiles.formatBoxKeyPair(keyPair));
		write(dir.resolve("server-cert.json"), impostor
			.issue(keyPair.getPublicKey(), List.of("localhost"), List.of("127.0.0.1"), impostor.getExpiresAt())
			.toJson());
		return dir;
	}

	private static CertAuthority newCa(String name) {
		return CertAuthority.generate(name, Instant.now().plus(Duration.ofDays(30)), Clock.systemUTC(),
				RandomSource.secure());
	}

	private static Path write(Path file, String content) {
		try {
			return Files.writeString(file, content);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
