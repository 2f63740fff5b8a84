package dev.sws.sample.browser;

import java.nio.file.Path;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import dev.sws.cert.CertFiles;
import dev.sws.sample.DevModeAppTest;
import dev.sws.sample.console.ConsoleParticipant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample as a new user meets it, end to end: two people chat from the page in real headless
 * Chromium (one on {@code 127.0.0.1}, matched by the certificate's address, one on
 * {@code localhost}, matched by its name) with a third on the Java console client, every STOMP
 * frame encrypted by SWS v3 (the page and the console speak it by default, since the sample serves
 * it) after each client verified the server's development certificate.
 */
@Tag("browser")
@DevModeAppTest
class BrowserChatTests {

	@LocalServerPort
	int port;

	@Test
	void twoBrowsersAndTheConsoleClientChat() throws Exception {
		Path devDirectory = Path.of(DevModeAppTest.DEV_DIRECTORY);
		String serverFingerprint = CertFiles.readCert(devDirectory.resolve("server-cert.json")).getPublicKeyFingerprint();
		try (Browser alice = Browser.start(); Browser bob = Browser.start()) {
			alice.open("http://127.0.0.1:" + this.port + "/");
			assertThat(alice.isShown("dev-mode")).as("the development mode label").isTrue();
			assertThat(alice.text("dev-mode")).contains("trust on first use");
			assertThat(alice.isShown("insecure-page")).as("no HTTPS warning on 127.0.0.1").isFalse();
			assertThat(alice.text("protection")).contains("The server reads every message in plaintext")
				.contains("not end-to-end encryption")
				.contains("serve the page over HTTPS");
			alice.join("alice");
			alice.awaitState("connected");
			assertThat(alice.text("id-ca")).isEqualTo("sws-dev (development CA)");
			assertThat(alice.text("id-names")).isEqualTo("localhost, 127.0.0.1, ::1");
			assertThat(alice.text("id-ips")).isEqualTo("127.0.0.1, ::1");
			assertThat(alice.text("id-fingerprint")).isEqualTo(serverFingerprint);
			assertThat(alice.text("id-protocol"))
				.isEqualTo("SWS v3, Noise XX (ChaCha20-Poly1305, forward secret), between this page and the server");
			assertThat(alice.text("state")).isEqualTo("Connected, encrypted to the server");
			// a participant's own message proves its subscription is in place before others talk
			alice.say("Hi, I'm Alice.");
			alice.awaitMessage("alice: Hi, I'm Alice.");

			bob.open("http://localhost:" + this.port + "/");
			assertThat(bob.isShown("insecure-page")).as("no HTTPS warning on localhost").isFalse();
			bob.join("bob");
			bob.awaitState("connected");
			assertThat(bob.text("id-fingerprint")).isEqualTo(serverFingerprint);
			bob.say("Bob here, from localhost.");
			bob.awaitMessage("bob: Bob here, from localhost.");
			alice.awaitMessage("bob: Bob here, from localhost.");

			try (ConsoleParticipant carol = ConsoleParticipant.start("--url=ws://127.0.0.1:" + this.port + "/chat",
					"--name=carol", "--ca=" + devDirectory.resolve("sws-dev-ca-cert.json"))) {
				carol.awaitLine("the connection",
						(line) -> line.startsWith("Connected to") && line.contains("SWS v3 (forward secret)"));
				carol.type("Carol on the Java console client. Grüße!");
				String carolSays = "carol: Carol on the Java console client. Grüße!";
				carol.awaitLine("her own message", (line) -> line.endsWith("] " + carolSays));
				alice.awaitMessage(carolSays);
				bob.awaitMessage(carolSays);

				alice.say("Welcome, Carol! Everything here is encrypted to the server.");
				String aliceSays = "alice: Welcome, Carol! Everything here is encrypted to the server.";
				bob.awaitMessage(aliceSays);
				carol.awaitLine("alice's message", (line) -> line.endsWith("] " + aliceSays));
				bob.say("<b>not bold</b>");
				alice.awaitMessage("bob: <b>not bold</b>");
				carol.awaitLine("bob's message", (line) -> line.endsWith("] bob: <b>not bold</b>"));
			}
			assertThat(alice.states()).doesNotContain("refused", "error");
			alice.screenshot("chat-alice");
			bob.screenshot("chat-bob");
		}
	}

	/**
	 * The page loaded over plain HTTP from a host other than this machine: its code could have been
	 * changed on the way, which SWS cannot detect, and the page says so. (Chromium resolves the
	 * made-up host to 127.0.0.1.)
	 */
	@Test
	void thePageWarnsWhenItWasNotLoadedOverHttpsFromAnotherHost() throws Exception {
		try (Browser browser = Browser.start("--host-resolver-rules=MAP chat.sws.test 127.0.0.1")) {
			browser.open("http://chat.sws.test:" + this.port + "/");
			assertThat(browser.isShown("insecure-page")).as("the HTTPS warning").isTrue();
			assertThat(browser.text("insecure-page")).startsWith("This page was not loaded over HTTPS.")
				.contains("could have changed them to read your messages");
			browser.screenshot("insecure-page");
		}
	}

	@Test
	void thePageRefusesANicknameWithControlCharactersBeforeConnecting() throws Exception {
		try (Browser browser = Browser.start()) {
			browser.open("http://127.0.0.1:" + this.port + "/");
			browser.join("eve\u202eevil");
			browser.awaitState("error");
			assertThat(browser.text("state")).isEqualTo("The nickname may not contain control characters");
			assertThat(browser.states()).doesNotContain("connecting");
		}
	}

}
