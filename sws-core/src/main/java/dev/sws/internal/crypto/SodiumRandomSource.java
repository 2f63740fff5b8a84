package dev.sws.internal.crypto;

import dev.sws.crypto.RandomSource;

/**
 * {@link RandomSource} backed by libsodium's {@code randombytes_buf}.
 */
public final class SodiumRandomSource implements RandomSource {

	/** The one instance. */
	public static final SodiumRandomSource INSTANCE = new SodiumRandomSource();

	private SodiumRandomSource() {
	}

	@Override
	public void nextBytes(byte[] bytes) {
		SodiumLibrary.get().randombytes_buf(bytes, bytes.length);
	}

	@Override
	public String toString() {
		return "libsodium randombytes_buf";
	}

}
