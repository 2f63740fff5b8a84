package dev.sws.internal.crypto;

import org.jspecify.annotations.Nullable;

/**
 * An AEAD with a 32-byte key, a 12-byte nonce and a 16-byte tag, in the combined format
 * (ciphertext || tag), as a Noise cipher state uses it: {@link ChaCha20Poly1305#AEAD} (stateless,
 * shared) or a {@link JdkAes256Gcm} per key.
 */
public interface Aead {

	/**
	 * Encrypts and authenticates {@code plaintext}, and authenticates {@code ad}.
	 * @param key 32 bytes
	 * @param nonce 12 bytes, never reused with the same key
	 * @param ad the associated data (may be empty)
	 * @param plaintext the message (may be empty)
	 * @return ciphertext || tag
	 * @throws IllegalArgumentException if the key or nonce length is wrong
	 */
	byte[] encrypt(byte[] key, byte[] nonce, byte[] ad, byte[] plaintext);

	/**
	 * Checks and decrypts what {@link #encrypt} produced.
	 * @param key 32 bytes
	 * @param nonce the 12-byte nonce it was encrypted under
	 * @param ad the associated data it was encrypted with
	 * @param ciphertext ciphertext || tag
	 * @return the plaintext, or {@code null} if the input is shorter than a tag or does not
	 * authenticate
	 * @throws IllegalArgumentException if the key or nonce length is wrong
	 */
	byte @Nullable [] decrypt(byte[] key, byte[] nonce, byte[] ad, byte[] ciphertext);

	/** Forgets any key material this AEAD keeps between calls; a no-op for stateless ones. */
	default void destroy() {
	}

}
