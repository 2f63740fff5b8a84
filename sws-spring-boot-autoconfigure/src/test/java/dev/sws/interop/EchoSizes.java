package dev.sws.interop;

import java.util.SplittableRandom;

/**
 * The message sizes of the echo tests, the same sequence as {@code echoSize} in
 * {@code interop-driver.js}: 0 B and 1 B every 50 messages, 64 KiB and 1 MiB every 200, and
 * pseudo-random sizes below 4 KiB in between. 1000 messages carry about 7.2 MiB.
 */
final class EchoSizes {

	/** How many messages each echo test sends. */
	static final int COUNT = 1000;

	private EchoSizes() {
	}

	static int of(int index) {
		if (index % 200 == 0) {
			return 1024 * 1024;
		}
		if (index % 200 == 100) {
			return 64 * 1024;
		}
		if (index % 50 == 1) {
			return 0;
		}
		if (index % 50 == 2) {
			return 1;
		}
		return (index * 2481) % 4096;
	}

	/** Random content for message {@code index}. */
	static byte[] payload(int index, SplittableRandom random) {
		byte[] payload = new byte[of(index)];
		random.nextBytes(payload);
		return payload;
	}

}
