package dev.sws.protocol;

import dev.sws.internal.wire.ClientReady;
import java.util.Optional;

/**
 * What a handshake state machine decided after one input: send a reply and wait, the handshake is
 * complete, or it failed for good.
 */
public sealed interface HandshakeStep permits HandshakeStep.Reply, HandshakeStep.Established, HandshakeStep.Failed {

	/**
	 * Send {@code message} as a text frame and wait for the peer's next message.
	 *
	 * @param message the JSON text to send
	 */
	record Reply(String message) implements HandshakeStep {
	}

	/**
	 * The handshake succeeded. Send {@code finalMessage} first, if present, then use the channel.
	 *
	 * @param finalMessage the last handshake message this side sends (the client's ClientReady)
	 * @param channel the secure channel
	 * @param peer the authenticated peer
	 */
	record Established(Optional<String> finalMessage, SecureChannel channel, PeerIdentity peer)
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
