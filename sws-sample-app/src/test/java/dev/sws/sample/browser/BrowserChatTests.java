package dev.sws.sample.browser;

import java.nio.file.Path;

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
 * frame encrypted by SWS v2 after each client verified the server's development certificate.
 */
@DevModeAppTest
class BrowserChatTests {

	@LocalServerPort
	int port;

	@Test
	void twoBrowsersAndTheConsoleClientChat() throws Exception {
		Path devDirectory = Path.of(DevModeAppTest.DEV_DIRECTORY);
		String serverFingerprint = CertFiles.readCert(devDirectory.resolve("server-cert.json")).publicKeyFingerprint();
		try (Browser alice = Browser.start(); Browser bob = Browser.start()) {
			alice.open("http://127.0.0.1:" + this.port + "/");
			assertThat(alice.isShown("dev-mode")).as("the development mode label").isTrue();
			assertThat(alice.text("dev-mode")).contains("trust on first use");
			alice.join("alice");
			alice.awaitState("connected");
			assertThat(alice.text("id-ca")).isEqualTo("sws-dev (development CA)");
			assertThat(alice.text("id-names")).isEqualTo("localhost, 127.0.0.1, ::1");
			assertThat(alice.text("id-ips")).isEqualTo("127.0.0.1, ::1");
			assertThat(alice.text("id-fingerprint")).isEqualTo(serverFingerprint);
			assertThat(alice.text("id-protocol")).startsWith("SWS v2");
			// a participant's own message proves its subscription is in place before others talk
			alice.say("Hi, I'm Alice.");
			alice.awaitMessage("alice: Hi, I'm Alice.");

			bob.open("http://localhost:" + this.port + "/");
			bob.join("bob");
			bob.awaitState("connected");
			assertThat(bob.text("id-fingerprint")).isEqualTo(serverFingerprint);
			bob.say("Bob here, from localhost.");
			bob.awaitMessage("bob: Bob here, from localhost.");
			alice.awaitMessage("bob: Bob here, from localhost.");

			try (ConsoleParticipant carol = ConsoleParticipant.start("--url=ws://127.0.0.1:" + this.port + "/chat",
					"--name=carol", "--ca=" + devDirectory.resolve("sws-dev-ca-cert.json"))) {
				carol.awaitLine("the connection", (line) -> line.startsWith("Connected to"));
				carol.type("Carol on the Java console client. Grüße!");
				String carolSays = "carol: Carol on the Java console client. Grüße!";
				carol.awaitLine("her own message", (line) -> line.endsWith("] " + carolSays));
				alice.awaitMessage(carolSays);
				bob.awaitMessage(carolSays);

				alice.say("Welcome, Carol! Everything here is end-to-end encrypted.");
				String aliceSays = "alice: Welcome, Carol! Everything here is end-to-end encrypted.";
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

}
