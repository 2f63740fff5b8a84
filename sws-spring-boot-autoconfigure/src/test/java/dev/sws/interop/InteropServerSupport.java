package dev.sws.interop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.sws.it.SwsTestApplication;

/**
 * The Spring Boot server the original's clients connect to: {@link SwsTestApplication} on
 * 127.0.0.1 and a random port, with our key pair and server certificate from {@link InteropPki}
 * (so {@code /echo} speaks v1 and v2), the {@link InteropEndpoints}, and a static folder that
 * serves the original's browser build next to the test page. Every subclass shares one
 * application context.
 */
@SpringBootTest(classes = { SwsTestApplication.class, InteropEndpoints.class },
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "server.address=127.0.0.1", "sws.server.max-message-size=2MB" })
abstract class InteropServerSupport {

	/** The original's browser build, as the package ships it in {@code demos/content}. */
	static final List<String> BROWSER_BUILD = List.of("nacl-fast.min.js", "nacl-cert.js", "uuid.js", "sws.js");

	/** The test page and its scripts, from {@code src/test/resources/interop}. */
	static final List<String> TEST_PAGE = List.of("browser/interop.html", "browser/interop.js", "interop-driver.js");

	@LocalServerPort
	int port;

	@Autowired
	ServerEvents events;

	InteropPki pki = InteropPki.get();

	@DynamicPropertySource
	static void keys(DynamicPropertyRegistry registry) throws IOException {
		InteropPki pki = InteropPki.get();
		registry.add("sws.server.key-pair", () -> "file:" + pki.ours("server-kp.json"));
		registry.add("sws.server.certificate", () -> "file:" + pki.ours("server-cert.json"));
		Path www = www(pki);
		registry.add("spring.web.resources.static-locations", () -> "file:" + www + "/");
	}

	/** The folder the test page is served from: the original's browser build and the page's scripts. */
	static Path www(InteropPki pki) throws IOException {
		Path www = Files.createDirectories(pki.dir.resolve("www"));
		for (String file : BROWSER_BUILD) {
			Files.copy(OriginalSws.browserBuild().resolve(file), www.resolve(file), StandardCopyOption.REPLACE_EXISTING);
		}
		for (String file : TEST_PAGE) {
			Path source = OriginalSws.script(file);
			Files.copy(source, www.resolve(source.getFileName()), StandardCopyOption.REPLACE_EXISTING);
		}
		return www;
	}

	@BeforeEach
	void forgetServerEvents() {
		this.events.clear();
	}

	String url(String path) {
		return "ws://127.0.0.1:" + this.port + path;
	}

}
