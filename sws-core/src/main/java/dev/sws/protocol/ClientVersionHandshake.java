package dev.sws.protocol;

/**
 * The client side of a handshake in one protocol family: a {@link VersionHandshake} that also
 * opens the conversation.
 */
abstract class ClientVersionHandshake extends VersionHandshake {

	/**
	 * Produces the client's first message, once.
	 * @return the frame to send when the socket opens
	 * @throws IllegalStateException if called twice
	 */
	abstract HandshakeFrame start();

	/**
	 * Tells whether the server asked for this client's certificate.
	 * @return {@code true} once the server's message said so
	 */
	abstract boolean serverRequiredCertificate();

}
