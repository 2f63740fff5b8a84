package dev.sws.protocol;

import java.util.Optional;

/**
 * What a handshake state machine decided after one input: send a reply and wait, the handshake is
 * complete, or it failed for good.
 *
 * <p>The same three steps serve every version, so that an adapter needs no version-specific code:
 * send each {@link Reply}'s frame; on {@link Established}, send its final frame if there is one,
 * then use the channel; on {@link Failed}, close with the failure's code.
 * <ul>
 * <li>v1/v2 client: {@code start()} gives the ClientHello; the ServerHello gives
 * {@code Established} with the ClientReady as its final frame.</li>
 * <li>v1/v2 server: the ClientHello gives a {@code Reply} (the ServerHello); the ClientReady gives
 * {@code Established} without a final frame.</li>
 * <li>v3 client: {@code start()} gives message 1; message 2 gives a {@code Reply} (message 3); the
 * server's ready message gives {@code Established} without a final frame. The client reports
 * {@code Established} only once ready arrived, so that a server's refusal of its certificate is a
 * clean close and never a moment in which the client believes it is connected.</li>
 * <li>v3 server: message 1 gives a {@code Reply} (message 2); message 3, once verified, gives
 * {@code Established} whose final frame is the ready message: the first transport message, sealed
 * by the channel (which has therefore already sent one message).</li>
 * </ul>
 */
public sealed interface HandshakeStep permits HandshakeStep.Reply, HandshakeStep.Established, HandshakeStep.Failed {

	/**
	 * Send {@code frame} and wait for the peer's next message.
	 *
	 * @param frame the handshake message to send: text in v1/v2, binary in v3
	 */
	record Reply(HandshakeFrame frame) implements HandshakeStep {
	}

	/**
	 * The handshake succeeded. Send {@code finalFrame} first, if present, then use the channel.
	 *
	 * @param finalFrame the last message this side sends as part of the handshake: the v1/v2
	 * client's ClientReady (text) or the v3 server's ready message (binary)
	 * @param channel the secure channel
	 * @param peer the authenticated peer
	 */
	record Established(Optional<HandshakeFrame> finalFrame, SecureChannel channel, PeerIdentity peer)
			implements HandshakeStep {
	}

	/**
	 * The handshake failed; close the connection with {@code failure.closeCode()}.
	 *
	 * @param failure the typed reason
	 */
	record Failed(HandshakeFailure failure) implements HandshakeStep {

		static Failed of(FailureReason reason, String detail) {
			return new Failed(new HandshakeFailure(reason, detail));
		}

	}

}
