package dev.sws.interop;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import dev.sws.interop.OriginalBrowserClientInteropTests.BrowserConfig;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The original's browser build (served unchanged, as in {@link OriginalBrowserClientInteropTests})
 * in headless Debian Chromium against our reactive server on WebFlux and Reactor Netty
 * ({@link ReactiveInteropServer}): v1 and v2 echo, and v2 with a client certificate. The page is
 * loaded from {@code http://localhost:<port>}, whose name our server certificate carries.
 */
@Tag("interop")
@Tag("browser")
@Tag("reactive")
class OriginalBrowserClientWebFluxInteropTests {

	private static final InteropPki PKI = InteropPki.get();

	private static ReactiveInteropServer server;

	private static ChromeDriver browser;

	@TempDir
	static Path profile;

	@BeforeAll
	static void start() throws Exception {
		server = ReactiveInteropServer.start();
		assertThat(OriginalBrowserClientInteropTests.CHROMIUM).as("Debian chromium").isExecutable();
		assertThat(OriginalBrowserClientInteropTests.CHROMEDRIVER).as("Debian chromium-driver").isExecutable();
		ChromeOptions options = new ChromeOptions();
		options.setBinary(OriginalBrowserClientInteropTests.CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--user-data-dir=" + profile);
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(new File(OriginalBrowserClientInteropTests.CHROMEDRIVER.toString()))
			.usingAnyFreePort()
			.withTimeout(Duration.ofSeconds(30))
			.build();
		browser = new ChromeDriver(service, options);
		browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(90)).pageLoadTimeout(Duration.ofSeconds(30));
		browser.get("http://localhost:" + server.port() + "/interop.html");
		assertThat(browser.executeScript("return typeof sws.SecureWebSocket + ' ' + typeof naclcert.validate"))
			.isEqualTo("function function");
	}

	@AfterAll
	static void stop() {
		if (browser != null) {
			browser.quit();
		}
		server.close();
	}

	@Test
	void v1Echo() {
		echo(config(1, "/echo"), EchoSizes.COUNT);
	}

	@Test
	void v2EchoTheBrowserBuildAcceptsOurServerCertificate() {
		echo(config(2, "/echo").ca(PKI.ours.ca.getCertificate()), EchoSizes.COUNT);
	}

	@Test
	void v2EchoWithAClientCertificate() {
		echo(config(2, "/certs").ca(PKI.ours.ca.getCertificate()).keys(PKI.ours.clientKeys, PKI.ours.clientCert), 100);
	}

	/** Every message came back intact and in order, and the connection closed cleanly. */
	private static void echo(BrowserConfig config, int count) {
		Object raw = ((JavascriptExecutor) browser).executeAsyncScript(
				"interop.run(JSON.parse(arguments[0]), arguments[arguments.length - 1]);",
				config.put("action", "echo").put("count", count).toJson());
		OriginalClient.Result result = new OriginalClient.Result(OriginalConfig.JSON.valueToTree(raw));
		assertThat(result.failure()).as("%s", result).isEmpty();
		assertThat(result.echoed()).as("%s", result).isEqualTo(count);
		assertThat(result.events()).extracting(OriginalEvent::type).containsExactly("open", "close");
		System.out.printf("interop: original browser build (Chromium) -> our WebFlux server: %d messages, %d bytes%n",
				result.echoed(), result.bytes());
	}

	private static BrowserConfig config(int version, String path) {
		return new BrowserConfig().put("url", server.url("localhost", path))
			.put("version", version)
			.put("deadlineMs", 60_000);
	}

}
