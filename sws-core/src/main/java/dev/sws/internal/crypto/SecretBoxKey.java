package dev.sws.internal.crypto;

import org.jspecify.annotations.Nullable;

import dev.sws.crypto.RandomSource;

/**
 * A 32-byte XSalsa20-Poly1305 secretbox key, sealing and opening in libsodium's "easy" format:
 * tag(16) || ciphertext, exactly one SWS data frame.
 */
public final class SecretBoxKey {

	/** Length of the key, in bytes. */
	public static final int LENGTH = 32;

	/** Bytes a secretbox adds to its plaintext (the Poly1305 tag). */
	public static final int OVERHEAD = 16;

	private final byte[] key;

	private SecretBoxKey(byte[] key) {
		this.key = key;
	}

	/**
	 * Wraps raw key bytes.
	 * @param key 32 bytes (copied)
	 * @return the key
	 * @throws IllegalArgumentException if the length is wrong
	 */
	public static SecretBoxKey of(byte[] key) {
		if (key.length != LENGTH) {
			throw new IllegalArgumentException("A secretbox key has 32 bytes, not " + key.length);
		}
		return new SecretBoxKey(key.clone());
	}

	/**
	 * Draws a fresh random key.
	 * @param random the source
	 * @return the key
	 */
	public static SecretBoxKey random(RandomSource random) {
		return new SecretBoxKey(random.bytes(LENGTH));
	}

	/**
	 * Encrypts {@code plaintext} under a 24-byte nonce.
	 * @param plaintext the message
	 * @param nonce24 the expanded nonce
	 * @return tag(16) || ciphertext
	 */
	public byte[] seal(byte[] plaintext, byte[] nonce24) {
		byte[] out = new byte[plaintext.length + OVERHEAD];
		if (SodiumLibrary.get().crypto_secretbox_easy(out, plaintext, plaintext.length, nonce24, this.key) != 0) {
			throw new IllegalStateException("crypto_secretbox_easy failed");
		}
		return out;
	}

	/**
	 * Decrypts and authenticates a frame.
	 * @param frame tag(16) || ciphertext
	 * @param nonce24 the expanded nonce
	 * @return the plaintext, or {@code null} if the frame is shorter than a tag or does not
	 * authenticate
	 */
	public byte @Nullable [] open(byte[] frame, byte[] nonce24) {
		if (frame.length < OVERHEAD) {
			return null;
		}
		byte[] out = new byte[frame.length - OVERHEAD];
		if (SodiumLibrary.get().crypto_secretbox_open_easy(out, frame, frame.length, nonce24, this.key) != 0) {
			return null;
		}
		return out;
	}

	/**
	 * Copies the raw key: it travels inside the handshake box to the peer.
	 * @return a copy of the 32 bytes
	 */
	public byte[] exportKey() {
		return this.key.clone();
	}

	@Override
	public String toString() {
		return "SecretBoxKey[hidden]";
	}

}
