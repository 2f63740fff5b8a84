package dev.sws.hostile;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.SessionLimitExceededException;

import dev.sws.autoconfigure.metrics.SwsMetrics;
import dev.sws.crypto.BoxKeyPair;
import dev.sws.crypto.RandomSource;
import dev.sws.it.TestClients;
import dev.sws.it.TestClients.Collector;
import dev.sws.protocol.ClientHandshakeSettings;
import dev.sws.protocol.FailureReason;
import dev.sws.protocol.ProtocolVersion;
import dev.sws.protocol.SecureChannel;
import dev.sws.protocol.SwsHandshakeException;
import dev.sws.websocket.SwsWebSocketClient;

import static dev.sws.testsupport.hostile.HostileClient.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The client side of the outbound limits: a server that completes the handshake and then stops
 * reading. The client's senders see the session closed with 4500 once the buffer or the send time
 * limit is exceeded, what the client buffers stays within the limit, and meanwhile the same client
 * still completes handshakes with a genuine server and times out a silent one on time.
 */
@ExtendWith(OutputCaptureExtension.class)
class ClientStalledServerTests extends HostileTestSupport {

	private static final int BUFFER_LIMIT = 256 * 1024;

	/** Under Tomcat's default 8 KiB message buffer of the hostile server's plain handler. */
	private static final int MESSAGE_SIZE = 4000;

	private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(2);

	@Autowired
	ScriptedServer scriptedServer;

	@Test
	void aServerThatStopsReadingClosesTheSessionWithinTheLimitsAndDelaysNothingElse(CapturedOutput output)
			throws Exception {
		SimpleMeterRegistry metrics = new SimpleMeterRegistry();
		SwsWebSocketClient client = SwsWebSocketClient
			.builder(ClientHandshakeSettings.builder(BoxKeyPair.generate(RandomSource.secure()), ProtocolVersion.V2)
				.serverCertVerifier(dev.sws.cert.TrustPolicy.builder()
					.trustAnchor(HostilePki.TRUSTED.ca.getCertificate())
					.build()))
			.maxOutboundBuffer(BUFFER_LIMIT)
			.sendTimeLimit(Duration.ofSeconds(1))
			.handshakeTimeout(HANDSHAKE_TIMEOUT)
			.listener(new SwsMetrics(metrics))
			.build();
		CompletableFuture<ScriptedServer.Connection> stalling = this.scriptedServer.register("stops-reading", (c) -> {
			ForgedServer server = new ForgedServer(HostilePki.TRUSTED.serverKeys);
			server.read(c.nextText(WAIT));
			c.sendText(server.serverHello(ForgedServer.certTrailer(HostilePki.TRUSTED.serverCert)));
			SecureChannel channel = server.established(c.nextText(WAIT));
			c.stopReading();
			c.sendBinary(channel.seal("hello".getBytes()));
		});
		ExecutorService senders = Executors.newFixedThreadPool(2);
		AtomicLong maxBuffered = new AtomicLong();
		Thread sampler = new Thread(() -> {
			while (!Thread.currentThread().isInterrupted()) {
				maxBuffered.accumulateAndGet(client.getBufferedBytes(), Math::max);
				LockSupport.parkNanos(200_000);
			}
		}, "client-buffered-sampler");
		try {
			Collector application = new Collector();
			WebSocketSession session = client.execute(application, uri("/forge?case=stops-reading").toString())
				.get(WAIT.toSeconds(), TimeUnit.SECONDS);
			application.session = session;
			assertThat(application.nextText()).isEqualTo("hello");
			sampler.start();
			List<Future<Throwable>> sent = new ArrayList<>();
			for (int t = 0; t < 2; t++) {
				sent.add(senders.submit(() -> sendUntilRefused(session)));
			}

			// the same client, meanwhile: a genuine server, then one that never answers
			Collector genuine = TestClients.connect(client, uri(ServerCase.PLAIN).toString());
			genuine.session.sendMessage(new TextMessage("still here"));
			assertThat(genuine.nextText()).isEqualTo("still here");
			this.scriptedServer.register("silent", (c) -> c.nextText(WAIT));
			long start = System.nanoTime();
			SwsHandshakeException timeout = TestClients
				.failure(client.execute(new Collector(), uri("/forge?case=silent").toString()));
			assertThat(timeout.getReason()).contains(FailureReason.HANDSHAKE_TIMEOUT);
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(HANDSHAKE_TIMEOUT.plusMillis(1500));

			for (Future<Throwable> future : sent) {
				assertThat(future.get(20, TimeUnit.SECONDS)).as("what stopped a sender")
					.isInstanceOfAny(SessionLimitExceededException.class, IllegalStateException.class,
							java.io.IOException.class);
			}
			assertThat(application.closeCode()).isEqualTo(4500);
			assertThat(sessionFailures(metrics, "client", FailureReason.OUTBOUND_BUFFER_FULL)
					+ sessionFailures(metrics, "client", FailureReason.SEND_TIME_LIMIT))
				.as("the stalled session, counted once")
				.isOne();
			assertThatExceptionOfType(IllegalStateException.class)
				.isThrownBy(() -> session.sendMessage(new TextMessage("after the close")));
		}
		finally {
			sampler.interrupt();
			senders.shutdownNow();
			stalling.get(WAIT.toSeconds(), TimeUnit.SECONDS).resumeReading();
			client.close();
		}
		assertThat(maxBuffered.get()).as("bytes the client buffered at any moment")
			.isLessThanOrEqualTo(BUFFER_LIMIT + MESSAGE_SIZE + SecureChannel.OVERHEAD);
		assertThat(client.getBufferedBytes()).isZero();
		// Tomcat's WebSocket client logs the write it could not finish, with its stack trace, when
		// the session is closed under it
		assertNoStackTraceExceptWarningsOf(output, "o.a.t.w.WsRemoteEndpointImplClient");
	}

	/** Sends until the session refuses, and returns what refused it. */
	private static Throwable sendUntilRefused(WebSocketSession session) {
		byte[] message = new byte[MESSAGE_SIZE];
		try {
			while (true) {
				session.sendMessage(new BinaryMessage(message.clone()));
			}
		}
		catch (Throwable ex) {
			return ex;
		}
	}

}
