package dev.sws.cert.tool;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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

import dev.sws.cert.CertFiles;
import dev.sws.cert.NaclCert;
import dev.sws.cert.TrustPolicy;
import dev.sws.crypto.BoxKeyPair;
import dev.sws.crypto.KeyFingerprint;
import dev.sws.crypto.RandomSource;
import dev.sws.internal.json.JsArray;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link SwsCertTool}, run in-process: every command, the files it writes, and one-line errors
 * with the right exit code for every kind of bad input.
 */
class SwsCertToolTests {

	private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

	private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

	@TempDir
	Path directory;

	@Test
	void helpListsEveryCommand() {
		Result help = run("help");
		assertThat(help.code).isZero();
		assertThat(help.out).contains("genkeypair", "genca", "gencert", "inspect", "Exit codes");
		assertThat(run("--help").out).isEqualTo(help.out);
		assertThat(run("gencert", "--help").code).isZero();
		Result none = run();
		assertThat(none.code).isEqualTo(SwsCertTool.USAGE);
		assertThat(none.err).isEqualTo("sws-cert: no command given (see 'sws-cert help')\n");
	}

	@Test
	void genkeypairWritesAnOwnerOnlyKeyFileAndPrintsOnlyThePublicKey() throws Exception {
		Result result = run("genkeypair");
		assertThat(result.code).isZero();
		Path file = this.directory.resolve("box-kp.json");
		BoxKeyPair pair = CertFiles.readBoxKeyPair(file);
		assertOwnerOnly(file);
		assertThat(result.out).contains(JsArray.ofBytes(pair.getPublicKey()).toJson())
			.doesNotContain(secretPart(pair.exportSecretKey()))
			.doesNotContain("secretkey");
		assertThat(result.err).isEmpty();
	}

	@Test
	void secretKeysArePrintedOnlyWhenAsked() throws Exception {
		Result keyPair = run("genkeypair", "-o", "mine.json", "--show-secret");
		BoxKeyPair pair = CertFiles.readBoxKeyPair(this.directory.resolve("mine.json"));
		assertThat(keyPair.out).contains("secretkey:   " + JsArray.ofBytes(pair.exportSecretKey()).toJson());
		Result ca = run("genca", "-n", "ca.test", "-d", "30", "--show-secret");
		byte[] caSecret = CertFiles
			.readCertAuthority(this.directory.resolve("ca.test-ca-key.json"), CLOCK, RandomSource.secure())
			.exportSecretKey();
		assertThat(ca.out).contains("secretkey:   " + JsArray.ofBytes(caSecret).toJson());
	}

	@Test
	void existingKeyFilesAreNotOverwrittenWithoutForce() throws Exception {
		assertThat(run("genkeypair").code).isZero();
		String before = Files.readString(this.directory.resolve("box-kp.json"));
		Result again = run("genkeypair");
		assertThat(again.code).isEqualTo(SwsCertTool.REFUSED);
		assertThat(again.err).isEqualTo("sws-cert: " + this.directory.resolve("box-kp.json")
				+ ": already exists, not overwritten (use --force to replace it)\n");
		assertThat(Files.readString(this.directory.resolve("box-kp.json"))).isEqualTo(before);
		assertThat(run("genkeypair", "--force").code).isZero();
		assertThat(Files.readString(this.directory.resolve("box-kp.json"))).isNotEqualTo(before);
		assertThat(run("genca", "-n", "ca.test", "-d", "1").code).isZero();
		assertThat(run("genca", "-n", "ca.test", "-d", "1").code).isEqualTo(SwsCertTool.REFUSED);
	}

	@Test
	void gencaWritesTheOriginalsTwoFiles() throws Exception {
		Result result = run("genca", "--name", "ca.test", "--days=365");
		assertThat(result.code).isZero();
		Path certFile = this.directory.resolve("ca.test-ca-cert.json");
		Path keyFile = this.directory.resolve("ca.test-ca-key.json");
		NaclCert cert = CertFiles.readCert(certFile);
		assertThat(cert.getExpiresAt()).isEqualTo(NOW.plus(Duration.ofDays(365)));
		assertThat(Files.readString(keyFile)).startsWith("{\"cert\":" + Files.readString(certFile) + ",\"secretkey\":[");
		assertOwnerOnly(keyFile);
		assertThat(result.out).contains("ca:          \"ca.test\"", "(Ed25519 CA key)", cert.getPublicKeyFingerprint())
			.doesNotContain("secretkey");
	}

