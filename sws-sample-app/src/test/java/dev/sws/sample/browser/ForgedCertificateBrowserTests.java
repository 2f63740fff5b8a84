package dev.sws.sample.browser;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.sws.sample.SampleFiles;
import dev.sws.sample.SwsSampleApplication;
import dev.sws.sample.console.ConsoleParticipant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server that presents a forged certificate: it claims to be signed by the CA the page trusts
 * ({@code sws-dev}), but another CA of that name signed it. The page must show the refusal and
 * never connect; the console client refuses too.
 */
@Tag("browser")
@SpringBootTest(classes = SwsSampleApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "server.address=127.0.0.1", "sws.server.dev-mode.enabled=false",
				"sws.server.key-pair=file:" + ForgedCertificateBrowserTests.DIR
				+ "/server-kp.json", "sws.server.certificate=file:" + ForgedCertificateBrowserTests.DIR + "/server-cert.json",
				"sample.page.trust-anchors=file:" + ForgedCertificateBrowserTests.DIR + "/trusted-ca-cert.json" })
class ForgedCertificateBrowserTests {

	static final String DIR = "target/test-forged-server";

	static {
		SampleFiles.writeForgedServer(Path.of(DIR), "sws-dev");
	}

	@LocalServerPort
	int port;

	@Test
	void thePageRefusesAForgedServerCertificateAndNeverConnects() throws Exception {
		try (Browser browser = Browser.start()) {
			browser.open("http://127.0.0.1:" + this.port + "/");
			assertThat(browser.isShown("dev-mode")).as("no development mode with configured keys").isFalse();
			browser.join("mallory's victim");
			browser.awaitState("refused");
			assertThat(browser.text("refusal-reason")).isEqualTo("cert-bad-signature");
			assertThat(browser.text("refusal-text")).contains("forged or altered");
			assertThat(browser.text("refusal-detail")).contains("does not verify with the key of CA \"sws-dev\"");
			assertThat(browser.states()).doesNotContain("verified", "connected");
			assertThat(browser.text("id-fingerprint")).isEqualTo("\u2013");
			browser.screenshot("forged-certificate-refused");
		}
	}

	@Test
	void theConsoleClientRefusesItToo() throws Exception {
		try (ConsoleParticipant console = ConsoleParticipant.start("--url=ws://127.0.0.1:" + this.port + "/chat",
				"--ca=" + DIR + "/trusted-ca-cert.json")) {
			assertThat(console.exitCode()).isEqualTo(1);
			assertThat(console.lines()).anySatisfy((line) -> assertThat(line).contains("refused (cert-bad-signature)"));
		}
	}

	@Test
	void noDevelopmentModeOnceKeysAreConfigured() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/sws-dev/ca-cert.json")).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(404);
	}

}
