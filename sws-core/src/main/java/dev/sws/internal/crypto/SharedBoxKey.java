package dev.sws.internal.crypto;

import java.util.Arrays;

import org.jspecify.annotations.Nullable;

import dev.sws.crypto.BoxKeyPair;
import dev.sws.crypto.BoxPublicKeys;
import dev.sws.crypto.WeakKeyException;

/**
 * The precomputed box key between two X25519 key pairs ({@code crypto_box_beforenm}), used to box
 * and unbox the SWS handshake blobs in libsodium's "easy" format: tag(16) || ciphertext.
 */
public final class SharedBoxKey {

	/** Length of the precomputed key, in bytes. */
	public static final int LENGTH = 32;

	/** Bytes a box adds to its plaintext (the Poly1305 tag). */
	public static final int OVERHEAD = 16;

	private final byte[] key;

	private SharedBoxKey(byte[] key) {
		this.key = key;
	}

	/**
	 * Wraps a raw precomputed key, for recorded vectors and for tests that play a forger.
	 * @param key 32 bytes (copied)
	 * @return the key
	 */
	public static SharedBoxKey of(byte[] key) {
		if (key.length != LENGTH) {
			throw new IllegalArgumentException("A precomputed box key has 32 bytes, not " + key.length);
		}
		return new SharedBoxKey(key.clone());
	}

	/**
	 * Precomputes the box key between our key pair and a peer's public key
	 * ({@code crypto_box_beforenm}).
	 * @param ours our key pair
	 * @param theirPublicKey the peer's X25519 public key
	 * @return the shared key
	 * @throws WeakKeyException if the peer key is malformed, all-zero or of low order
	 */
	public static SharedBoxKey between(BoxKeyPair ours, byte[] theirPublicKey) {
		if (!BoxPublicKeys.isAcceptable(theirPublicKey)) {
			throw new WeakKeyException("The peer's box public key is malformed or of low order");
		}
		byte[] shared = new byte[LENGTH];
		byte[] secret = ours.exportSecretKey();
		try {
			if (SodiumLibrary.get().crypto_box_beforenm(shared, theirPublicKey, secret) != 0) {
				throw new WeakKeyException("The peer's box public key gives an all-zero shared secret");
			}
		}
		finally {
			Arrays.fill(secret, (byte) 0);
		}
		return new SharedBoxKey(shared);
	}

	/**
	 * Boxes {@code plaintext} under {@code nonce} ({@code crypto_box_easy_afternm}).
	 * @param plaintext the bytes to encrypt
	 * @param nonce the nonce, expanded to 24 bytes as SWS does
	 * @return tag(16) || ciphertext
	 */
	public byte[] seal(byte[] plaintext, Nonce nonce) {
		byte[] out = new byte[plaintext.length + OVERHEAD];
		if (SodiumLibrary.get().crypto_box_easy_afternm(out, plaintext, plaintext.length, nonce.expand(), this.key) != 0) {
			throw new IllegalStateException("crypto_box_easy_afternm failed");
		}
		return out;
	}

	/**
	 * Opens a box made by {@link #seal} on the other side.
	 * @param boxed tag(16) || ciphertext
	 * @param nonce the nonce it was sealed under
	 * @return the plaintext, or {@code null} if the box is too short or does not authenticate
	 */
	public byte @Nullable [] open(byte[] boxed, Nonce nonce) {
		if (boxed.length < OVERHEAD) {
			return null;
		}
		byte[] out = new byte[boxed.length - OVERHEAD];
		if (SodiumLibrary.get().crypto_box_open_easy_afternm(out, boxed, boxed.length, nonce.expand(), this.key) != 0) {
			return null;
		}
		return out;
	}

	/**
	 * Copies the raw key; for test vectors and diagnostics that compare against recorded values.
	 * @return a copy of the 32 bytes
	 */
	public byte[] exportKey() {
		return this.key.clone();
	}

	@Override
	public String toString() {
		return "SharedBoxKey[hidden]";
	}

}
