package dev.sws.internal.crypto;

import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.Provider;

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
 * table-based AES runs.
 *
 * <p>An instance owns one {@code Cipher}, created on first use and initialised afresh for every
 * message. Give each key its own instance (a Noise cipher state does): the provider expands an
 * AES key only when the key differs from the one its {@code Cipher} saw last, and that expansion
 * costs several times a whole 64-byte message, so one {@code Cipher} shared by the two directions
 * of a session (two keys, alternating) would pay it on every message. Not thread-safe: one thread
 * at a time per instance.
 */
public final class JdkAes256Gcm implements Aead {

	private static final String TRANSFORMATION = "AES/GCM/NoPadding";

	private static final byte[] ZERO_KEY = new byte[Aes256Gcm.KEY_LENGTH];

	private @Nullable Cipher cipher;

	/**
	 * Encrypts and authenticates {@code plaintext}, and authenticates {@code ad}.
	 * @param key 32 bytes
	 * @param nonce 12 bytes, never reused with the same key
	 * @param ad the associated data (may be empty)
	 * @param plaintext the message (may be empty)
	 * @return ciphertext || tag, {@code plaintext.length + 16} bytes
	 * @throws IllegalArgumentException if the key or nonce length is wrong
	 */
	@Override
	public byte[] encrypt(byte[] key, byte[] nonce, byte[] ad, byte[] plaintext) {
		AeadArguments.check(key, nonce, Aes256Gcm.KEY_LENGTH, Aes256Gcm.NONCE_LENGTH);
		try {
			try {
				return run(cipher(), Cipher.ENCRYPT_MODE, key, nonce, ad, plaintext);
			}
			catch (InvalidAlgorithmParameterException ex) {
				// the JDK refuses to encrypt twice in a row with one key and nonce on one Cipher; only
				// fixed test vectors do that (a session never reuses a nonce): a fresh Cipher does it
				Cipher fresh = newCipher();
				this.cipher = fresh;
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
	@Override
	public byte @Nullable [] decrypt(byte[] key, byte[] nonce, byte[] ad, byte[] ciphertext) {
		AeadArguments.check(key, nonce, Aes256Gcm.KEY_LENGTH, Aes256Gcm.NONCE_LENGTH);
		if (ciphertext.length < Aes256Gcm.TAG_LENGTH) {
			return null;
		}
		try {
			return run(cipher(), Cipher.DECRYPT_MODE, key, nonce, ad, ciphertext);
		}
		catch (AEADBadTagException ex) {
			return null;
		}
		catch (GeneralSecurityException ex) {
			throw failed(ex);
		}
	}

	/**
	 * Re-initialises the {@code Cipher} with an all-zero key, so that it no longer refers to the
	 * last key or its expansion (the provider offers no way to wipe them), and lets it go; the next
	 * use starts a fresh one.
	 */
	@Override
	public void destroy() {
		Cipher used = this.cipher;
		this.cipher = null;
		if (used != null) {
			try {
				init(used, Cipher.DECRYPT_MODE, ZERO_KEY, new byte[Aes256Gcm.NONCE_LENGTH]);
			}
			catch (GeneralSecurityException ex) {
				// nothing more can be done; the Cipher is unreachable from here on
			}
		}
	}

	private Cipher cipher() {
		Cipher current = this.cipher;
		if (current == null) {
			current = newCipher();
			this.cipher = current;
		}
		return current;
	}

	/** Initialises {@code cipher} for one message, then encrypts or decrypts it. */
	private static byte[] run(Cipher cipher, int mode, byte[] key, byte[] nonce, byte[] ad, byte[] input)
			throws GeneralSecurityException {
		init(cipher, mode, key, nonce);
		cipher.updateAAD(ad);
		return cipher.doFinal(input);
	}

	private static void init(Cipher cipher, int mode, byte[] key, byte[] nonce) throws GeneralSecurityException {
		cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(Aes256Gcm.TAG_LENGTH * 8, nonce));
	}

	private static IllegalStateException failed(GeneralSecurityException ex) {
		return new IllegalStateException("The JDK's " + TRANSFORMATION + " failed", ex);
	}

	/**
	 * A new {@code Cipher} from the provider the JDK chose for the first one: naming the provider
	 * skips the search through the provider list, which costs several times the rest of
	 * {@code getInstance} (a v3 handshake creates one or two).
	 */
	private static Cipher newCipher() {
		return getInstance(ProviderHolder.PROVIDER);
	}

	/** {@code Cipher.getInstance} from {@code provider}, or from the JDK's choice if {@code null}. */
	private static Cipher getInstance(@Nullable Provider provider) {
		try {
			return (provider != null) ? Cipher.getInstance(TRANSFORMATION, provider) : Cipher.getInstance(TRANSFORMATION);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("The JDK offers no " + TRANSFORMATION, ex);
		}
	}

	/** The provider of {@value #TRANSFORMATION}, looked up on first use. */
	private static final class ProviderHolder {

		static final Provider PROVIDER = getInstance(null).getProvider();

	}

}
