package dev.sws.crypto;

import java.util.Arrays;

import dev.sws.internal.crypto.Ed25519;
import dev.sws.internal.crypto.SodiumLibrary;

/**
 * An Ed25519 signing key pair, as a NaCl certificate authority holds it: the 32-byte public key
 * and the 64-byte secret key in NaCl form (seed || public key).
 */
public final class Ed25519KeyPair {

	/** Length of the NaCl-form secret key, in bytes. */
	public static final int SECRET_KEY_LENGTH = 64;

	/** Length of a seed, in bytes. */
	public static final int SEED_LENGTH = 32;

	private final byte[] publicKey;

	private final byte[] secretKey;

	private Ed25519KeyPair(byte[] publicKey, byte[] secretKey) {
		this.publicKey = publicKey;
		this.secretKey = secretKey;
	}

	/**
	 * Generates a key pair from a random seed.
	 * @param random the seed source
	 * @return a new key pair
	 */
	public static Ed25519KeyPair generate(RandomSource random) {
		return fromSeed(random.bytes(SEED_LENGTH));
	}

	/**
	 * Derives a key pair from a 32-byte seed ({@code crypto_sign_seed_keypair}).
	 * @param seed 32 bytes
	 * @return the key pair
	 */
	public static Ed25519KeyPair fromSeed(byte[] seed) {
		if (seed.length != SEED_LENGTH) {
			throw new IllegalArgumentException("An Ed25519 seed has 32 bytes, not " + seed.length);
		}
		byte[] publicKey = new byte[Ed25519.PUBLIC_KEY_LENGTH];
		byte[] secretKey = new byte[SECRET_KEY_LENGTH];
		if (SodiumLibrary.get().crypto_sign_seed_keypair(publicKey, secretKey, seed) != 0) {
			throw new IllegalStateException("crypto_sign_seed_keypair failed");
		}
		return new Ed25519KeyPair(publicKey, secretKey);
	}

	/**
	 * Rebuilds a key pair from a 64-byte NaCl secret key (seed || public key), checking that its two
	 * halves belong together.
	 * @param secretKey 64 bytes
	 * @return the key pair
	 * @throws IllegalArgumentException if the length is wrong or the halves do not match
	 */
	public static Ed25519KeyPair fromSecretKey(byte[] secretKey) {
		if (secretKey.length != SECRET_KEY_LENGTH) {
			throw new IllegalArgumentException("An Ed25519 secret key has 64 bytes, not " + secretKey.length);
		}
		Ed25519KeyPair pair = fromSeed(Arrays.copyOf(secretKey, SEED_LENGTH));
		if (!Arrays.equals(pair.publicKey, Arrays.copyOfRange(secretKey, SEED_LENGTH, SECRET_KEY_LENGTH))) {
			throw new IllegalArgumentException("The Ed25519 secret key's public half does not match its seed");
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
	 * Returns a copy of the 64-byte secret key, for writing a CA key file. Handle with care.
	 * @return a copy
	 */
	public byte[] exportSecretKey() {
		return this.secretKey.clone();
	}

	/**
	 * Signs {@code message} ({@code crypto_sign_detached}).
	 * @param message the bytes to sign
	 * @return the 64-byte signature
	 */
	public byte[] sign(byte[] message) {
		byte[] signature = new byte[Ed25519.SIGNATURE_LENGTH];
		if (SodiumLibrary.get().crypto_sign_detached(signature, null, message, message.length, this.secretKey) != 0) {
			throw new IllegalStateException("crypto_sign_detached failed");
		}
		return signature;
	}

	@Override
	public String toString() {
		return "Ed25519KeyPair[public " + KeyFingerprint.of(this.publicKey) + ", secret hidden]";
	}

}
