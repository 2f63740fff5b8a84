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
 * (SPEC W4), reusing a Poly1305 one-time key.
 *
 * <p>The cache is bounded in both time and size: entries older than the window are forgotten, and
 * beyond {@code maxEntries} the oldest entry is evicted. A replay is therefore caught if it arrives
 * within the window and fewer than {@code maxEntries} handshakes later. Honest clients draw a fresh
 * 64-bit nonce per connection, so they never collide in practice. Thread-safe.
 */
public final class ClientHelloReplayCache {

	/** Default window: 10 minutes. */
	public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(10);

	/** Default size: 100,000 entries (about 10 MB at most). */
	public static final int DEFAULT_MAX_ENTRIES = 100_000;

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
	 * @param maxEntries how many entries are remembered at most
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
	 * Records a ClientHello and tells whether it is new.
	 * @param clientPublicKey the 32-byte client key
	 * @param nonce the 8-byte client nonce
	 * @return {@code true} the first time, {@code false} for a replay within the window
	 */
	public boolean firstSeen(byte[] clientPublicKey, byte[] nonce) {
		ByteBuffer key = ByteBuffer.allocate(clientPublicKey.length + nonce.length).put(clientPublicKey).put(nonce).flip();
		long now = this.clock.millis();
		synchronized (this.seen) {
			expire(now);
			if (this.seen.containsKey(key)) {
				return false;
			}
			this.seen.put(key, now);
			if (this.seen.size() > this.maxEntries) {
				Iterator<?> oldest = this.seen.keySet().iterator();
				oldest.next();
				oldest.remove();
			}
			return true;
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
