package dev.sws.sample.browser;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One user of the chat page in headless Debian Chromium, driven through Debian's chromedriver.
 * Both binaries are given explicitly, so Selenium Manager never looks for (or downloads) a browser
 * or a driver; a missing binary fails the test.
 */
final class Browser implements AutoCloseable {

	static final Path CHROMIUM = Path.of(System.getProperty("sws.test.chromium", "/usr/bin/chromium"));

	static final Path CHROMEDRIVER = Path.of(System.getProperty("sws.test.chromedriver", "/usr/bin/chromedriver"));

	static final Path SCREENSHOTS = Path.of("target", "screenshots");

	static final Duration WAIT = Duration.ofSeconds(20);

	private final ChromeDriver driver;

	private final Path profile;

	private Browser(ChromeDriver driver, Path profile) {
		this.driver = driver;
		this.profile = profile;
	}

	/**
	 * Starts a fresh headless Chromium with its own empty profile.
	 * @param arguments more command-line arguments for Chromium
	 * @return the browser
	 * @throws IOException if the profile folder cannot be made
	 */
	static Browser start(String... arguments) throws IOException {
		assertThat(CHROMIUM).as("Debian's chromium (apt-get install chromium)").isExecutable();
		assertThat(CHROMEDRIVER).as("Debian's chromedriver (apt-get install chromium-driver)").isExecutable();
		Path profile = Files.createTempDirectory("sws-chromium-");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--window-size=1100,1100", "--user-data-dir=" + profile);
		options.addArguments(arguments);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.withLogOutput(OutputStream.nullOutputStream())
			.build();
		return new Browser(new ChromeDriver(service, options), profile);
	}

	void open(String url) {
		this.driver.get(url);
		awaitState("ready");
	}

	void join(String nickname) {
		WebElement field = this.driver.findElement(By.id("nickname"));
		field.clear();
		field.sendKeys(nickname);
		this.driver.findElement(By.id("join-button")).click();
	}

	void say(String text) {
		WebElement field = this.driver.findElement(By.id("message"));
		field.sendKeys(text);
		this.driver.findElement(By.id("send-button")).click();
	}

	String text(String id) {
		return this.driver.findElement(By.id(id)).getText();
	}

	boolean isShown(String id) {
		return this.driver.findElement(By.id(id)).isDisplayed();
	}

	/** Every state the page has shown, in order. */
	@SuppressWarnings("unchecked")
	List<String> states() {
		return (List<String>) ((JavascriptExecutor) this.driver).executeScript("return window.swsSample.states.slice()");
	}

	/** The messages shown, as {@code from: text}. */
	@SuppressWarnings("unchecked")
	List<String> messages() {
		return (List<String>) ((JavascriptExecutor) this.driver).executeScript(
				"return Array.from(document.querySelectorAll('#messages li'))"
						+ ".map((li) => li.querySelector('strong').textContent + ': ' + li.querySelector('span').textContent)");
	}

	void awaitState(String state) {
		await("state " + state, () -> state.equals(this.driver.findElement(By.id("state")).getAttribute("data-state")));
	}

	void awaitMessage(String fromAndText) {
		await("the message '" + fromAndText + "'", () -> messages().contains(fromAndText));
	}

	private void await(String what, BooleanSupplier condition) {
		try {
			new WebDriverWait(this.driver, WAIT).until((driver) -> condition.getAsBoolean());
		}
		catch (TimeoutException ex) {
			throw new AssertionError("The page did not show " + what + " within " + WAIT + "; states " + states()
					+ ", messages " + messages() + ", refusal '" + text("refusal") + "'", ex);
		}
	}

	/**
	 * Saves a screenshot as {@code target/screenshots/NAME.png}.
	 * @param name the file's name, without extension
	 * @return the file
	 */
	Path screenshot(String name) {
		try {
			Files.createDirectories(SCREENSHOTS);
			File shot = this.driver.getScreenshotAs(OutputType.FILE);
			return Files.move(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() throws IOException {
		try {
			this.driver.quit();
		}
		finally {
			FileSystemUtils.deleteRecursively(this.profile);
		}
	}

}
