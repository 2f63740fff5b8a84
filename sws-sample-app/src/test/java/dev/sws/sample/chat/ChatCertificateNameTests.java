package dev.sws.sample.chat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.messaging.simp.stomp.StompHeaders;

import dev.sws.cert.CertAuthority;
import dev.sws.cert.CertFiles;
import dev.sws.cert.NaclCert;
import dev.sws.crypto.BoxKeyPair;
import dev.sws.crypto.RandomSource;
import dev.sws.sample.ChatParticipant;
import dev.sws.sample.DevModeAppTest;
import dev.sws.sample.SwsSampleApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server that requires client certificates names each sender by the first name in the
 * certificate the SWS handshake verified, whatever nickname the client gives.
 */
@SpringBootTest(classes = SwsSampleApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "server.address=127.0.0.1", "sws.server.dev-mode.directory=" + DevModeAppTest.DEV_DIRECTORY,
				"sws.server.require-client-cert=true",
				"sws.server.trust-anchors=file:" + ChatCertificateNameTests.DIR + "/clients-ca-cert.json" })
class ChatCertificateNameTests {

	static final String DIR = "target/test-client-certs";

	static final CertAuthority CLIENTS = CertAuthority.generate("clients", Instant.now().plus(Duration.ofDays(1)),
			Clock.systemUTC(), RandomSource.secure());

	static {
		try {
			Files.createDirectories(Path.of(DIR));
			Files.writeString(Path.of(DIR, "clients-ca-cert.json"), CLIENTS.getCertificate().toJson());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@LocalServerPort
	int port;

	@Test
	void theSenderIsTheNameInItsCertificateNotTheNicknameItGives() throws Exception {
		NaclCert serverCa = CertFiles.readCaCert(Path.of(DevModeAppTest.DEV_DIRECTORY, "sws-dev-ca-cert.json"));
		BoxKeyPair keys = BoxKeyPair.generate(RandomSource.secure());
		NaclCert certificate = CLIENTS.issue(keys.getPublicKey(), List.of("carol.example"), List.of(), CLIENTS.getExpiresAt());
		StompHeaders claimsToBeAlice = new StompHeaders();
		claimsToBeAlice.set(ChatConfiguration.NICKNAME_HEADER, "alice");
		try (ChatParticipant carol = ChatParticipant.enter(this.port, "carol", claimsToBeAlice, serverCa, keys,
				certificate);
				ChatParticipant noNickname = ChatParticipant.enter(this.port, "carol again", new StompHeaders(),
						serverCa, keys, certificate)) {
			carol.say("signed, carol");
			noNickname.await("carol's message",
					(received) -> received.stream().anyMatch((message) -> "signed, carol".equals(message.text())),
					ChatParticipant.WAIT);
			assertThat(noNickname.received()).extracting(ChatMessage::from).containsOnly("carol.example");
		}
	}

}
