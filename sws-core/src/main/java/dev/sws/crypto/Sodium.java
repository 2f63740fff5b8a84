package dev.sws.crypto;

import dev.sws.internal.crypto.SodiumLibrary;

/**
 * libsodium, as SWS loads it (see {@link SodiumProvider}). The library is loaded on first use;
 * call {@link #ensureAvailable()} at start-up to fail early on a platform where it cannot be.
 */
public final class Sodium {

	private Sodium() {
	}

	/**
	 * Ensures libsodium is loaded and initialised.
	 * @throws SodiumUnavailableException if the native library cannot be loaded on this platform
	 */
	public static void ensureAvailable() {
		SodiumLibrary.get();
	}

}
