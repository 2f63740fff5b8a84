package dev.sws.protocol;

import java.util.Optional;

/**
 * The SWS protocol versions. There is no negotiation in the protocol itself: a client speaks one
 * version; a server may accept several and answers in the client's version. A v1 or v2 client
 * opens with a text frame (its JSON ClientHello), a v3 client with a binary frame that starts with
 * {@code "SWS"} and the byte 3, so that one endpoint serves all three.
 */
public enum ProtocolVersion {

	/** Version 1: key exchange only, no peer authentication (pin the server key on clients). */
	V1(1),

	/** Version 2: version 1 plus NaCl certificates inside the handshake boxes. */
	V2(2),

	/**
	 * Version 3: the Noise XX handshake (forward secrecy, a transcript hash that binds every
	 * byte), the same NaCl certificates as v2, and AEAD transport messages that rekey
	 * ({@code docs/protocol/sws-v3.md}).
	 */
	V3(3);

	private final int number;

	ProtocolVersion(int number) {
		this.number = number;
	}

	/**
	 * Returns the version's number: the {@code version} field of v1 and v2 messages, the fourth
	 * byte of every v3 handshake message.
	 * @return 1, 2 or 3
	 */
	public int getNumber() {
		return this.number;
	}

	/**
	 * Looks a version up by its wire number.
	 * @param number the version's number
	 * @return the version, or empty if unknown
	 */
	public static Optional<ProtocolVersion> of(int number) {
		for (ProtocolVersion version : values()) {
			if (version.number == number) {
				return Optional.of(version);
			}
		}
		return Optional.empty();
	}

}
