package dev.sws.internal.noise;

/**
 * The two parties of a Noise handshake.
 */
public enum NoiseRole {

	/** The party that sends the first handshake message (the SWS client). */
	INITIATOR,

	/** The party that answers it (the SWS server). */
	RESPONDER

}
