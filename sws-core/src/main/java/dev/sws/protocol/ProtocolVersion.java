package dev.sws.protocol;

import java.util.Optional;

/**
 * The SWS protocol versions. There is no negotiation in the protocol itself: a client speaks one
 * version; a server may accept several and answers in the client's version.
 */
public enum ProtocolVersion {

	/** Version 1: key exchange only, no peer authentication (pin the server key on clients). */
	V1(1),

	/** Version 2: version 1 plus NaCl certificates inside the handshake boxes. */
	V2(2);

	private final int number;

	ProtocolVersion(int number) {
		this.number = number;
	}

	/**
	 * Returns the number that travels in the {@code version} field.
	 * @return 1 or 2
	 */
	public int number() {
		return this.number;
	}

	/**
	 * Looks a version up by its wire number.
	 * @param number the {@code version} field
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
