package dev.sws.internal.noise;

import java.util.Arrays;

import dev.sws.internal.crypto.Aead;

/**
 * The CipherState of Noise section 5.1: a key {@code k} (possibly empty) and a 64-bit nonce
 * counter {@code n}. After a handshake, {@link CipherStatePair} holds one per direction; each
 * transport message is {@code ENCRYPT(k, n++, ad, plaintext)}, ciphertext || 16-byte tag.
 *
 * <p>The nonce 2^64 - 1 is reserved (Noise section 5.1, and {@link #rekey()} uses it): an encryption
 * or decryption at that value fails with {@link NoiseFailure#COUNTER_EXHAUSTED} before touching
 * the cipher, so the counter never wraps. A message may be longer than Noise's 65,535 bytes:
 * the AEADs allow far more (see {@code docs/protocol/sws-v3.md}), and the transport that carries it
 * frames it.
 *
 * <p>Not thread-safe: one thread at a time per instance, in wire order (a sender holds its send
 * lock around encryption and sending). Encryption allocates only its result. {@link #toString()}
 * never shows the key; {@link #destroy()} zeroes it.
 */
public final class CipherState {

	/** The reserved nonce 2^64 - 1, as a Java {@code long}. */
	static final long MAX_NONCE = -1L;

	private static final byte[] EMPTY = new byte[0];

	private final NoiseCipher cipher;

	private final Aead aead;

	private final byte[] key = new byte[NoiseCipher.KEY_LENGTH];

	private final byte[] nonce = new byte[NoiseCipher.NONCE_LENGTH];

	private boolean hasKey;

	private boolean destroyed;

	private long n;

	CipherState(NoiseCipher cipher) {
		this.cipher = cipher;
		this.aead = cipher.newAead();
	}

	/**
	 * {@code InitializeKey(key)}: sets the key (copied) and {@code n = 0}.
	 * @param key 32 bytes
	 */
	void initializeKey(byte[] key) {
		if (key.length != NoiseCipher.KEY_LENGTH) {
			throw new IllegalArgumentException("A Noise cipher key has 32 bytes, not " + key.length);
		}
		requireUsable();
		System.arraycopy(key, 0, this.key, 0, NoiseCipher.KEY_LENGTH);
		this.hasKey = true;
		this.n = 0;
	}

	/**
	 * {@code HasKey()}.
	 * @return {@code true} once a key was set
	 */
	public boolean hasKey() {
		return this.hasKey;
	}

	/**
	 * Returns the cipher.
	 * @return the cipher
	 */
	public NoiseCipher getCipher() {
		return this.cipher;
	}

	/**
	 * Returns {@code n}, the nonce of the next message.
	 * @return the unsigned 64-bit counter (compare with {@link Long#compareUnsigned})
	 */
	public long getNonce() {
		return this.n;
	}

	/**
	 * {@code SetNonce(n)}, for tests of the counter's end and for recovering a state.
	 * @param n the unsigned 64-bit counter
	 */
	public void setNonce(long n) {
		this.n = n;
	}

	/**
	 * Encrypts a transport message: {@code EncryptWithAd(empty, plaintext)}.
	 * @param plaintext the message (may be empty, may exceed 65,535 bytes)
	 * @return ciphertext || tag, {@code plaintext.length + 16} bytes
	 * @throws NoiseException {@link NoiseFailure#COUNTER_EXHAUSTED} if {@code n} is 2^64 - 1,
	 * {@link NoiseFailure#WRONG_STATE} if the state has no key or was destroyed
	 */
	public byte[] encrypt(byte[] plaintext) {
		requireKey();
		return encryptWithAd(EMPTY, plaintext);
	}

	/**
	 * Decrypts a transport message: {@code DecryptWithAd(empty, ciphertext)}.
	 * @param ciphertext ciphertext || tag
	 * @return the plaintext
	 * @throws NoiseException {@link NoiseFailure#DECRYPT_FAILED} if it does not authenticate
	 * ({@code n} does not advance), {@link NoiseFailure#MALFORMED} if it is shorter than a tag,
	 * {@link NoiseFailure#COUNTER_EXHAUSTED} if {@code n} is 2^64 - 1,
	 * {@link NoiseFailure#WRONG_STATE} if the state has no key or was destroyed
	 */
	public byte[] decrypt(byte[] ciphertext) {
		requireKey();
		return decryptWithAd(EMPTY, ciphertext);
	}

