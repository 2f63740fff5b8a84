package dev.sws.internal.crypto;

import org.jspecify.annotations.Nullable;

/**
 * The ChaCha20-Poly1305 AEAD of RFC 8439 (libsodium's "IETF" variant, 96-bit nonce), in the
 * combined format: ciphertext || 16-byte tag.
 *
 * <p>Both directions allocate exactly one array, the result; nothing is copied in Java on the
 * way. A message may hold up to 2^38 - 64 bytes, more than a Java array. Decryption reports a
 * failure by returning {@code null}, so that the hot path needs no exception.
 */
public final class ChaCha20Poly1305 {

	/** Length of a key, in bytes. */
	public static final int KEY_LENGTH = 32;

	/** Length of a nonce, in bytes. */
	public static final int NONCE_LENGTH = 12;

	/** Length of the authentication tag, in bytes. */
	public static final int TAG_LENGTH = 16;

	/** These functions as a stateless {@link Aead}, which any number of keys and threads may share. */
	public static final Aead AEAD = new Aead() {

		@Override
		public byte[] encrypt(byte[] key, byte[] nonce, byte[] ad, byte[] plaintext) {
			return ChaCha20Poly1305.encrypt(key, nonce, ad, plaintext);
		}

		@Override
		public byte @Nullable [] decrypt(byte[] key, byte[] nonce, byte[] ad, byte[] ciphertext) {
			return ChaCha20Poly1305.decrypt(key, nonce, ad, ciphertext);
		}

	};

	private ChaCha20Poly1305() {
	}

	/**
	 * Encrypts and authenticates {@code plaintext}, and authenticates {@code ad}.
	 * @param key 32 bytes
	 * @param nonce 12 bytes, never reused with the same key
	 * @param ad the associated data (may be empty)
	 * @param plaintext the message (may be empty)
	 * @return ciphertext || tag, {@code plaintext.length + 16} bytes
	 * @throws IllegalArgumentException if the key or nonce length is wrong
	 */
	public static byte[] encrypt(byte[] key, byte[] nonce, byte[] ad, byte[] plaintext) {
		AeadArguments.check(key, nonce, KEY_LENGTH, NONCE_LENGTH);
		byte[] out = new byte[plaintext.length + TAG_LENGTH];
		if (SodiumLibrary.get()
			.crypto_aead_chacha20poly1305_ietf_encrypt(out, null, plaintext, plaintext.length, ad, ad.length, null,
					nonce, key) != 0) {
			throw new IllegalStateException("crypto_aead_chacha20poly1305_ietf_encrypt failed");
		}
		return out;
	}

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
	public static byte @Nullable [] decrypt(byte[] key, byte[] nonce, byte[] ad, byte[] ciphertext) {
		AeadArguments.check(key, nonce, KEY_LENGTH, NONCE_LENGTH);
		if (ciphertext.length < TAG_LENGTH) {
			return null;
		}
		byte[] out = new byte[ciphertext.length - TAG_LENGTH];
		if (SodiumLibrary.get()
			.crypto_aead_chacha20poly1305_ietf_decrypt(out, null, null, ciphertext, ciphertext.length, ad, ad.length,
					nonce, key) != 0) {
			return null;
		}
		return out;
	}

}
