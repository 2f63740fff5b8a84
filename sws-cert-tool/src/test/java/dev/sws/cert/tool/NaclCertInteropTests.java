package dev.sws.cert.tool;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.sws.cert.CertFiles;
import dev.sws.cert.CertRejection;
import dev.sws.cert.CertRejectionReason;
import dev.sws.cert.NaclCert;
import dev.sws.cert.TrustPolicy;
import dev.sws.crypto.BoxKeyPair;
import dev.sws.crypto.RandomSource;
import dev.sws.internal.json.JsJson;
import dev.sws.internal.json.JsObject;
import dev.sws.testsupport.CertFixtures;
import dev.sws.testsupport.NodeJs;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Interoperability with the original {@code nacl-cert@1.0.4}, installed from npm: its
 * {@code validate()} accepts what our tool issues, we accept what it issues, and key files move
 * between the tools in both directions. Needs {@code node} and {@code npm}; without them, or when
 * the install fails, the tests fail (they are never skipped).
 */
@Tag("interop")
class NaclCertInteropTests {

	private static final Path NPM_PREFIX = Path.of("target", "npm-nacl-cert").toAbsolutePath();

	private static final Duration NODE_TIMEOUT = Duration.ofSeconds(60);

	private static Path script;

	private static Path modules;

	@TempDir
	Path directory;

	@BeforeAll
	static void installTheOriginal() throws Exception {
		script = NodeJs.script("/interop/nacl-cert-interop.js");
		modules = NodeJs.install(NPM_PREFIX, "nacl-cert@1.0.4");
	}

	@Test
	void originalValidatesTheCaAndCertOurToolIssues() throws Exception {
		tool("genkeypair");
		tool("genca", "-n", "java-ca.test", "-d", "365");
		tool("gencert", "-c", "java-ca.test-ca-key.json", "-p", "box-kp.json", "-n", "example.test,www.example.test",
				"-i", "127.0.0.1", "-d", "30");
		assertThat(node("validate", "java-ca.test-ca-cert.json")).isEqualTo("{\"valid\":true}");
		assertThat(node("validate", "example.test-cert.json", "java-ca.test-ca-cert.json"))
			.isEqualTo("{\"valid\":true}");
		assertThat(node("checkdomain", "example.test-cert.json", "example.test")).isEqualTo("{\"match\":true}");
		for (String file : List.of("box-kp.json", "java-ca.test-ca-cert.json", "java-ca.test-ca-key.json",
				"example.test-cert.json")) {
			assertThat(node("restringify", file)).as("JSON.stringify(JSON.parse(%s))", file).isEqualTo("{\"same\":true}");
		}
	}

	@Test
	void weAcceptTheCaAndCertTheOriginalIssues() throws Exception {
		node("genkeypair", ".");
		node("genca", ".", "js-ca.test", "365");
		node("gencert", ".", "js-ca.test-ca-key.json", "box-kp.json", "example.test,www.example.test", "127.0.0.1",
				"30");
		NaclCert ca = CertFiles.readCert(file("js-ca.test-ca-cert.json"));
		NaclCert cert = CertFiles.readCert(file("example.test-cert.json"));
		BoxKeyPair keys = CertFiles.readBoxKeyPair(file("box-kp.json"));
		TrustPolicy policy = TrustPolicy.builder().trustAnchor(ca).build();
		assertThat(policy.verifyServer(cert, keys.getPublicKey(), "www.example.test")).isEmpty();
		assertThat(policy.verifyServer(cert, keys.getPublicKey(), "127.0.0.1")).isEmpty();
		assertThat(policy.verifyClient(cert, keys.getPublicKey())).isEmpty();
		assertThat(cert.toJson()).isEqualTo(Files.readString(file("example.test-cert.json")));
		Result inspected = runTool("inspect", "example.test-cert.json", "-c", "js-ca.test-ca-cert.json");
		assertThat(inspected.code).isZero();
		assertThat(inspected.out).contains("valid:       yes");
		assertThat(CertFiles.readCertAuthority(file("js-ca.test-ca-key.json"), Clock.systemUTC(), RandomSource.secure())
			.getCertificate()).isEqualTo(ca);
	}

