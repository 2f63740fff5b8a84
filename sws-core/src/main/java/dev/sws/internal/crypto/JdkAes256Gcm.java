package dev.sws.internal.crypto;

import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

/**
 * The same AES-256-GCM as {@link Aes256Gcm}, byte for byte, computed by the JDK's provider,
 * whose AES-NI and CLMUL intrinsics seal and open 2-3 times as fast as libsodium's on the
 * machines we measured (docs/performance.md); the wire does not change. It is used only where
 * {@link Aes256Gcm#isAvailable()}: the CPU has hardware AES, which the JDK's intrinsics use, so no
 * table-based AES runs. One {@code Cipher} per thread, initialised afresh for every message.
 */
public final class JdkAes256Gcm {

	private static final ThreadLocal<Cipher> CIPHER = ThreadLocal.withInitial(JdkAes256Gcm::newCipher);

	private JdkAes256Gcm() {
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
		AeadArguments.check(key, nonce, Aes256Gcm.KEY_LENGTH, Aes256Gcm.NONCE_LENGTH);
		try {
			try {
				return run(CIPHER.get(), Cipher.ENCRYPT_MODE, key, nonce, ad, plaintext);
			}
			catch (InvalidAlgorithmParameterException ex) {
				// the JDK refuses to encrypt twice in a row with one key and nonce on one Cipher; only
				// fixed test vectors do that (a session never reuses a nonce): a fresh Cipher does it
				Cipher fresh = newCipher();
				CIPHER.set(fresh);
				return run(fresh, Cipher.ENCRYPT_MODE, key, nonce, ad, plaintext);
			}
		}
		catch (GeneralSecurityException ex) {
			throw failed(ex);
		}
	}

	/**
	 * Checks and decrypts what {@link #encrypt} (or {@link Aes256Gcm#encrypt}) produced.
	 * @param key 32 bytes
	 * @param nonce the 12-byte nonce it was encrypted under
	 * @param ad the associated data it was encrypted with
	 * @param ciphertext ciphertext || tag
	 * @return the plaintext, or {@code null} if the input is shorter than a tag or does not
	 * authenticate
	 * @throws IllegalArgumentException if the key or nonce length is wrong
	 */
	public static byte @Nullable [] decrypt(byte[] key, byte[] nonce, byte[] ad, byte[] ciphertext) {
		AeadArguments.check(key, nonce, Aes256Gcm.KEY_LENGTH, Aes256Gcm.NONCE_LENGTH);
		if (ciphertext.length < Aes256Gcm.TAG_LENGTH) {
			return null;
		}
		try {
			return run(CIPHER.get(), Cipher.DECRYPT_MODE, key, nonce, ad, ciphertext);
		}
		catch (AEADBadTagException ex) {
			return null;
		}
		catch (GeneralSecurityException ex) {
			throw failed(ex);
		}
	}

	/** Initialises {@code cipher} for one message, then encrypts or decrypts it. */
	private static byte[] run(Cipher cipher, int mode, byte[] key, byte[] nonce, byte[] ad, byte[] input)
			throws GeneralSecurityException {
		cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(Aes256Gcm.TAG_LENGTH * 8, nonce));
		cipher.updateAAD(ad);
		return cipher.doFinal(input);
	}

	private static IllegalStateException failed(GeneralSecurityException ex) {
		return new IllegalStateException("The JDK's AES/GCM/NoPadding failed", ex);
	}

	private static Cipher newCipher() {
		try {
			return Cipher.getInstance("AES/GCM/NoPadding");
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("The JDK offers no AES/GCM/NoPadding", ex);
		}
	}

}
