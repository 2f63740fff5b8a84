package dev.sws.crypto;

import java.util.Arrays;

import dev.sws.internal.crypto.SodiumLibrary;

/**
 * A NaCl box key pair (X25519): 32-byte public key and 32-byte secret key.
 *
 * <p>The secret key never leaves this object except through {@link #exportSecretKey()}, which the
 * key tool uses to write key files; {@link #toString()} prints only the public key's fingerprint.
 */
public final class BoxKeyPair {

	/** Length of the secret key, in bytes. */
	public static final int SECRET_KEY_LENGTH = 32;

	private final byte[] publicKey;

	private final byte[] secretKey;

	private boolean destroyed;

	private BoxKeyPair(byte[] publicKey, byte[] secretKey) {
		this.publicKey = publicKey;
		this.secretKey = secretKey;
	}

	/**
	 * Generates a key pair the way {@code crypto_box_keypair} does: 32 random bytes as the secret
	 * key and its X25519 base-point multiple as the public key.
	 * @param random the source of the secret key
	 * @return a new key pair
	 */
	public static BoxKeyPair generate(RandomSource random) {
		return fromSecretKey(random.bytes(SECRET_KEY_LENGTH));
	}

	/**
	 * Rebuilds a key pair from its secret key, deriving the public key.
	 * @param secretKey 32 bytes (copied)
	 * @return the key pair
	 * @throws IllegalArgumentException if the length is wrong
	 */
	public static BoxKeyPair fromSecretKey(byte[] secretKey) {
		if (secretKey.length != SECRET_KEY_LENGTH) {
			throw new IllegalArgumentException("A box secret key has 32 bytes, not " + secretKey.length);
		}
		byte[] secret = secretKey.clone();
		byte[] publicKey = new byte[BoxPublicKeys.LENGTH];
		if (SodiumLibrary.get().crypto_scalarmult_base(publicKey, secret) != 0) {
			throw new IllegalArgumentException("The box secret key is not usable");
		}
		return new BoxKeyPair(publicKey, secret);
	}

	/**
	 * Rebuilds a key pair from both halves, checking that they belong together.
	 * @param publicKey 32 bytes
	 * @param secretKey 32 bytes
	 * @return the key pair
	 * @throws IllegalArgumentException if a length is wrong or the public key does not match
	 */
	public static BoxKeyPair of(byte[] publicKey, byte[] secretKey) {
		BoxKeyPair pair = fromSecretKey(secretKey);
		if (!Arrays.equals(pair.publicKey, publicKey)) {
			throw new IllegalArgumentException("The box public key does not belong to the secret key");
		}
		return pair;
	}

	/**
	 * Returns the public key.
	 * @return a copy of the 32 bytes
	 */
	public byte[] getPublicKey() {
		return this.publicKey.clone();
	}

	/**
	 * Returns a copy of the secret key, for writing a key file. Handle with care.
	 * @return a copy of the 32 bytes
	 */
	public byte[] exportSecretKey() {
		return secretKey().clone();
	}

	/**
	 * Tells whether this pair's public key equals {@code publicKey}, in constant time.
	 * @param publicKey the key to compare
	 * @return {@code true} if equal
	 */
	public boolean hasPublicKey(byte[] publicKey) {
		return java.security.MessageDigest.isEqual(this.publicKey, publicKey);
	}

	/**
	 * Zeroes the secret key, for a key pair used once (a Noise ephemeral key): afterwards every
	 * use of the secret key fails with an {@link IllegalStateException}. The public key stays.
	 */
	public void destroy() {
		Arrays.fill(this.secretKey, (byte) 0);
		this.destroyed = true;
	}

	/**
	 * Returns the secret key itself (not a copy), for the primitives of this package.
	 * @throws IllegalStateException if the pair was destroyed
	 */
	byte[] secretKey() {
		if (this.destroyed) {
			throw new IllegalStateException("The key pair was destroyed; its secret key is gone");
		}
		return this.secretKey;
	}

	@Override
	public String toString() {
		return "BoxKeyPair[public " + KeyFingerprint.of(this.publicKey) + ", secret hidden]";
	}

}
