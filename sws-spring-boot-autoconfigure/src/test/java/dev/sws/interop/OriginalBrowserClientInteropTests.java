package dev.sws.interop;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import dev.sws.cert.NaclCert;
import dev.sws.crypto.BoxKeyPair;
import dev.sws.protocol.FailureReason;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The original's browser build ({@code demos/content/sws.js} with {@code nacl-fast.min.js} and
 * {@code nacl-cert.js} from {@code node-sws@1.2.1}, served unchanged by our Spring Boot test
 * server) in headless Debian Chromium, driven through Selenium, against our server: v1 and v2
 * echo of 1000 messages of 0 B to 1 MiB, v2 with a client certificate, and what our server sends
 * right after the handshake. A browser's WebSocket masks its frames, so the unmodified original
 * client code runs here: no shim.
 *
 * <p>The page is loaded from {@code http://localhost:<port>}: the browser build checks the server
 * certificate's names against the URL's host only (it cannot see the server's IP), and our server
 * certificate names {@code localhost}. The cases on {@code 127.0.0.1} load it from there.
 */
@Tag("interop")
@Tag("browser")
class OriginalBrowserClientInteropTests extends InteropServerSupport {

	static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	static ChromeDriver browser;

	@TempDir
	static Path profile;

	@BeforeAll
	static void startChromium() {
		assertThat(CHROMIUM).as("Debian chromium (apt-get install chromium chromium-driver)").isExecutable();
		assertThat(CHROMEDRIVER).as("Debian chromium-driver (apt-get install chromium-driver)").isExecutable();
		ChromeOptions options = new ChromeOptions();
		// both set explicitly, so that Selenium Manager never looks for (or downloads) anything
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--user-data-dir=" + profile);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER.toString()))
			.usingAnyFreePort()
			.withTimeout(Duration.ofSeconds(30))
			.build();
		browser = new ChromeDriver(service, options);
		browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(90)).pageLoadTimeout(Duration.ofSeconds(30));
	}

	@AfterAll
	static void quitChromium() {
		if (browser != null) {
			browser.quit();
		}
	}

	@BeforeEach
	void openTheTestPage() {
		String page = "http://localhost:" + this.port + "/interop.html";
		if (!page.equals(browser.getCurrentUrl())) {
			browser.get(page);
		}
		assertThat(browser.executeScript("return typeof sws.SecureWebSocket + ' ' + typeof naclcert.validate"))
			.isEqualTo("function function");
	}

	@Test
	void v1Echo() {
		echo(config(1, "/echo"), EchoSizes.COUNT);
	}

	@Test
	void v2EchoTheBrowserBuildAcceptsOurServerCertificate() {
		echo(config(2, "/echo").ca(this.pki.ours.ca.getCertificate()), EchoSizes.COUNT);
	}

	@Test
	void v2EchoWithAClientCertificate() throws Exception {
		echo(config(2, "/certs").ca(this.pki.ours.ca.getCertificate()).keys(this.pki.ours.clientKeys, this.pki.ours.clientCert),
				100);
		assertThat(this.events.await("/certs", "handshake-succeeded", Duration.ofSeconds(5)).version()).hasToString("V2");
	}

	@Test
	void theFirstFrameDelayLetsTheBrowserBuildReceiveWhatTheServerSendsAtOnce() {
		OriginalClient.Result result = run(config(1, "/greet").put("action", "listen")
			.put("expect", InteropEndpoints.GREETINGS + 1));
		OriginalClientChecks.assertReceivedTheFirstFrames(result);
	}

	/**
	 * docs/protocol/sws-v1-v2.md section 6.3, as for the Node client: the browser build lost the
	 * race in 15 of 15 runs in a row.
	 */
	@Test
	void withoutTheFirstFrameDelayTheBrowserBuildDropsThemAndNeverRecovers() {
		OriginalClientChecks.assertTheFirstFrameRaceBites("original browser build",
				() -> run(config(1, "/greet-at-once").put("action", "listen")
					.put("expect", InteropEndpoints.GREETINGS + 1)
					.put("deadlineMs", 5000)));
	}

	/**
	 * The browser build checks the certificate's names only, against the URL's host
	 * (docs/protocol/sws-v1-v2.md section 4.2: it has no peer address), so on
	 * {@code ws://127.0.0.1:...} it needs the address among the names, as
	 * {@code ./sws-cert gencert --ips-in-names} and development mode list it.
	 */
	@Test
	void byIpAddressTheBrowserBuildAcceptsACertificateWithTheAddressAmongItsNames() throws Exception {
		openTheTestPageAt("127.0.0.1");
		echo(config("127.0.0.1", 2, "/ips-in-names").ca(this.pki.ours.ca.getCertificate()), 20);
		assertThat(this.events.await("/ips-in-names", "handshake-succeeded", Duration.ofSeconds(5)).version())
			.hasToString("V2");
	}

	/** Without the option, the address is among the ips only, which the browser build never sees. */
	@Test
	void byIpAddressTheBrowserBuildRefusesACertificateWithTheAddressAmongItsIpsOnly() throws Exception {
		openTheTestPageAt("127.0.0.1");
		OriginalClient.Result result = run(config("127.0.0.1", 2, "/echo").ca(this.pki.ours.ca.getCertificate())
			.put("action", "handshake")
			.put("deadlineMs", 10_000));
		assertThat(result.opened()).isFalse();
		assertThat(result.event("error").orElseThrow().detail()).isEqualTo("Invalid server endpoint");
		assertThat(this.events.await(ServerEvents.AUTO, "handshake-failed", Duration.ofSeconds(10)).reason())
			.isEqualTo(FailureReason.REFUSED_BY_PEER);
	}

	private void openTheTestPageAt(String host) {
		browser.get("http://" + host + ":" + this.port + "/interop.html");
		assertThat(browser.executeScript("return typeof sws.SecureWebSocket")).isEqualTo("function");
	}

	private void echo(BrowserConfig config, int count) {
		OriginalClientChecks.assertEchoed("original browser build (Chromium)",
				run(config.put("action", "echo").put("count", count)), count);
	}

	private OriginalClient.Result run(BrowserConfig config) {
		Object result = ((JavascriptExecutor) browser).executeAsyncScript(
				"interop.run(JSON.parse(arguments[0]), arguments[arguments.length - 1]);", config.toJson());
		return new OriginalClient.Result(OriginalConfig.JSON.valueToTree(result));
	}

	private BrowserConfig config(int version, String path) {
		return config("localhost", version, path);
	}

	private BrowserConfig config(String host, int version, String path) {
		return new BrowserConfig().put("url", "ws://" + host + ":" + this.port + path)
			.put("version", version)
			.put("deadlineMs", 60_000);
	}

	/** The page's configuration: like {@link OriginalConfig}, with keys and certificates inline. */
	static final class BrowserConfig {

		private final Map<String, Object> values = new LinkedHashMap<>();

		BrowserConfig put(String key, Object value) {
			this.values.put(key, value);
			return this;
		}

		BrowserConfig ca(NaclCert ca) {
			return put("ca", OriginalConfig.JSON.readTree(ca.toJson()));
		}

		BrowserConfig keys(BoxKeyPair keys, NaclCert cert) {
			return put("keys", Map.of("publicKey", unsigned(keys.getPublicKey()), "secretKey", unsigned(keys.exportSecretKey())))
				.put("cert", OriginalConfig.JSON.readTree(cert.toJson()));
		}

		private static int[] unsigned(byte[] bytes) {
			int[] values = new int[bytes.length];
			for (int i = 0; i < bytes.length; i++) {
				values[i] = bytes[i] & 0xff;
			}
			return values;
		}

		String toJson() {
			return OriginalConfig.JSON.writeValueAsString(this.values);
		}

	}

}
