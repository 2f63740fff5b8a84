package dev.sws.protocol;

import java.util.Optional;

import dev.sws.internal.wire.V3HandshakeCodec;

/**
 * What both handshake state machines offer a transport adapter, whatever the protocol version:
 * feed inbound frames (text or binary, as they arrived), abort from outside (timeouts), and ask
 * how far the handshake got. See {@link HandshakeStep} for what to do with each result.
 */
public sealed interface HandshakeMachine permits ServerHandshake, ClientHandshake {

	/**
	 * Consumes one inbound text frame.
	 * @param text the frame's text
	 * @return the reply to send, the established channel, or the failure
	 */
	HandshakeStep receive(String text);

	/**
	 * Consumes one inbound binary frame: a v3 handshake message. In a v1/v2 handshake a binary
	 * frame fails with {@link FailureReason#UNEXPECTED_FRAME_TYPE}.
	 * @param frame the frame's payload (not modified, not kept)
	 * @return the reply to send, the established channel, or the failure
	 */
	HandshakeStep receive(byte[] frame);

	/**
	 * Consumes one inbound frame of either type.
	 * @param frame the frame
	 * @return the reply to send, the established channel, or the failure
	 */
	default HandshakeStep receive(HandshakeFrame frame) {
		if (frame instanceof HandshakeFrame.Text text) {
			return receive(text.text());
		}
		return receive(((HandshakeFrame.Binary) frame).bytes());
	}

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
	 * Returns the cap on one text handshake message (v1/v2); longer messages fail with
	 * {@link FailureReason#MESSAGE_TOO_LARGE}.
	 * @return the cap, in characters
	 */
	int getMaxMessageChars();

	/**
	 * Returns the cap on one binary handshake message (v3): a 6-byte header and Noise's 65,535
	 * bytes. An adapter that assembles fragments may stop a longer message with
	 * {@link FailureReason#MESSAGE_TOO_LARGE}; the machine refuses one with
	 * {@link FailureReason#MALFORMED_MESSAGE}.
	 * @return the cap, in bytes
	 */
	default int getMaxBinaryMessageBytes() {
		return V3HandshakeCodec.MAX_MESSAGE_LENGTH;
	}

	/**
	 * Returns the protocol version of this handshake, once known (the client knows it from the
	 * start; the server once a ClientHello in an accepted version arrived, or a v3 first message
	 * that it accepts).
	 * @return the version, if known
	 */
	Optional<ProtocolVersion> getVersion();

}
