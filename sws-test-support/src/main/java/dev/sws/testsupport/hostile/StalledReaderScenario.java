package dev.sws.testsupport.hostile;

import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.client.WebSocketClient;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stalled-reader scenario of issue 14 against any SWS echo endpoint with a 2 s handshake
 * timeout: eight {@link StalledReaders} flood it with forty 1 MB messages each; meanwhile three
 * honest clients each handshake and echo forty 16 KiB messages within a bound, and a silent client
 * is closed by the handshake timeout on time; finally every stalled reader is closed by the server
 * within 30 s (4500, or no close frame where the server could not write one) while it still does
 * not read. It asserts all that and returns the figures.
 */
public final class StalledReaderScenario {

	/** How many stalled readers. */
	public static final int STALLED_READERS = 8;

	/** Messages each stalled reader sends. */
	public static final int FLOOD_MESSAGES = 40;

	/** Their size. */
	public static final int FLOOD_MESSAGE_SIZE = 1_000_000;

	private static final int HONEST_CLIENTS = 3;

	private static final int HONEST_ECHOES = 40;

	/** Generous: an honest client needs a few milliseconds here when nobody floods. */
	private static final Duration HONEST_BOUND = Duration.ofSeconds(8);

	private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(2);

	private StalledReaderScenario() {
	}

	/**
	 * Runs the scenario.
	 * @param echo the echo endpoint
	 * @param readerVersion the SWS version of the stalled readers (1, or 2 when the server has a
	 * certificate and does not require client certificates)
	 * @param honestClient an SWS client that trusts the server
	 * @param bufferedBytes what the server buffers for its peers right now
	 * @return the figures
	 * @throws Exception if the scenario cannot run
	 */
	public static Figures run(URI echo, int readerVersion, WebSocketClient honestClient, LongSupplier bufferedBytes)
			throws Exception {
		AtomicLong maxBuffered = new AtomicLong();
		Thread sampler = new Thread(() -> {
			while (!Thread.currentThread().isInterrupted()) {
				maxBuffered.accumulateAndGet(bufferedBytes.getAsLong(), Math::max);
				LockSupport.parkNanos(200_000);
			}
		}, "buffered-sampler");
		sampler.setDaemon(true);
		sampler.start();
		List<Long> honestMillis = new ArrayList<>();
		try (StalledReaders readers = StalledReaders.flood(echo, readerVersion, STALLED_READERS, FLOOD_MESSAGES,
				FLOOD_MESSAGE_SIZE)) {
			// let the stalled readers' echoes pile up, during and after the first-frame hold
			Thread.sleep(500);
			for (int i = 0; i < HONEST_CLIENTS; i++) {
				honestMillis.add(honestEchoes(echo, honestClient, i));
			}
			long silentStart = System.nanoTime();
			try (RawWebSocket silent = RawWebSocket.connect(echo, Duration.ofSeconds(10))) {
				assertThat(silent.awaitClose(Duration.ofSeconds(10))).as("close code for the silent client").isEqualTo(1008);
			}
			long silentMillis = Duration.ofNanos(System.nanoTime() - silentStart).toMillis();
			assertThat(Duration.ofMillis(silentMillis)).as("the handshake timeout closes the silent client on time")
				.isLessThan(HANDSHAKE_TIMEOUT.plusMillis(1500));
			List<Integer> closeCodes = readers.awaitClosedByServer(Duration.ofSeconds(30));
			assertThat(closeCodes).as("close codes of the stalled readers")
				.allSatisfy((code) -> assertThat(code).isIn(4500, RawWebSocket.NO_CLOSE_FRAME));
			return new Figures(honestMillis, silentMillis, maxBuffered.get(), closeCodes);
		}
		finally {
			sampler.interrupt();
		}
	}

	/** One honest client's handshake and echoes; returns how long they took, in milliseconds. */
	private static long honestEchoes(URI echo, WebSocketClient client, int index) throws Exception {
		long start = System.nanoTime();
		Collector collector = new Collector();
		WebSocketSession session = client.execute(collector, null, echo).get(HONEST_BOUND.toMillis(), TimeUnit.MILLISECONDS);
		byte[] message = new byte[16 * 1024];
		for (int n = 0; n < HONEST_ECHOES; n++) {
			Arrays.fill(message, (byte) n);
			session.sendMessage(new BinaryMessage(message.clone()));
		}
		for (int n = 0; n < HONEST_ECHOES; n++) {
			Arrays.fill(message, (byte) n);
			long left = Math.max(1, HONEST_BOUND.toNanos() - (System.nanoTime() - start));
			WebSocketMessage<?> echoed = collector.messages.poll(left, TimeUnit.NANOSECONDS);
			assertThat(echoed).as("echo %d of honest client %d within %s", n, index, HONEST_BOUND).isNotNull();
			assertThat(bytes(echoed)).as("echo %d of honest client %d", n, index).isEqualTo(message);
		}
		session.close();
		return Duration.ofNanos(System.nanoTime() - start).toMillis();
	}

	private static byte[] bytes(WebSocketMessage<?> message) {
		if (message instanceof TextMessage text) {
			return text.asBytes();
		}
		ByteBuffer payload = ((BinaryMessage) message).getPayload().duplicate();
		byte[] bytes = new byte[payload.remaining()];
		payload.get(bytes);
		return bytes;
	}

	/**
	 * What one run measured.
	 *
	 * @param honestMillis each honest client's handshake and echoes, in milliseconds
	 * @param silentMillis how long the silent client waited for its close
	 * @param maxBufferedBytes the most the server buffered for its peers at once
	 * @param readerCloseCodes how the server closed each stalled reader
	 */
	public record Figures(List<Long> honestMillis, long silentMillis, long maxBufferedBytes,
			List<Integer> readerCloseCodes) {

		@Override
		public String toString() {
			return String.format("%d stalled readers x %d messages of %d bytes; honest clients (handshake + %d echoes "
					+ "of 16 KiB): %s ms; silent client closed after %d ms (timeout %d ms); most bytes buffered at once: "
					+ "%d; readers closed with %s", STALLED_READERS, FLOOD_MESSAGES, FLOOD_MESSAGE_SIZE, HONEST_ECHOES,
					this.honestMillis, this.silentMillis, HANDSHAKE_TIMEOUT.toMillis(), this.maxBufferedBytes,
					this.readerCloseCodes);
		}

	}

	private static final class Collector extends AbstractWebSocketHandler {

		final BlockingQueue<WebSocketMessage<?>> messages = new LinkedBlockingQueue<>();

		@Override
		public void handleMessage(WebSocketSession session, WebSocketMessage<?> message) {
			this.messages.add(message);
		}

	}

}
