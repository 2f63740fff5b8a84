package dev.sws.bench;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.SplittableRandom;

import dev.sws.protocol.ClientHelloReplayCache;

/**
 * The heap a full ClientHello replay cache holds ({@code ./sws-bench replay-cache [entries]},
 * 100,000 by default): fills a cache with that many random (key, nonce) pairs and compares the
 * used heap after garbage collection before and after. No object-layout library: this is what the
 * JVM running it really spends, table and boxing included.
 */
public final class ReplayCacheMemory {

	private static final int KEY_LENGTH = 32;

	private static final int NONCE_LENGTH = 8;

	private ReplayCacheMemory() {
	}

	/**
	 * Measures and prints.
	 * @param args the number of entries, optionally
	 * @throws InterruptedException if interrupted while waiting for the collector
	 */
	public static void main(String[] args) throws InterruptedException {
		int entries = (args.length > 0) ? Integer.parseInt(args[0]) : ClientHelloReplayCache.DEFAULT_MAX_ENTRIES;
		SplittableRandom random = new SplittableRandom(1);
		long before = usedHeapAfterGc();
		ClientHelloReplayCache cache = new ClientHelloReplayCache(Duration.ofDays(1), entries, Clock.systemUTC());
		byte[] key = new byte[KEY_LENGTH];
		byte[] nonce = new byte[NONCE_LENGTH];
		for (int i = 0; i < entries; i++) {
			random.nextBytes(key);
			random.nextBytes(nonce);
			cache.record(key, nonce);
		}
		long after = usedHeapAfterGc();
		System.out.printf("%,d entries: %,d bytes of heap, %.0f bytes per entry (%s)%n", cache.size(), after - before,
				(after - before) / (double) cache.size(), System.getProperty("java.vm.name") + " "
						+ System.getProperty("java.version"));
	}

	private static long usedHeapAfterGc() throws InterruptedException {
		for (int i = 0; i < 3; i++) {
			System.gc();
			Thread.sleep(200);
		}
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

}
