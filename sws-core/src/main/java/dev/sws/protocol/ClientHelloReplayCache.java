package dev.sws.protocol;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers recent ClientHello (client key, nonce) pairs so that a replayed ClientHello is
 * refused: otherwise the server would box a fresh blob twice under the same key pair and nonce
 * (docs/protocol/sws-v1-v2.md W4), reusing a Poly1305 one-time key.
 *
 * <p>The cache is bounded in both time and size, and never forgets an entry early: entries are
 * forgotten once older than the window, and when {@code maxEntries} entries younger than the
 * window are held, a new ClientHello is refused as {@link Outcome#FULL} (close 1013, try again
 * later) rather than evicting one. A ClientHello replayed within the window is therefore always
 * refused, however many handshakes arrive in between. The price is availability under a flood:
 * the server accepts at most {@code maxEntries} new ClientHellos per window, about
 * {@code maxEntries / window} per second sustained. Each entry costs about 200 bytes of heap
 * ({@code ./sws-bench replay-cache} measured 186 to 199 bytes with 10,000 to 1,000,000 entries on
 * a 64-bit Java 17). Honest clients draw a fresh 64-bit nonce per connection, so they never
 * collide in practice. Thread-safe.
 *
 * <p>v1 and v2 only. A v3 message 1 is the client's ephemeral key and carries no box sealed under
 * a static key, so answering it twice reuses nothing: the server draws a fresh ephemeral key for
 * each answer, and the replayer, who lacks the client's ephemeral secret, cannot complete the
 * session (docs/protocol/sws-v3.md section 14.3). v3 handshakes neither consult nor fill the cache.
 */
public final class ClientHelloReplayCache {

	/** Default window: 10 minutes. */
	public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(10);

	/** Default size: 100,000 entries (about 20 MB when full). */
	public static final int DEFAULT_MAX_ENTRIES = 100_000;

	/** What {@link #record} found. */
	public enum Outcome {

		/** Not seen within the window: recorded, the server may answer it. */
		FIRST_SEEN,

		/** Seen within the window: a replay, never to be answered. */
		REPLAYED,

		/** Not seen, but the cache is full of entries younger than the window: not recorded, refuse it. */
		FULL

	}

	private final Duration window;

	private final int maxEntries;

	private final Clock clock;

	private final LinkedHashMap<ByteBuffer, Long> seen = new LinkedHashMap<>();

	/**
	 * Creates a cache with the default window and size.
	 */
	public ClientHelloReplayCache() {
		this(DEFAULT_WINDOW, DEFAULT_MAX_ENTRIES, Clock.systemUTC());
	}

	/**
	 * Creates a cache.
	 * @param window how long an entry is remembered
	 * @param maxEntries how many entries are remembered at most; once that many are younger than
	 * the window, new ClientHellos are refused until the oldest expires
	 * @param clock the time source
	 */
	public ClientHelloReplayCache(Duration window, int maxEntries, Clock clock) {
		if (maxEntries < 1) {
			throw new IllegalArgumentException("maxEntries must be positive");
		}
		this.window = window;
		this.maxEntries = maxEntries;
		this.clock = clock;
	}

	/**
	 * Records a ClientHello if it is new and there is room.
	 * @param clientPublicKey the 32-byte client key
	 * @param nonce the 8-byte client nonce
	 * @return {@link Outcome#FIRST_SEEN} if recorded, {@link Outcome#REPLAYED} for a replay
	 * within the window, {@link Outcome#FULL} if the cache holds {@code maxEntries} entries
	 * younger than the window
	 */
	public Outcome record(byte[] clientPublicKey, byte[] nonce) {
		ByteBuffer key = ByteBuffer.allocate(clientPublicKey.length + nonce.length).put(clientPublicKey).put(nonce).flip();
		long now = this.clock.millis();
		synchronized (this.seen) {
			expire(now);
			if (this.seen.containsKey(key)) {
				return Outcome.REPLAYED;
			}
			if (this.seen.size() >= this.maxEntries) {
				return Outcome.FULL;
			}
			this.seen.put(key, now);
			return Outcome.FIRST_SEEN;
		}
	}

	/**
	 * Returns the number of remembered entries.
	 * @return the size
	 */
	public int size() {
		synchronized (this.seen) {
			return this.seen.size();
		}
	}

	private void expire(long now) {
		long cutoff = now - this.window.toMillis();
		Iterator<Map.Entry<ByteBuffer, Long>> entries = this.seen.entrySet().iterator();
		while (entries.hasNext() && entries.next().getValue() < cutoff) {
			entries.remove();
		}
	}

}
