package dev.sws.internal.crypto;

import org.jspecify.annotations.Nullable;

/**
 * The AES-256-GCM AEAD (NIST SP 800-38D, 96-bit nonce, 128-bit tag), in the combined format:
 * ciphertext || 16-byte tag.
 *
 * <p>libsodium implements it only with hardware support (AES-NI and CLMUL on x86-64, the
 * cryptography extensions on ARMv8), since a table-based AES in software leaks the key through
 * cache timing. {@link #isAvailable()} tells; without it every other method throws
 * {@link IllegalStateException}. Both directions allocate exactly one array, the result. A message
 * may hold up to 2^36 - 32 bytes, more than a Java array. Decryption reports a failure by
 * returning {@code null}.
 */
public final class Aes256Gcm {

	/** Length of a key, in bytes. */
	public static final int KEY_LENGTH = 32;

	/** Length of a nonce, in bytes. */
	public static final int NONCE_LENGTH = 12;

	/** Length of the authentication tag, in bytes. */
	public static final int TAG_LENGTH = 16;

	private static volatile @Nullable Boolean available;

	private Aes256Gcm() {
	}

	/**
	 * Tells whether this CPU has what libsodium needs for AES-256-GCM
	 * ({@code crypto_aead_aes256gcm_is_available}).
	 * @return {@code true} if the other methods may be used
	 */
	public static boolean isAvailable() {
		Boolean available = Aes256Gcm.available;
		if (available == null) {
			available = SodiumLibrary.get().crypto_aead_aes256gcm_is_available() == 1;
			Aes256Gcm.available = available;
		}
		return available;
	}

	/**
	 * Encrypts and authenticates {@code plaintext}, and authenticates {@code ad}.
	 * @param key 32 bytes
	 * @param nonce 12 bytes, never reused with the same key
	 * @param ad the associated data (may be empty)
	 * @param plaintext the message (may be empty)
	 * @return ciphertext || tag, {@code plaintext.length + 16} bytes
	 * @throws IllegalArgumentException if the key or nonce length is wrong
	 * @throws IllegalStateException if AES-256-GCM is not available on this CPU
	 */
	public static byte[] encrypt(byte[] key, byte[] nonce, byte[] ad, byte[] plaintext) {
		requireAvailable();
		AeadArguments.check(key, nonce, KEY_LENGTH, NONCE_LENGTH);
		byte[] out = new byte[plaintext.length + TAG_LENGTH];
		if (SodiumLibrary.get()
			.crypto_aead_aes256gcm_encrypt(out, null, plaintext, plaintext.length, ad, ad.length, null, nonce,
					key) != 0) {
			throw new IllegalStateException("crypto_aead_aes256gcm_encrypt failed");
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
	 * @throws IllegalStateException if AES-256-GCM is not available on this CPU
	 */
	public static byte @Nullable [] decrypt(byte[] key, byte[] nonce, byte[] ad, byte[] ciphertext) {
		requireAvailable();
		AeadArguments.check(key, nonce, KEY_LENGTH, NONCE_LENGTH);
		if (ciphertext.length < TAG_LENGTH) {
			return null;
		}
		byte[] out = new byte[ciphertext.length - TAG_LENGTH];
		if (SodiumLibrary.get()
			.crypto_aead_aes256gcm_decrypt(out, null, null, ciphertext, ciphertext.length, ad, ad.length, nonce,
					key) != 0) {
			return null;
		}
		return out;
	}

	private static void requireAvailable() {
		if (!isAvailable()) {
			throw new IllegalStateException("AES-256-GCM is not available: libsodium needs AES-NI and CLMUL (x86-64) "
					+ "or the ARMv8 cryptography extensions, which this CPU ("
					+ System.getProperty("os.arch") + ") does not report; use ChaCha20-Poly1305");
		}
	}

}
