package dev.sws.interop;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.util.FileSystemUtils;

import dev.sws.cert.CertAuthority;
import dev.sws.cert.CertFiles;
import dev.sws.cert.NaclCert;
import dev.sws.cert.tool.SwsCertTool;
import dev.sws.crypto.BoxKeyPair;
import dev.sws.crypto.Ed25519KeyPair;
import dev.sws.crypto.RandomSource;
import dev.sws.testsupport.TestPki;

/**
 * The keys and certificates of the interop tests, made once per JVM and written as files both
 * implementations read (into {@code target/interop-pki}, replaced by each test run):
 * <ul>
 * <li>{@code ours/}: our {@link CertAuthority} (CA {@code ours.interop.test}) with the
 * {@link TestPki} files, plus an expired server and client certificate (issued with a clock two
 * days back), a server certificate for another host ({@code example.org}, {@code 10.9.9.9}), a
 * client certificate for another IP, and a server certificate that the key tool issued with
 * {@code --ips-in-names} ({@code server-ips-in-names-cert.json}: names {@code localhost} and
 * {@code 127.0.0.1}, ips {@code 127.0.0.1});</li>
 * <li>{@code other/}: an unrelated CA ({@code other.interop.test}) with its server and client
 * certificates, for the wrong-CA cases;</li>
 * <li>{@code js/}: a CA, key pairs and certificates made by the original {@code nacl-cert@1.0.4}
 * ({@code generateCA}, {@code generate}) through {@code nacl-cert-interop.js}: CA
 * {@code js.interop.test}, a server certificate for {@code localhost} and {@code 127.0.0.1}, and
 * a client certificate for {@code client.js.test} and {@code 127.0.0.1}.</li>
 * </ul>
 */
final class InteropPki {

	static final String JS_CA = "js.interop.test";

	private static InteropPki instance;

	final Path dir;

	final TestPki ours = TestPki.create("ours.interop.test");

	final TestPki other = TestPki.create("other.interop.test");

	final NaclCert jsCa;

	final BoxKeyPair jsServerKeys;

	final NaclCert jsServerCert;

	final BoxKeyPair jsClientKeys;

	final NaclCert jsClientCert;

	private InteropPki(Path dir) throws IOException {
		this.dir = dir;
		this.ours.writeTo(Files.createDirectories(dir.resolve("ours")));
		this.other.writeTo(Files.createDirectories(dir.resolve("other")));
		Instant now = Instant.now();
		CertAuthority past = CertAuthority.of(this.ours.ca.getCertificate(),
				Ed25519KeyPair.fromSecretKey(this.ours.ca.exportSecretKey()),
				Clock.fixed(now.minus(Duration.ofDays(2)), ZoneOffset.UTC), RandomSource.secure());
		Instant expired = now.minus(Duration.ofDays(1));
		Instant valid = now.plus(Duration.ofDays(30));
		write(ours("server-expired-cert.json"),
				past.issue(this.ours.serverKeys.getPublicKey(), List.of("localhost"), List.of("127.0.0.1"), expired));
		write(ours("client-expired-cert.json"),
				past.issue(this.ours.clientKeys.getPublicKey(), List.of("client.test"), List.of("127.0.0.1"), expired));
		write(ours("server-elsewhere-cert.json"),
				this.ours.ca.issue(this.ours.serverKeys.getPublicKey(), List.of("example.org"), List.of("10.9.9.9"), valid));
		write(ours("client-elsewhere-cert.json"),
				this.ours.ca.issue(this.ours.clientKeys.getPublicKey(), List.of("client.test"), List.of("10.9.9.9"), valid));
		Path caKey = ours("ca-key.json");
		CertFiles.writeSecret(caKey, CertFiles.formatCertAuthority(this.ours.ca), true);
		ByteArrayOutputStream toolOutput = new ByteArrayOutputStream();
		PrintStream print = new PrintStream(toolOutput, true, StandardCharsets.UTF_8);
		int issued = new SwsCertTool(Clock.systemUTC(), RandomSource.secure(), ours(".")).run(new String[] { "gencert",
				"-c", caKey.toString(), "-p", ours("server-kp.json").toString(), "-n", "localhost", "-i", "127.0.0.1",
				"--ips-in-names", "-d", "30", "-o", ours("server-ips-in-names-cert.json").toString() }, print, print);
		if (issued != SwsCertTool.OK) {
			throw new IllegalStateException("sws-cert gencert --ips-in-names failed: " + toolOutput);
		}
		Path js = Files.createDirectories(dir.resolve("js"));
		Files.createDirectories(js("server"));
		Files.createDirectories(js("client"));
		nacl("genca", js.toString(), JS_CA, "365");
		for (String side : List.of("server", "client")) {
			nacl("genkeypair", js(side).toString());
		}
		nacl("gencert", js("server").toString(), js(JS_CA + "-ca-key.json").toString(),
				js("server/box-kp.json").toString(), "localhost", "127.0.0.1", "30");
		nacl("gencert", js("client").toString(), js(JS_CA + "-ca-key.json").toString(),
				js("client/box-kp.json").toString(), "client.js.test", "127.0.0.1", "30");
		this.jsCa = CertFiles.readCert(js(JS_CA + "-ca-cert.json"));
		this.jsServerKeys = CertFiles.readBoxKeyPair(js("server/box-kp.json"));
		this.jsServerCert = CertFiles.readCert(js("server/localhost-cert.json"));
		this.jsClientKeys = CertFiles.readBoxKeyPair(js("client/box-kp.json"));
		this.jsClientCert = CertFiles.readCert(js("client/client.js.test-cert.json"));
	}

	/**
	 * Returns the PKI, making it on first use (which installs the original from npm).
	 * @return the PKI
	 */
	static synchronized InteropPki get() {
		if (instance == null) {
			try {
				Path dir = OriginalSws.PREFIX.resolveSibling("interop-pki");
				FileSystemUtils.deleteRecursively(dir);
				instance = new InteropPki(Files.createDirectories(dir));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return instance;
	}

	/** A file of our CA's PKI. */
	Path ours(String file) {
		return this.dir.resolve("ours").resolve(file);
	}

	/** A file of the unrelated CA's PKI. */
	Path other(String file) {
		return this.dir.resolve("other").resolve(file);
	}

	/** A file the original nacl-cert made. */
	Path js(String file) {
		return this.dir.resolve("js").resolve(file);
	}

	/** Reads one of the certificates. */
	NaclCert read(Path cert) {
		try {
			return CertFiles.readCert(cert);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void write(Path file, NaclCert cert) throws IOException {
		Files.writeString(file, cert.toJson());
	}

	private static void nacl(String... args) {
		OriginalSws.run("nacl-cert-interop.js", Duration.ofSeconds(60), args).lastLine("RESULT");
	}

}
