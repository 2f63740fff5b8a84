package dev.sws.hostile;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.socket.BinaryMessage;

import dev.sws.it.TestClients;
import dev.sws.it.TestClients.Collector;
import dev.sws.protocol.FailureReason;
import dev.sws.protocol.SecureChannel;
import dev.sws.websocket.SwsWebSocketClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Stalled readers complete the handshake, stop reading their socket and flood the echo endpoint
 * with 1 MB messages sent right behind their ClientReady, so that the echoes pile up during the
 * first-frame hold and every write to them blocks. Honest clients must not notice: they complete
 * their handshake and their echoes within a bound while the flood goes on, and a silent client is
 * still closed by the handshake timeout on time. Each stalled session is closed with 4500 once
 * its buffer or send time limit is exceeded, and what the server buffers for them stays within
 * those limits at every moment.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = { "sws.server.max-outbound-buffer=" + StalledReaderFloodTests.BUFFER_LIMIT,
		"sws.server.send-time-limit=2s" })
class StalledReaderFloodTests extends HostileTestSupport {

	static final int BUFFER_LIMIT = 2 * 1024 * 1024;

	private static final int STALLED_READERS = 8;

	private static final int FLOOD_MESSAGES = 40;

	private static final int FLOOD_MESSAGE_SIZE = 1_000_000;

	private static final int HONEST_CLIENTS = 3;

	private static final int HONEST_ECHOES = 40;

	/** Generous: an honest client needs a few milliseconds here when nobody floods. */
	private static final Duration HONEST_BOUND = Duration.ofSeconds(8);

	private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(2);

	@Test
	void stalledReadersFloodingTheServerDoNotDelayHonestClientsOrTimers(CapturedOutput output) throws Exception {
		SwsWebSocketClient honestClient = TestClients.v1(HostilePki.TRUSTED.serverKeys.publicKey());
		long failedBefore = stalledFailures();
		List<HostileClient> stalled = new ArrayList<>();
		ExecutorService flooders = Executors.newFixedThreadPool(STALLED_READERS);
		AtomicLong maxBuffered = new AtomicLong();
		List<Long> honestMillis = new ArrayList<>();
		long silentMillis;
		Thread sampler = new Thread(() -> {
			while (!Thread.currentThread().isInterrupted()) {
				maxBuffered.accumulateAndGet(this.swsServer.bufferedBytes(), Math::max);
				LockSupport.parkNanos(200_000);
			}
		}, "buffered-sampler");
		sampler.start();
		try {
			for (int i = 0; i < STALLED_READERS; i++) {
				HostileClient client = HostileClient.connectToStopReading(uri("/echo"), 1);
				stalled.add(client);
				client.sws.open(client.helloAndAnswer());
				String ready = client.sws.ready((dev.sws.cert.NaclCert) null);
				List<byte[]> sealed = new ArrayList<>();
				for (int n = 0; n < FLOOD_MESSAGES; n++) {
					sealed.add(client.sws.channel().seal(new byte[FLOOD_MESSAGE_SIZE]));
				}
				flooders.submit(() -> flood(client, ready, sealed));
			}
			// let the stalled readers' echoes pile up, during and after the first-frame hold
			Thread.sleep(500);

			for (int i = 0; i < HONEST_CLIENTS; i++) {
				long start = System.nanoTime();
				Collector honest = TestClients.connect(honestClient, uri("/echo").toString());
				byte[] message = new byte[16 * 1024];
				for (int n = 0; n < HONEST_ECHOES; n++) {
					Arrays.fill(message, (byte) n);
					honest.session.sendMessage(new BinaryMessage(message.clone()));
				}
				for (int n = 0; n < HONEST_ECHOES; n++) {
					Arrays.fill(message, (byte) n);
					assertThat(honest.nextBytes(Duration.ofNanos(remaining(start))))
						.as("echo %d of honest client %d", n, i)
						.isEqualTo(message);
				}
				honest.session.close();
				honestMillis.add(Duration.ofNanos(System.nanoTime() - start).toMillis());
			}

			long silentStart = System.nanoTime();
			try (RawWebSocket silent = RawWebSocket.connect(uri("/echo"), Duration.ofSeconds(10))) {
				assertThat(silent.awaitClose(Duration.ofSeconds(10))).as("close code for the silent client").isEqualTo(1008);
			}
			silentMillis = Duration.ofNanos(System.nanoTime() - silentStart).toMillis();
			assertThat(Duration.ofMillis(silentMillis)).as("the handshake timeout closes the silent client on time")
				.isLessThan(HANDSHAKE_TIMEOUT.plusMillis(1500));

			long closed = await().atMost(Duration.ofSeconds(20))
				.until(() -> stalledFailures() - failedBefore, (count) -> count >= STALLED_READERS);
			assertThat(closed).as("stalled sessions closed for a limit").isEqualTo(STALLED_READERS);
			for (HostileClient client : stalled) {
				assertThat(client.ws.awaitClose(Duration.ofSeconds(10))).as("close code of a stalled reader")
					.isIn(4500, RawWebSocket.NO_CLOSE_FRAME);
			}
		}
		finally {
			sampler.interrupt();
			flooders.shutdownNow();
			stalled.forEach(HostileClient::close);
			flooders.awaitTermination(10, TimeUnit.SECONDS);
		}
		ConformanceReport report = new ConformanceReport("stalled-readers", "figures");
		report.add(String.format("%d stalled readers x %d messages of %d bytes; honest clients (handshake + %d echoes "
				+ "of 16 KiB): %s ms; silent client closed after %d ms (timeout %d ms); most bytes buffered at once: "
				+ "%d (limit %d per session)", STALLED_READERS, FLOOD_MESSAGES, FLOOD_MESSAGE_SIZE, HONEST_ECHOES,
				honestMillis, silentMillis, HANDSHAKE_TIMEOUT.toMillis(), maxBuffered.get(), BUFFER_LIMIT));
		report.write();
		// the frame being written to each stalled reader is no longer counted; what waits is
		long bound = (long) STALLED_READERS * (BUFFER_LIMIT + FLOOD_MESSAGE_SIZE + SecureChannel.OVERHEAD);
		assertThat(maxBuffered.get()).as("bytes buffered for the stalled readers at any moment").isLessThanOrEqualTo(bound);
		assertThat(this.swsServer.bufferedBytes()).as("bytes buffered once they are closed").isZero();
		assertNoStackTrace(output);
	}

	private long stalledFailures() {
		return sessionFailures(this.meterRegistry, "server", FailureReason.OUTBOUND_BUFFER_FULL)
				+ sessionFailures(this.meterRegistry, "server", FailureReason.SEND_TIME_LIMIT);
	}

	private static long remaining(long start) {
		return Math.max(1, HONEST_BOUND.toNanos() - (System.nanoTime() - start));
	}

	/**
	 * Completes the handshake and sends the flood right behind it, so that it arrives during the
	 * first-frame hold, until the server closes the connection or the test ends.
	 */
	private static void flood(HostileClient client, String ready, List<byte[]> sealed) {
		try {
			client.ws.sendText(ready);
			for (byte[] frame : sealed) {
				client.ws.sendBinary(frame);
			}
		}
		catch (SocketTimeoutException ex) {
			// the server stopped reading from this connection: that is allowed
		}
		catch (IOException ex) {
			// closed by the server or by the test
		}
	}

}
