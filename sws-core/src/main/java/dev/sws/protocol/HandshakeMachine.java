package dev.sws.protocol;

import dev.sws.internal.wire.ClientHello;
import java.util.Optional;

/**
 * What both handshake state machines offer a transport adapter: feed inbound frames, abort from
 * outside (timeouts), and ask how far the handshake got.
 */
public sealed interface HandshakeMachine permits ServerHandshake, ClientHandshake {

	/**
	 * Consumes one inbound text frame.
	 * @param text the frame's text
	 * @return the reply to send, the established channel, or the failure
	 */
	HandshakeStep receive(String text);

	/**
	 * Consumes an inbound binary frame, which is never valid during the handshake.
	 * @return the failure
	 */
	HandshakeStep receiveBinary();

	/**
	 * Aborts the handshake, for example when its timer fires. The first failure wins; an
	 * established handshake is left alone.
	 * @param reason the reason
	 * @param detail a one-line explanation
	 * @return the failure now in force, or empty if the handshake was already established
	 */
	Optional<HandshakeFailure> abort(FailureReason reason, String detail);

	/**
	 * Tells whether the handshake has finished, successfully or not.
	 * @return {@code true} once established or failed
	 */
	boolean isFinished();

	/**
	 * Returns the cap on one handshake message; longer messages fail with
	 * {@link FailureReason#MESSAGE_TOO_LARGE}.
	 * @return the cap, in characters
	 */
	int maxMessageChars();

	/**
	 * Returns the protocol version of this handshake, once known (the client knows it from the
	 * start, the server once a ClientHello in an accepted version arrived).
	 * @return the version, if known
	 */
	Optional<ProtocolVersion> version();

}
