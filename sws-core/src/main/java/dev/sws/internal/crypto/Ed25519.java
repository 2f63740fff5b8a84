package dev.sws.internal.crypto;


/**
 * Ed25519 detached signatures (RFC 8032, pure), as NaCl certificates use them.
 */
public final class Ed25519 {

	/** Length of a public key, in bytes. */
	public static final int PUBLIC_KEY_LENGTH = 32;

	/** Length of a detached signature, in bytes. */
	public static final int SIGNATURE_LENGTH = 64;

	private Ed25519() {
	}

	/**
	 * Verifies a detached signature. libsodium refuses non-canonical and small-order public keys
	 * and signature points, so the identity-key forgery (docs/protocol/sws-v1-v2.md W1) fails here
	 * too.
	 * @param publicKey 32 bytes
	 * @param message the signed bytes
	 * @param signature 64 bytes
	 * @return {@code true} only for a valid signature with correct lengths
	 */
	public static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
		if (publicKey == null || publicKey.length != PUBLIC_KEY_LENGTH || signature == null
				|| signature.length != SIGNATURE_LENGTH) {
			return false;
		}
		return SodiumLibrary.get().crypto_sign_verify_detached(signature, message, message.length, publicKey) == 0;
	}

}
