package dev.sws.crypto;

import dev.sws.internal.crypto.SodiumRandomSource;

/**
 * A source of cryptographically secure random bytes: nonces, share keys and key pairs all come
 * from here. Production code uses {@link #secure()}; tests inject a source that replays recorded
 * outputs so that transcripts can be reproduced byte for byte.
 */
@FunctionalInterface
public interface RandomSource {

	/**
	 * Fills the array with random bytes.
	 * @param bytes the array to fill
	 */
	void nextBytes(byte[] bytes);

	/**
	 * Returns {@code length} fresh random bytes.
	 * @param length how many bytes
	 * @return a new array
	 */
	default byte[] bytes(int length) {
		byte[] bytes = new byte[length];
		nextBytes(bytes);
		return bytes;
	}

	/**
	 * Returns libsodium's CSPRNG ({@code randombytes_buf}).
	 * @return the shared secure source
	 */
	static RandomSource secure() {
		return SodiumRandomSource.INSTANCE;
	}

}
