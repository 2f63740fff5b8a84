package dev.sws.websocket.relay;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.messaging.Message;
import org.springframework.messaging.tcp.TcpConnection;
import org.springframework.messaging.tcp.TcpConnectionHandler;
import org.springframework.messaging.tcp.reactor.ReactorNettyTcpClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The broker connections over TLS: the broker's certificate must be trusted and name the host
 * connected to.
 */
class StompBrokerTcpClientTests {

	static final char[] PASSWORD = "changeit".toCharArray();

	@TempDir
	Path dir;

	@Test
	void aBrokerWhoseCertificateNamesTheHostIsConnectedTo() throws Exception {
		Path keyStore = certificate("ip:127.0.0.1");
		assertThat(connect(keyStore)).isNull();
	}

	@Test
	void aBrokerCertificateForAnotherHostIsRefused() throws Exception {
		Path keyStore = certificate("dns:broker.example");
		assertThat(connect(keyStore)).hasStackTraceContaining("No subject alternative names matching IP address 127.0.0.1");
	}

	/** Connects to a TLS server with that key store; returns why it failed, or null. */
	private @Nullable Throwable connect(Path keyStore) throws Exception {
		KeyStore store = KeyStore.getInstance(keyStore.toFile(), PASSWORD);
		KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		keys.init(store, PASSWORD);
		SSLContext serverContext = SSLContext.getInstance("TLS");
		serverContext.init(keys.getKeyManagers(), null, null);
		TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trust.init(store);
		SslContext clientContext = SslContextBuilder.forClient().trustManager(trust).build();
		try (SSLServerSocket server = (SSLServerSocket) serverContext.getServerSocketFactory()
			.createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			CompletableFuture.runAsync(() -> {
				try (SSLSocket socket = (SSLSocket) server.accept()) {
					socket.startHandshake();
					socket.getInputStream().read();
				}
				catch (IOException ex) {
					// the client refused the certificate
				}
			});
			ReactorNettyTcpClient<byte[]> client = StompBrokerTcpClient.create("127.0.0.1", server.getLocalPort(),
					Duration.ofSeconds(5), clientContext);
			CompletableFuture<@Nullable Throwable> outcome = new CompletableFuture<>();
			client.connectAsync(new TcpConnectionHandler<>() {

				@Override
				public void afterConnected(TcpConnection<byte[]> connection) {
					outcome.complete(null);
					connection.close();
				}

				@Override
				public void afterConnectFailure(Throwable ex) {
					outcome.complete(ex);
				}

				@Override
				public void handleMessage(Message<byte[]> message) {
				}

				@Override
				public void handleFailure(Throwable ex) {
					outcome.complete(ex);
				}

				@Override
				public void afterConnectionClosed() {
				}

			});
			try {
				return outcome.get(20, TimeUnit.SECONDS);
			}
			finally {
				client.shutdownAsync().get(10, TimeUnit.SECONDS);
			}
		}
	}

	/** A self-signed certificate made with the JDK's keytool; returns its PKCS#12 key store. */
	private Path certificate(String subjectAlternativeName) throws IOException, InterruptedException {
		String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
		Process process = new ProcessBuilder(List.of(keytool, "-genkeypair", "-alias", "broker", "-keyalg", "EC",
				"-groupname", "secp256r1", "-dname", "CN=broker", "-ext", "SAN=" + subjectAlternativeName, "-validity",
				"2", "-keystore", "broker.p12", "-storetype", "PKCS12", "-storepass", new String(PASSWORD)))
			.directory(this.dir.toFile())
			.redirectErrorStream(true)
			.start();
		String output;
		try (InputStream in = process.getInputStream()) {
			output = new String(in.readAllBytes());
		}
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
		Path keyStore = this.dir.resolve("broker.p12");
		assertThat(Files.exists(keyStore)).isTrue();
		return keyStore;
	}

}
