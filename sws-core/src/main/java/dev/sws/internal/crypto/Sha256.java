package dev.sws.internal.crypto;


/**
 * SHA-256 (FIPS 180-4) through libsodium's {@code crypto_hash_sha256}.
 */
public final class Sha256 {

	/** Length of a digest, in bytes. */
	public static final int LENGTH = 32;

	private Sha256() {
	}

	/**
	 * Hashes {@code data}.
	 * @param data the input (may be empty)
	 * @return the 32-byte digest
	 */
	public static byte[] hash(byte[] data) {
		byte[] out = new byte[LENGTH];
		if (SodiumLibrary.get().crypto_hash_sha256(out, data, data.length) != 0) {
			throw new IllegalStateException("crypto_hash_sha256 failed");
		}
		return out;
	}

}