	@Test
	void keyFilesCrossBetweenTheToolsInBothDirections() throws Exception {
		node("genkeypair", ".");
		node("genca", ".", "js-ca.test", "365");
		tool("genca", "-n", "java-ca.test", "-d", "365");
		tool("genkeypair", "-o", "java-kp.json");
		// Our tool signs with the original's CA key for the original's box key pair ...
		tool("gencert", "-c", "js-ca.test-ca-key.json", "-p", "box-kp.json", "-n", "ours.test", "-d", "30");
		assertThat(node("validate", "ours.test-cert.json", "js-ca.test-ca-cert.json")).isEqualTo("{\"valid\":true}");
		// ... and the original signs with our CA key for our box key pair.
		node("gencert", ".", "java-ca.test-ca-key.json", "java-kp.json", "theirs.test", "127.0.0.1", "30");
		NaclCert theirs = CertFiles.readCert(file("theirs.test-cert.json"));
		TrustPolicy policy = TrustPolicy.builder().trustAnchor(CertFiles.readCert(file("java-ca.test-ca-cert.json"))).build();
		assertThat(policy.verifyServer(theirs, CertFiles.readBoxKeyPair(file("java-kp.json")).getPublicKey(), "theirs.test"))
			.isEmpty();
	}

	@Test
	void originalAcceptsTheForgedSelfSignedCertThatWeRefuse() throws Exception {
		tool("genca", "-n", "java-ca.test", "-d", "365");
		NaclCert forged = CertFixtures.forgedSelfSigned(List.of("bank.test"));
		Files.writeString(file("forged.json"), forged.toJson());
		// docs/protocol/sws-v1-v2.md W1: the original ignores the CA for a self-signed cert and
		// tweetnacl accepts the identity key.
		assertThat(node("validate", "forged.json", "java-ca.test-ca-cert.json")).isEqualTo("{\"valid\":true}");
		TrustPolicy policy = TrustPolicy.builder().trustAnchor(CertFiles.readCert(file("java-ca.test-ca-cert.json"))).build();
		CertRejection rejection = policy.verifyServer(forged, forged.getPublicKey(), "bank.test").orElseThrow();
		assertThat(rejection.reason()).isEqualTo(CertRejectionReason.WEAK_KEY);
		assertThat(runTool("inspect", "forged.json").code).isEqualTo(SwsCertTool.REFUSED);
	}

	@Test
	void originalAndWeAgreeThatReorderedOrAlteredCertsAreInvalid() throws Exception {
		tool("genkeypair");
		tool("genca", "-n", "java-ca.test", "-d", "365");
		tool("gencert", "-c", "java-ca.test-ca-key.json", "-p", "box-kp.json", "-n", "a.test", "-d", "30");
		NaclCert cert = CertFiles.readCert(file("a.test-cert.json"));
		JsObject root = cert.toJsValue();
		JsObject desc = cert.getDesc();
		JsObject reordered = new JsObject();
		List<String> keys = new ArrayList<>(desc.keys());
		Collections.reverse(keys);
		keys.forEach((key) -> reordered.put(key, desc.get(key).orElseThrow()));
		root.put("desc", reordered);
		Files.writeString(file("reordered.json"), JsJson.stringify(root));
		assertThat(node("validate", "reordered.json", "java-ca.test-ca-cert.json")).isEqualTo("{\"valid\":false}");
		assertThat(runTool("inspect", "reordered.json", "-c", "java-ca.test-ca-cert.json").out)
			.contains("valid:       no, bad-signature");
	}

	private void tool(String... args) {
		Result result = runTool(args);
		assertThat(result.code).as("sws-cert %s: %s", String.join(" ", args), result.err).isZero();
	}

	private Result runTool(String... args) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int code = new SwsCertTool(Clock.systemUTC(), RandomSource.secure(), this.directory).run(args,
				new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
		return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
	}

	/** Runs the driver script under Node and returns its RESULT line's JSON. */
	private String node(String... args) {
		List<String> command = new ArrayList<>(List.of("node", script.toString()));
		command.addAll(List.of(args));
		return NodeJs.run(modules, this.directory, NODE_TIMEOUT, command).lastLine("RESULT");
	}

	private Path file(String name) {
		return this.directory.resolve(name);
	}

	private record Result(int code, String out, String err) {
	}

}
