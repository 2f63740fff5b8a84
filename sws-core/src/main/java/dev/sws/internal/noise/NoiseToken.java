package dev.sws.internal.noise;

/**
 * The tokens of a handshake pattern (Noise section 7.1), without the PSK token.
 */
enum NoiseToken {

	/** An ephemeral public key. */
	E,

	/** A static public key, encrypted once a key exists. */
	S,

	/** DH between the two ephemeral keys. */
	EE,

	/** DH between the initiator's ephemeral and the responder's static key. */
	ES,

	/** DH between the initiator's static and the responder's ephemeral key. */
	SE,

	/** DH between the two static keys. */
	SS

}