	@Test
	void gencertIssuesACertThePolicyAcceptsAndInspectConfirms() throws Exception {
		run("genkeypair");
		run("genca", "-n", "ca.test", "-d", "365");
		Result issued = run("gencert", "-c", "ca.test-ca-key.json", "-p", "box-kp.json", "-n", "example.test,www.example.test",
				"-i", "127.0.0.1,::1", "-d", "30");
		assertThat(issued.code).isZero();
		assertThat(issued.err).isEmpty();
		NaclCert cert = CertFiles.readCert(this.directory.resolve("example.test-cert.json"));
		assertThat(cert.getNames()).containsExactly("example.test", "www.example.test");
		assertThat(cert.getIps()).containsExactly("127.0.0.1", "::1");
		assertThat(cert.getDesc().keys()).containsExactly("version", "type", "tte", "publickey", "names", "ips", "ca",
				"signtime", "gid");
		BoxKeyPair pair = CertFiles.readBoxKeyPair(this.directory.resolve("box-kp.json"));
		TrustPolicy policy = TrustPolicy.builder()
			.trustAnchor(CertFiles.readCert(this.directory.resolve("ca.test-ca-cert.json")))
			.clock(CLOCK)
			.build();
		assertThat(policy.verifyServer(cert, pair.getPublicKey(), "www.example.test")).isEmpty();
		Result inspected = run("inspect", "example.test-cert.json", "-c", "ca.test-ca-cert.json");
		assertThat(inspected.code).isZero();
		assertThat(inspected.out).contains("names:       [\"example.test\",\"www.example.test\"]",
				"ips:         [\"127.0.0.1\",\"::1\"]", "ca:          \"ca.test\"",
				"expires:     " + NOW.plus(Duration.ofDays(30)), fingerprintLine(pair),
				"valid:       yes, against CA \"ca.test\"");
		assertThat(run("inspect", "example.test-cert.json", "-c", "ca.test-ca-key.json").code).isZero();
	}

	@Test
	void gencertListsTheAddressesAmongTheNamesOnlyWhenAsked() throws Exception {
		run("genkeypair");
		run("genca", "-n", "ca.test", "-d", "365");
		Result plain = run("gencert", "-c", "ca.test-ca-key.json", "-p", "box-kp.json", "-n", "localhost", "-i",
				"127.0.0.1,::1", "-d", "30", "-o", "plain.json");
		assertThat(plain.code).isZero();
		assertThat(CertFiles.readCert(this.directory.resolve("plain.json")).getNames()).containsExactly("localhost");
		Result both = run("gencert", "-c", "ca.test-ca-key.json", "-p", "box-kp.json", "-n", "localhost,127.0.0.1", "-i",
				"127.0.0.1,::1", "--ips-in-names", "-d", "30", "-o", "both.json");
		assertThat(both.code).isZero();
		NaclCert cert = CertFiles.readCert(this.directory.resolve("both.json"));
		assertThat(cert.getNames()).containsExactly("localhost", "127.0.0.1", "::1");
		assertThat(cert.getIps()).containsExactly("127.0.0.1", "::1");
		assertThat(both.out).contains("names:       [\"localhost\",\"127.0.0.1\",\"::1\"]");
		Result none = run("gencert", "-c", "ca.test-ca-key.json", "-p", "box-kp.json", "-n", "localhost",
				"--ips-in-names", "-d", "30", "-o", "none.json");
		assertThat(none.code).isEqualTo(SwsCertTool.USAGE);
		assertThat(none.err).startsWith("sws-cert: --ips-in-names needs addresses in --ips");
		assertThat(run("help").out).contains("--ips-in-names");
	}

	@Test
	void gencertRefusesNonAsciiNamesWithTheirALabel() throws Exception {
		run("genkeypair");
		run("genca", "-n", "ca.test", "-d", "365");
		Result refused = run("gencert", "-c", "ca.test-ca-key.json", "-p", "box-kp.json", "-n", "bücher.test", "-d", "30");
		assertThat(refused.code).isEqualTo(SwsCertTool.REFUSED);
		assertThat(refused.err).isEqualTo("sws-cert: A cert name must be ASCII: write an internationalised name as its "
				+ "A-label, here \"xn--bcher-kva.test\", not \"bücher.test\"\n");
		assertThat(this.directory.resolve("bücher.test-cert.json")).doesNotExist();
		assertThat(run("genca", "-n", "c\u212A.test", "-d", "365").err).startsWith("sws-cert: A CA name must be ASCII");
	}