	/**
	 * {@code EncryptWithAd(ad, plaintext)}: with a key, {@code ENCRYPT(k, n++, ad, plaintext)};
	 * without one, the plaintext (a copy).
	 * @param ad the associated data
	 * @param plaintext the plaintext
	 * @return the ciphertext
	 * @throws NoiseException {@link NoiseFailure#COUNTER_EXHAUSTED} if {@code n} is 2^64 - 1,
	 * {@link NoiseFailure#WRONG_STATE} if the state was destroyed
	 */
	public byte[] encryptWithAd(byte[] ad, byte[] plaintext) {
		requireUsable();
		if (!this.hasKey) {
			return plaintext.clone();
		}
		requireNonceLeft();
		this.cipher.writeNonce(this.n, this.nonce);
		byte[] ciphertext = this.aead.encrypt(this.key, this.nonce, ad, plaintext);
		this.n++;
		return ciphertext;
	}

	/**
	 * {@code DecryptWithAd(ad, ciphertext)}: with a key, {@code DECRYPT(k, n++, ad, ciphertext)};
	 * without one, the ciphertext (a copy). A failure leaves {@code n} unchanged.
	 * @param ad the associated data
	 * @param ciphertext the ciphertext
	 * @return the plaintext
	 * @throws NoiseException {@link NoiseFailure#DECRYPT_FAILED} if it does not authenticate,
	 * {@link NoiseFailure#MALFORMED} if it is shorter than a tag,
	 * {@link NoiseFailure#COUNTER_EXHAUSTED} if {@code n} is 2^64 - 1,
	 * {@link NoiseFailure#WRONG_STATE} if the state was destroyed
	 */
	public byte[] decryptWithAd(byte[] ad, byte[] ciphertext) {
		requireUsable();
		if (!this.hasKey) {
			return ciphertext.clone();
		}
		requireNonceLeft();
		if (ciphertext.length < NoiseCipher.TAG_LENGTH) {
			throw new NoiseException(NoiseFailure.MALFORMED,
					"A ciphertext of " + ciphertext.length + " bytes is shorter than the 16-byte tag");
		}
		this.cipher.writeNonce(this.n, this.nonce);
		byte[] plaintext = this.aead.decrypt(this.key, this.nonce, ad, ciphertext);
		if (plaintext == null) {
			throw new NoiseException(NoiseFailure.DECRYPT_FAILED,
					"A ciphertext of " + ciphertext.length + " bytes failed to authenticate at nonce "
							+ Long.toUnsignedString(this.n));
		}
		this.n++;
		return plaintext;
	}

	/**
	 * {@code Rekey()}: {@code k = REKEY(k)}, the first 32 bytes of
	 * {@code ENCRYPT(k, 2^64 - 1, empty, 32 zero bytes)} (Noise sections 4.2 and 11.3). {@code n}
	 * is unchanged. Both sides must rekey a direction after the same message.
	 * @throws NoiseException {@link NoiseFailure#WRONG_STATE} if the state has no key or was
	 * destroyed
	 */
	public void rekey() {
		requireKey();
		this.cipher.writeNonce(MAX_NONCE, this.nonce);
		byte[] next = this.aead.encrypt(this.key, this.nonce, EMPTY, new byte[NoiseCipher.KEY_LENGTH]);
		System.arraycopy(next, 0, this.key, 0, NoiseCipher.KEY_LENGTH);
		Arrays.fill(next, (byte) 0);
	}

	/**
	 * Zeroes the key. Every later operation fails with {@link NoiseFailure#WRONG_STATE}.
	 */
	public void destroy() {
		Arrays.fill(this.key, (byte) 0);
		this.aead.destroy();
		this.hasKey = false;
		this.destroyed = true;
	}

	private void requireUsable() {
		if (this.destroyed) {
			throw new NoiseException(NoiseFailure.WRONG_STATE, "The cipher state was destroyed");
		}
	}

	private void requireKey() {
		requireUsable();
		if (!this.hasKey) {
			throw new NoiseException(NoiseFailure.WRONG_STATE, "The cipher state has no key");
		}
	}

	private void requireNonceLeft() {
		if (this.n == MAX_NONCE) {
			throw new NoiseException(NoiseFailure.COUNTER_EXHAUSTED,
					"The nonce reached 2^64-1, which Noise reserves: no more messages with this key");
		}
	}

	@Override
	public String toString() {
		return "CipherState[" + this.cipher.getName() + ", " + (this.destroyed ? "destroyed"
				: (this.hasKey ? "key hidden, n=" + Long.toUnsignedString(this.n) : "no key")) + "]";
	}

}
