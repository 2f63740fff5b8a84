package dev.sws.internal.crypto;

/**
 * The argument checks both AEADs share: libsodium reads a fixed number of key and nonce bytes
 * whatever the array holds, so a short array must never reach it.
 */
final class AeadArguments {

	private AeadArguments() {
	}

	static void check(byte[] key, byte[] nonce, int keyLength, int nonceLength) {
		if (key.length != keyLength) {
			throw new IllegalArgumentException("An AEAD key has " + keyLength + " bytes, not " + key.length);
		}
		if (nonce.length != nonceLength) {
			throw new IllegalArgumentException("An AEAD nonce has " + nonceLength + " bytes, not " + nonce.length);
		}
	}

}
