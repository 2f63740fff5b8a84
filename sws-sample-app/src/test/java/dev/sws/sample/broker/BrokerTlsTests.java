package dev.sws.sample.broker;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.messaging.Message;
import org.springframework.messaging.tcp.TcpConnection;
import org.springframework.messaging.tcp.TcpConnectionHandler;

import dev.sws.cert.CertFiles;
import dev.sws.sample.ChatParticipant;
import dev.sws.sample.DevModeAppTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The link from the instances to the broker over TLS, with the broker's certificate checked
 * against an SSL bundle and the host it was issued for.
 */
class BrokerTlsTests {

	static final String LOGIN = "chat";

	static final String PASSCODE = "broker-tls-tests";

	@TempDir
	static Path dir;

	@Test
	void theChatWorksOverTlsToTheBroker() throws Exception {
		Path certificate = brokerCertificate(dir.resolve("good"), "ip:127.0.0.1");
		try (EmbeddedStompBroker broker = EmbeddedStompBroker.start("127.0.0.1", 0, Map.of(LOGIN, PASSCODE),
				new EmbeddedStompBroker.KeyStore(dir.resolve("good/broker.p12"), "changeit"));
				ConfigurableApplicationContext instance = AbstractScaleOutTests.instance(broker.host(), broker.port(),
						LOGIN, PASSCODE, "--sample.broker.relay.ssl-bundle=broker",
						"--spring.ssl.bundle.pem.broker.truststore.certificate=file:" + certificate);
				ChatParticipant erin = ChatParticipant.join(AbstractScaleOutTests.port(instance), "erin",
						CertFiles.readCaCert(Path.of(DevModeAppTest.DEV_DIRECTORY, "sws-dev-ca-cert.json")))) {
			erin.say("over TLS to the broker");
			erin.await("her message", (received) -> AbstractScaleOutTests.texts(received, "erin").contains("over TLS to the broker"),
					ChatParticipant.WAIT);
		}
	}

	@Test
	void aBrokerCertificateForAnotherHostIsRefused() throws Exception {
		Path certificate = brokerCertificate(dir.resolve("other-host"), "dns:broker.example");
		SampleBrokerProperties.Relay settings = new SampleBrokerProperties.Relay();
		settings.setClientLogin(LOGIN);
		settings.setClientPasscode(PASSCODE);
		try (EmbeddedStompBroker broker = EmbeddedStompBroker.start("127.0.0.1", 0, Map.of(LOGIN, PASSCODE),
				new EmbeddedStompBroker.KeyStore(dir.resolve("other-host/broker.p12"), "changeit"));
				ChatBrokerRelay relay = new ChatBrokerRelay(settings, RelayLogins.forExternalBroker(settings), "127.0.0.1",
						broker.port(), trusting(certificate))) {
			CompletableFuture<Throwable> failure = new CompletableFuture<>();
			relay.client().connectAsync(new TcpConnectionHandler<>() {

				@Override
				public void afterConnected(TcpConnection<byte[]> connection) {
					failure.completeExceptionally(new AssertionError("connected to a broker with another host's certificate"));
				}

				@Override
				public void afterConnectFailure(Throwable ex) {
					failure.complete(ex);
				}

				@Override
				public void handleMessage(Message<byte[]> message) {
				}

				@Override
				public void handleFailure(Throwable ex) {
					failure.complete(ex);
				}

				@Override
				public void afterConnectionClosed() {
				}

			});
			assertThat(failure.get(20, TimeUnit.SECONDS)).hasStackTraceContaining("No subject alternative names matching IP address 127.0.0.1");
			relay.client().shutdownAsync().get(10, TimeUnit.SECONDS);
		}
	}

	static SslBundle trusting(Path certificate) {
		return SslBundle.of(new PemSslStoreBundle(null, PemSslStoreDetails.forCertificate("file:" + certificate)));
	}

	/** A self-signed broker certificate made with the JDK's keytool; returns its PEM file. */
	static Path brokerCertificate(Path folder, String subjectAlternativeName) throws IOException, InterruptedException {
		java.nio.file.Files.createDirectories(folder);
		String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
		run(folder, keytool, "-genkeypair", "-alias", "broker", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
				"CN=broker", "-ext", "SAN=" + subjectAlternativeName, "-validity", "2", "-keystore", "broker.p12",
				"-storetype", "PKCS12", "-storepass", "changeit");
		run(folder, keytool, "-exportcert", "-rfc", "-alias", "broker", "-keystore", "broker.p12", "-storepass", "changeit",
				"-file", "broker.pem");
		return folder.resolve("broker.pem");
	}

	private static void run(Path folder, String... command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(List.of(command)).directory(folder.toFile()).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes());
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
	}

}