	@Test
	void gencertTakesAPublicKeyOnlyFileAndAnExplicitOutput() throws Exception {
		run("genca", "-n", "ca.test", "-d", "365");
		BoxKeyPair pair = BoxKeyPair.generate(RandomSource.secure());
		Files.writeString(this.directory.resolve("pk.json"), "{\"publickey\":" + JsArray.ofBytes(pair.getPublicKey()) + "}");
		Result issued = run("gencert", "--ca", "ca.test-ca-key.json", "--publickey", "pk.json", "--names",
				"*.apps.example.test", "--macs", "00:11:22:33:44:55", "--days", "1", "-o", "apps.json");
		assertThat(issued.code).isZero();
		NaclCert cert = CertFiles.readCert(this.directory.resolve("apps.json"));
		assertThat(cert.getPublicKey()).isEqualTo(pair.getPublicKey());
		assertThat(cert.getMacs()).containsExactly("00:11:22:33:44:55");
		assertThat(cert.getIps()).isEmpty();
		assertThat(issued.err).startsWith("sws-cert: note: only SWS Java clients understand '*.' names");
	}

	@Test
	void inspectChecksCaCertsAsTrustAnchorsAndLeavesAloneOnlyWhenAsked() throws Exception {
		copyResource("iwebpp.com-ca-cert.json");
		Result root = run("inspect", "iwebpp.com-ca-cert.json");
		assertThat(root.code).isZero();
		assertThat(root.out).contains("valid:       yes, as a self-signed CA cert (trust anchor)",
				"expires:     2114-10-30T22:20:46.341Z");
		run("genkeypair");
		run("genca", "-n", "ca.test", "-d", "365");
		run("gencert", "-c", "ca.test-ca-key.json", "-p", "box-kp.json", "-n", "a.test", "-d", "30");
		Result unchecked = run("inspect", "a.test-cert.json");
		assertThat(unchecked.code).isZero();
		assertThat(unchecked.out).contains("valid:       not checked (give the CA cert with -c)");
		Result wrongCa = run("inspect", "a.test-cert.json", "-c", "iwebpp.com-ca-cert.json");
		assertThat(wrongCa.code).isEqualTo(SwsCertTool.REFUSED);
		assertThat(wrongCa.out).contains("valid:       no, untrusted-issuer: The cert's CA \"ca.test\" is not a trust anchor");
		Result selfAsPeer = run("inspect", "ca.test-ca-cert.json", "-c", "ca.test-ca-cert.json");
		assertThat(selfAsPeer.code).isEqualTo(SwsCertTool.REFUSED);
		assertThat(selfAsPeer.out).contains("valid:       no, untrusted-issuer: The cert is self-signed");
	}

	@Test
	void theOriginalsExpiredTestCaIsReportedAsExpired() throws Exception {
		copyResource("testCA-ca-cert.json");
		copyResource("testCA-ca-key.json");
		Result inspected = run("inspect", "testCA-ca-cert.json");
		assertThat(inspected.code).isEqualTo(SwsCertTool.REFUSED);
		assertThat(inspected.out).contains("expires:     2024-11-23T15:18:24.475Z (expired)",
				"valid:       no, expired: The CA cert \"iwebpp.com\" expired at 2024-11-23T15:18:24.475Z");
		run("genkeypair");
		Result issued = run("gencert", "-c", "testCA-ca-key.json", "-p", "box-kp.json", "-n", "a.test", "-d", "1");
		assertThat(issued.code).isEqualTo(SwsCertTool.REFUSED);
		assertThat(issued.err).isEqualTo("sws-cert: The CA \"iwebpp.com\" expired at 2024-11-23T15:18:24.475Z; "
				+ "generate a new CA\n");
		assertThat(this.directory.resolve("a.test-cert.json")).doesNotExist();
	}

	@Test
	void certThatWouldOutliveItsCaIsRefused() {
		run("genkeypair");
		run("genca", "-n", "ca.test", "-d", "10");
		Result issued = run("gencert", "-c", "ca.test-ca-key.json", "-p", "box-kp.json", "-n", "a.test", "-d", "11");
		assertThat(issued.code).isEqualTo(SwsCertTool.REFUSED);
		assertThat(issued.err).contains("after its CA").hasLineCount(1);
	}

