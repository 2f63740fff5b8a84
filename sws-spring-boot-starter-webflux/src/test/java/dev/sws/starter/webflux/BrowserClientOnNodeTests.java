package dev.sws.starter.webflux;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.sws.autoconfigure.devmode.DevModeKeys;
import dev.sws.cert.CertFiles;
import dev.sws.testsupport.NodeJs;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The browser client, exactly as the starter serves it ({@code /sws/sws-client.mjs} from the
 * class path), on Node.js over the {@code ws} package (installed from npm into {@code target/}),
 * against the reactive application: v2 trusting the development CA, and v1 pinning the server key.
 */
@Tag("interop")
@SpringBootTest(classes = NewReactiveApplicationInDevelopmentModeTests.EchoApplication.class,
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "server.address=127.0.0.1", "sws.server.dev-mode.enabled=true",
				"sws.server.dev-mode.directory=target/test-dev-mode" })
class BrowserClientOnNodeTests {

	@LocalServerPort
	int port;

	@Autowired
	DevModeKeys devMode;

	private String run(String version, String mode, String value) throws IOException {
		Path prefix = Path.of("target", "node-browser-client").toAbsolutePath();
		Path modules = NodeJs.install(prefix, "ws@8.23.0");
		copy("/META-INF/resources/sws/sws-client.mjs", prefix.resolve("sws-client.mjs"));
		copy("/node/browser-client-echo.mjs", prefix.resolve("browser-client-echo.mjs"));
		NodeJs.Outcome outcome = NodeJs.run(modules, prefix, Duration.ofSeconds(60),
				List.of("node", "browser-client-echo.mjs", "ws://127.0.0.1:" + this.port + "/echo", version, mode, value));
		assertThat(outcome.code()).as(outcome.output()).isZero();
		return outcome.output();
	}

	private static void copy(String resource, Path target) throws IOException {
		try (InputStream in = BrowserClientOnNodeTests.class.getResourceAsStream(resource)) {
			assertThat(in).as(resource + " on the class path").isNotNull();
			Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
		}
	}

	@Test
	void v2TrustingTheDevelopmentCa() throws Exception {
		String output = run("2", "ca", Files.readString(this.devMode.caCertFile()));
		assertThat(output).contains("ECHO hello from Node (v2)").contains("CLOSE 1000");
	}

	@Test
	void v1PinningTheServerKey() throws Exception {
		byte[] key = CertFiles.readBoxKeyPair(this.devMode.keyPairFile()).getPublicKey();
		String output = run("1", "pin", Base64.getEncoder().encodeToString(key));
		assertThat(output).contains("ECHO hello from Node (v1)").contains("CLOSE 1000");
	}

}
