package dev.sws.testsupport;

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
import dev.sws.cert.NaclCert;
import dev.sws.crypto.BoxKeyPair;
import dev.sws.crypto.RandomSource;

/**
 * A throwaway PKI for tests: a CA, a server key pair with a certificate for {@code localhost} and
 * {@code 127.0.0.1}, and a client key pair with a certificate, written as the cert tool's files.
 */
public final class TestPki {

	/** The CA. */
	public final CertAuthority ca;

	/** The server's key pair. */
	public final BoxKeyPair serverKeys = BoxKeyPair.generate(RandomSource.secure());

	/** The client's key pair. */
	public final BoxKeyPair clientKeys = BoxKeyPair.generate(RandomSource.secure());

	/** The server's certificate. */
	public final NaclCert serverCert;

	/** The client's certificate. */
	public final NaclCert clientCert;

	private TestPki(String caName, Duration validity) {
		Instant expiry = Instant.now().plus(validity);
		this.ca = CertAuthority.generate(caName, expiry, Clock.systemUTC(), RandomSource.secure());
		this.serverCert = this.ca.issue(this.serverKeys.getPublicKey(), List.of("localhost"), List.of("127.0.0.1"), expiry);
		this.clientCert = this.ca.issue(this.clientKeys.getPublicKey(), List.of("client.test"), List.of("127.0.0.1"), expiry);
	}

	/**
	 * Creates a PKI valid for a year.
	 * @param caName the CA's name
	 * @return the PKI
	 */
	public static TestPki create(String caName) {
		return new TestPki(caName, Duration.ofDays(365));
	}

	/**
	 * Creates a PKI valid for the given time.
	 * @param caName the CA's name
	 * @param validity how long the CA and certificates stay valid
	 * @return the PKI
	 */
	public static TestPki create(String caName, Duration validity) {
		return new TestPki(caName, validity);
	}

	/**
	 * Writes the files into {@code dir}: {@code ca-cert.json}, {@code server-kp.json},
	 * {@code server-cert.json}, {@code client-kp.json}, {@code client-cert.json}.
	 * @param dir the directory
	 * @return {@code dir}
	 */
	public Path writeTo(Path dir) {
		try {
			Files.writeString(dir.resolve("ca-cert.json"), this.ca.getCertificate().toJson());
			Files.writeString(dir.resolve("server-kp.json"), CertFiles.formatBoxKeyPair(this.serverKeys));
			Files.writeString(dir.resolve("server-cert.json"), this.serverCert.toJson());
			Files.writeString(dir.resolve("client-kp.json"), CertFiles.formatBoxKeyPair(this.clientKeys));
			Files.writeString(dir.resolve("client-cert.json"), this.clientCert.toJson());
			return dir;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
