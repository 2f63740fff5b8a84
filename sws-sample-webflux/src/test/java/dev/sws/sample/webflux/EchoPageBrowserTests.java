package dev.sws.sample.webflux;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reactive sample's page in headless Debian Chromium: the browser client, served by the
 * starter at {@code /sws/}, trusts the development CA the app serves, connects over SWS v2 to the
 * WebFlux echo handler and gets its message back. Both binaries are given explicitly, so Selenium
 * Manager never looks for (or downloads) a browser or a driver.
 */
@Tag("browser")
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "server.address=127.0.0.1", "sws.server.dev-mode.directory=target/test-dev-mode" })
class EchoPageBrowserTests {

	private static final Path CHROMIUM = Path.of(System.getProperty("sws.test.chromium", "/usr/bin/chromium"));

	private static final Path CHROMEDRIVER = Path.of(System.getProperty("sws.test.chromedriver", "/usr/bin/chromedriver"));

	@LocalServerPort
	int port;

	@Test
	void thePageEchoesOverSwsV2() throws Exception {
		assertThat(CHROMIUM).as("Debian's chromium (apt-get install chromium)").isExecutable();
		assertThat(CHROMEDRIVER).as("Debian's chromedriver (apt-get install chromium-driver)").isExecutable();
		Path profile = Files.createTempDirectory("sws-chromium-");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--user-data-dir=" + profile);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.withLogOutput(OutputStream.nullOutputStream())
			.build();
		ChromeDriver browser = new ChromeDriver(service, options);
		try {
			browser.get("http://127.0.0.1:" + this.port + "/");
			WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
			wait.until(ExpectedConditions.textToBe(By.id("state"), "Connected, encrypted to the server"));
			browser.findElement(By.id("text")).sendKeys("hello from Chromium");
			browser.findElement(By.cssSelector("#form button")).click();
			wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("log"), "echo: hello from Chromium"));
			assertThat(browser.findElement(By.id("state")).getText()).isEqualTo("Connected, encrypted to the server");
		}
		finally {
			browser.quit();
		}
	}

}
