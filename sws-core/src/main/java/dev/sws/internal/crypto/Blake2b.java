package dev.sws.internal.crypto;


/**
 * BLAKE2b-512 (RFC 7693, unkeyed, 64-byte output) through libsodium's {@code crypto_generichash}.
 */
public final class Blake2b {

	/** Length of a BLAKE2b-512 digest, in bytes. */
	public static final int LENGTH = 64;

	private Blake2b() {
	}

	/**
	 * Hashes {@code data} with BLAKE2b-512, without a key.
	 * @param data the input (may be empty)
	 * @return the 64-byte digest
	 */
	public static byte[] hash512(byte[] data) {
		byte[] out = new byte[LENGTH];
		if (SodiumLibrary.get().crypto_generichash(out, LENGTH, data, data.length, null, 0) != 0) {
			throw new IllegalStateException("crypto_generichash failed");
		}
		return out;
	}

}
