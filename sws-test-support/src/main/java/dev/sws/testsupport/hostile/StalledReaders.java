package dev.sws.testsupport.hostile;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.sws.cert.NaclCert;

/**
 * The stalled-reader attack (issue 14) on an SWS echo endpoint: each reader completes an honest
 * handshake over a socket with a 4 KB receive buffer, stops reading, and sends a flood of large
 * messages right behind its ClientReady, so that the echoes pile up during the server's first-frame
 * hold and every write to the reader blocks. The server must close each reader (4500) within its
 * outbound limits, and nobody else may notice.
 */
public final class StalledReaders implements AutoCloseable {

	private final List<HostileClient> readers = new ArrayList<>();

	/** Per reader: completes with {@code true} once the server closed the connection under its flood. */
	private final List<Future<Boolean>> floods = new ArrayList<>();

	private final ExecutorService flooders;

	private StalledReaders(int count) {
		this.flooders = Executors.newFixedThreadPool(count, (task) -> {
			Thread thread = new Thread(task, "stalled-reader");
			thread.setDaemon(true);
			return thread;
		});
	}

	/**
	 * Starts the attack and returns once every reader has its ServerHello and its flood is on its
	 * way.
	 * @param echo the echo endpoint's URI
	 * @param version the SWS version the readers speak (1, or 2 without a client certificate)
	 * @param count how many readers
	 * @param messages how many messages each sends
	 * @param messageSize the size of each message
	 * @return the attack, to close when done
	 * @throws IOException if a reader cannot connect or complete its handshake
	 */
	public static StalledReaders flood(URI echo, int version, int count, int messages, int messageSize)
			throws IOException {
		StalledReaders attack = new StalledReaders(count);
		try {
			for (int i = 0; i < count; i++) {
				HostileClient reader = HostileClient.connectToStopReading(echo, version);
				attack.readers.add(reader);
				reader.sws.open(reader.helloAndAnswer());
				String ready = reader.sws.ready((NaclCert) null);
				List<byte[]> sealed = new ArrayList<>();
				for (int n = 0; n < messages; n++) {
					sealed.add(reader.sws.channel().seal(new byte[messageSize]));
				}
				attack.floods.add(attack.flooders.submit(() -> send(reader, ready, sealed)));
			}
			return attack;
		}
		catch (IOException | RuntimeException ex) {
			attack.close();
			throw ex;
		}
	}

	/**
	 * Completes the handshake and sends the flood right behind it. Once the server stops reading,
	 * the writes block too, until the server closes the connection and a write fails.
	 * @return {@code true} if the server closed the connection, {@code false} if the whole flood
	 * went through
	 */
	private static boolean send(HostileClient reader, String ready, List<byte[]> sealed) {
		try {
			reader.ws.sendText(ready);
			for (byte[] frame : sealed) {
				reader.ws.sendBinary(frame);
			}
			return false;
		}
		catch (IOException ex) {
			return true;
		}
	}

	/**
	 * Waits, without reading (reading would let the server's writes through), until the server has
	 * closed every reader's connection under its flood, then reads what each was sent up to the
	 * server's close frame and returns the close codes.
	 * @param timeout how long to wait for all of them
	 * @return one close code per reader ({@link RawWebSocket#NO_CLOSE_FRAME} where the server
	 * ended the connection without a close frame it could write)
	 * @throws Exception if a reader was not closed in time, or its whole flood went through
	 */
	public List<Integer> awaitClosedByServer(Duration timeout) throws Exception {
		long deadline = System.nanoTime() + timeout.toNanos();
		for (Future<Boolean> flood : this.floods) {
			long left = Math.max(1, deadline - System.nanoTime());
			if (!flood.get(left, TimeUnit.NANOSECONDS)) {
				throw new IllegalStateException("The server read a stalled reader's whole flood and kept it open");
			}
		}
		List<Integer> codes = new ArrayList<>();
		for (HostileClient reader : this.readers) {
			codes.add(reader.ws.awaitClose(Duration.ofSeconds(10)));
		}
		return codes;
	}

	/**
	 * Returns the number of readers.
	 * @return the count
	 */
	public int size() {
		return this.readers.size();
	}

	/** Stops the flood and closes every reader's socket. */
	@Override
	public void close() {
		this.flooders.shutdownNow();
		this.readers.forEach(HostileClient::close);
		try {
			this.flooders.awaitTermination(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
