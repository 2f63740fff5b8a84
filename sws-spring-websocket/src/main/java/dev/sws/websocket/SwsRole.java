package dev.sws.websocket;

/**
 * Which side of an SWS connection this process plays.
 */
public enum SwsRole {

	/** The side that accepted the WebSocket and runs the server handshake. */
	SERVER,

	/** The side that opened the WebSocket and runs the client handshake. */
	CLIENT;

	/**
	 * Returns the lowercase name used in metric tags.
	 * @return {@code server} or {@code client}
	 */
	public String getTag() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}

}
