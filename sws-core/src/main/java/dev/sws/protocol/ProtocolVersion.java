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
	 * Tells whether the handshake itself tells a client that the server accepted it: v3's ready
	 * message, which the server sends only after checking the client. A v1 or v2 server that
	 * requires a client certificate can refuse it only by closing after the ClientReady, so such
	 * a client waits a confirmation window before it counts the session as open.
	 * @return {@code true} for v3
	 */
	public boolean confirmsClientInHandshake() {
		return this == V3;
	}

	/**
	 * Tells whether a server holds back its first data frames for a moment after the handshake:
	 * the original v1/v2 JavaScript client drops data arriving within 20 ms of its ClientReady
	 * (docs/compatibility.md). A v3 client opens on the server's ready message and needs no hold.
	 * @return {@code true} for v1 and v2
	 */
	public boolean needsFirstFrameHold() {
		return this != V3;
	}

	/**
	 * Tells whether a server's close right after a ClientHello of this version refuses the
	 * version: 1002 from any SWS server; for v3 also 1003, which a server that predates v3 sends
	 * for a binary first message (docs/protocol/sws-v3.md section 4; a v3 client never sends the
	 * text that 1003 otherwise answers).
	 * @param closeCode the server's close code
	 * @return {@code true} if the close refuses this version
	 */
	public boolean isRefusedBy(int closeCode) {
		return closeCode == 1002 || (closeCode == 1003 && this == V3);
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
