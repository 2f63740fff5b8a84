package dev.sws.internal.noise;

/**
 * Why a Noise operation failed.
 */
public enum NoiseFailure {

	/** A ciphertext did not authenticate: wrong keys, tampering, or a different transcript. */
	DECRYPT_FAILED,

	/** A peer's public key is malformed, all-zero or of low order, or a DH result is all-zero. */
	WEAK_KEY,

	/** A message has the wrong length: truncated, too short for its tokens or a tag, or over 65,535 bytes. */
	MALFORMED,

	/**
	 * The nonce reached 2^64 - 1, which Noise reserves: the cipher state can send or receive no
	 * more. Nothing was encrypted or decrypted; start a new session for fresh keys.
	 */
	COUNTER_EXHAUSTED,

	/**
	 * An operation out of turn: writing when the pattern says read (or the reverse), a message
	 * after the handshake completed or failed, a result asked for before the handshake completed,
	 * or the use of a destroyed cipher state.
	 */
	WRONG_STATE

}
