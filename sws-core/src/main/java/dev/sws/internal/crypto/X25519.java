package dev.sws.internal.crypto;

import java.util.Arrays;

import dev.sws.crypto.BoxKeyPair;
import dev.sws.crypto.BoxPublicKeys;
import dev.sws.crypto.WeakKeyException;

/**
 * X25519 Diffie-Hellman (RFC 7748) through libsodium's {@code crypto_scalarmult}, refusing every
 * input that would make the shared secret a public constant.
 *
 * <p>Key pairs are {@link BoxKeyPair}s: a box key pair is an X25519 key pair.
 */
public final class X25519 {

	/** Length of a secret key, a public key and a shared secret, in bytes. */
	public static final int KEY_LENGTH = 32;

	private X25519() {
	}

	/**
	 * Computes the shared secret of our key pair and the peer's public key.
	 * @param ours our key pair
	 * @param theirPublicKey the peer's public key
	 * @return the 32-byte shared secret (the caller zeroes it when done)
	 * @throws WeakKeyException if the peer's key is malformed, all-zero or of low order, or the
	 * result is all-zero
	 * @throws IllegalStateException if our key pair was destroyed
	 */
	public static byte[] dh(BoxKeyPair ours, byte[] theirPublicKey) {
		byte[] secret = ours.exportSecretKey();
		try {
			return dh(secret, theirPublicKey);
		}
		finally {
			java.util.Arrays.fill(secret, (byte) 0);
		}
	}

	/**
	 * Computes the shared secret of a secret key and the peer's public key.
	 * @param secretKey our 32-byte secret key
	 * @param theirPublicKey the peer's public key
	 * @return the 32-byte shared secret (the caller zeroes it when done)
	 * @throws WeakKeyException if the peer's key is malformed, all-zero or of low order (libsodium's
	 * blocklist, see {@link BoxPublicKeys#isAcceptable}), or the result is all-zero
	 * @throws IllegalArgumentException if the secret key does not have 32 bytes
	 */
	public static byte[] dh(byte[] secretKey, byte[] theirPublicKey) {
		if (secretKey.length != KEY_LENGTH) {
			throw new IllegalArgumentException("An X25519 secret key has 32 bytes, not " + secretKey.length);
		}
		if (!BoxPublicKeys.isAcceptable(theirPublicKey)) {
			throw new WeakKeyException("The peer's X25519 public key is malformed, all-zero or of low order");
		}
		byte[] shared = new byte[KEY_LENGTH];
		// crypto_scalarmult fails when the result is all-zero (a low-order point the list missed)
		if (SodiumLibrary.get().crypto_scalarmult(shared, secretKey, theirPublicKey) != 0) {
			Arrays.fill(shared, (byte) 0);
			throw new WeakKeyException("The peer's X25519 public key gives an all-zero shared secret");
		}
		return shared;
	}

}