	@Test
	void badFilesGiveOneLineAndExitCodeOne() throws Exception {
		run("genkeypair");
		run("genca", "-n", "ca.test", "-d", "10");
		Files.writeString(this.directory.resolve("broken.json"), "{\"secretkey\":[1,2,3");
		Files.writeString(this.directory.resolve("short-kp.json"), "{\"secretkey\":[1,2,3],\"publickey\":[1,2,3]}");
		List<List<String>> commands = List.of(
				List.of("gencert", "-c", "missing-ca-key.json", "-p", "box-kp.json", "-n", "a.test", "-d", "1"),
				List.of("gencert", "-c", "ca.test-ca-key.json", "-p", "missing.json", "-n", "a.test", "-d", "1"),
				List.of("gencert", "-c", "broken.json", "-p", "box-kp.json", "-n", "a.test", "-d", "1"),
				List.of("gencert", "-c", "ca.test-ca-key.json", "-p", "broken.json", "-n", "a.test", "-d", "1"),
				List.of("gencert", "-c", "ca.test-ca-key.json", "-p", "short-kp.json", "-n", "a.test", "-d", "1"),
				List.of("gencert", "-c", "ca.test-ca-cert.json", "-p", "box-kp.json", "-n", "a.test", "-d", "1"),
				List.of("gencert", "-c", "box-kp.json", "-p", "box-kp.json", "-n", "a.test", "-d", "1"),
				List.of("gencert", "-c", "ca.test-ca-key.json", "-p", "box-kp.json", "-n", "a.test", "-i", "127.1",
						"-d", "1"),
				List.of("inspect", "missing.json"), List.of("inspect", "broken.json"), List.of("inspect", "box-kp.json"),
				List.of("inspect", "ca.test-ca-cert.json", "-c", "broken.json"));
		List<String> expected = List.of("missing-ca-key.json: no such file", "missing.json: no such file",
				"broken.json: not valid JSON", "broken.json: not valid JSON",
				"short-kp.json: publickey is not an array of 32 bytes", "no cert (expected a CA key file",
				"box-kp.json: no cert (expected a CA key file", "Not an IP address literal: \"127.1\"",
				"missing.json: no such file", "broken.json: not valid JSON", "box-kp.json: The cert has no object 'desc'",
				"broken.json: not valid JSON");
		for (int i = 0; i < commands.size(); i++) {
			Result result = run(commands.get(i).toArray(String[]::new));
			assertThat(result.code).as("exit code of %s", commands.get(i)).isEqualTo(SwsCertTool.REFUSED);
			assertThat(result.err).as("error of %s", commands.get(i))
				.startsWith("sws-cert: ")
				.contains(expected.get(i))
				.hasLineCount(1)
				.doesNotContain("Exception", "\tat ");
			assertThat(result.out).as("output of %s", commands.get(i)).isEmpty();
		}
	}

	@Test
	void usageErrorsGiveOneLineAndExitCodeTwo() {
		List<List<String>> commands = List.of(List.of("frobnicate"), List.of("genkeypair", "--bogus"),
				List.of("genkeypair", "extra"), List.of("genca", "-n", "ca.test"), List.of("genca", "-d", "1"),
				List.of("genca", "-n", "ca.test", "-d", "zero"), List.of("genca", "-n", "ca.test", "-d", "0"),
				List.of("genca", "-n", "a", "-n", "b", "-d", "1"), List.of("genca", "-n"),
				List.of("genca", "-n", "../escape", "-d", "1"), List.of("gencert", "-c", "x", "-p", "y", "-d", "1"),
				List.of("gencert", "-c", "x", "-p", "y", "-n", ",", "-d", "1"), List.of("inspect"));
		for (List<String> command : commands) {
			Result result = run(command.toArray(String[]::new));
			assertThat(result.code).as("exit code of %s", command).isEqualTo(SwsCertTool.USAGE);
			assertThat(result.err).as("error of %s", command)
				.startsWith("sws-cert: ")
				.endsWith(" (see 'sws-cert help')\n")
				.hasLineCount(1);
		}
	}

	private Result run(String... args) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		SwsCertTool tool = new SwsCertTool(CLOCK, RandomSource.secure(), this.directory);
		int code = tool.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8));
		return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
	}

	private void copyResource(String name) throws Exception {
		try (var in = getClass().getResourceAsStream("/cert/" + name)) {
			Files.write(this.directory.resolve(name), in.readAllBytes());
		}
	}

	private static void assertOwnerOnly(Path file) throws Exception {
		if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
		}
	}

	private static String secretPart(byte[] secret) {
		return JsArray.ofBytes(secret).toJson().substring(1, 30);
	}

	private static String fingerprintLine(BoxKeyPair pair) {
		return "fingerprint: " + KeyFingerprint.of(pair.getPublicKey()) + " (box public key)";
	}

	private record Result(int code, String out, String err) {
	}

}
