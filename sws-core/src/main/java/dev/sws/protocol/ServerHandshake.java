package dev.sws.protocol;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

import dev.sws.internal.wire.V3HandshakeCodec;

/**
 * The server side of one SWS handshake, in any version, independent of any WebSocket library:
 * feed it each inbound frame, send what it answers, and stop at {@link HandshakeStep.Established}
 * or {@link HandshakeStep.Failed} (see {@link HandshakeStep} for the messages of each version).
 *
 * <p>One endpoint serves v1, v2 and v3: the first frame decides (docs/protocol/sws-v3.md section 4).
 * <ul>
 * <li>A text frame is a v1/v2 ClientHello; it names its version, which must be one of the
 * settings' {@link ServerHandshakeSettings#getVersions() versions}, and the server answers in it.</li>
 * <li>A binary frame that starts with {@code 53 57 53 03} is v3 message 1, if the settings accept
 * {@link ProtocolVersion#V3}; otherwise it fails with {@link FailureReason#UNSUPPORTED_VERSION},
 * as does a binary frame with {@code 53 57 53} and another version byte.</li>
 * <li>Any other binary frame fails with {@link FailureReason#MALFORMED_MESSAGE} if v3 is accepted,
 * and with {@link FailureReason#UNEXPECTED_FRAME_TYPE} (as before v3) if not.</li>
 * </ul>
 * Any failure is terminal: every later input answers the same failure. Instances are for one
 * connection; methods are synchronized.
 */
public final class ServerHandshake implements HandshakeMachine {

	private final ServerHandshakeSettings settings;

	private @Nullable VersionHandshake delegate;

	private HandshakeStep.@Nullable Failed refusal;

	/**
	 * Creates the state machine for one connection.
	 * @param settings the server's shared settings
	 */
	public ServerHandshake(ServerHandshakeSettings settings) {
		this.settings = settings;
	}

	/**
	 * Consumes one text frame: a v1/v2 handshake message.
	 * @param text the frame's text
	 * @return the reply to send, the established channel, or the failure
	 */
	@Override
	public synchronized HandshakeStep receive(String text) {
		if (this.refusal != null) {
			return this.refusal;
		}
		if (this.delegate == null) {
			this.delegate = new BoxServerHandshake(this.settings);
		}
		return this.delegate.receive(text);
	}

	/**
	 * Consumes one binary frame: a v3 handshake message.
	 * @param frame the frame's payload
	 * @return the reply to send, the established channel, or the failure
	 */
	@Override
	public synchronized HandshakeStep receive(byte[] frame) {
		if (this.refusal != null) {
			return this.refusal;
		}
		if (this.delegate == null) {
			boolean v3 = this.settings.getVersions().contains(ProtocolVersion.V3);
			switch (V3HandshakeCodec.classify(frame)) {
				case V3 -> {
					if (!v3) {
						return refuse(FailureReason.UNSUPPORTED_VERSION,
								"A v3 client, but the server accepts " + this.settings.getVersions());
					}
					this.delegate = new NoiseServerHandshake(this.settings);
				}
				case OTHER_SWS_VERSION -> {
					return refuse(FailureReason.UNSUPPORTED_VERSION,
							"A binary first message for SWS version " + (frame[3] & 0xFF));
				}
				default -> {
					return v3 ? refuse(FailureReason.MALFORMED_MESSAGE, "A binary first message without the v3 magic")
							: refuse(FailureReason.UNEXPECTED_FRAME_TYPE, "Binary frame during the handshake");
				}
			}
		}
		return this.delegate.receive(frame);
	}

	/**
	 * Aborts the handshake from outside, for example when its timer fires. The first failure
	 * wins; a handshake that is already established is left alone.
	 * @param reason the reason
	 * @param detail a one-line explanation
	 * @return the failure now in force, or empty if the handshake was already established
	 */
	@Override
	public synchronized Optional<HandshakeFailure> abort(FailureReason reason, String detail) {
		if (this.delegate != null) {
			return this.delegate.abort(reason, detail);
		}
		return Optional.of(refuse(reason, detail).failure());
	}

	/**
	 * Tells whether the handshake has finished, successfully or not.
	 * @return {@code true} once established or failed
	 */
	@Override
	public synchronized boolean isFinished() {
		return this.refusal != null || (this.delegate != null && this.delegate.isFinished());
	}

	@Override
	public int getMaxMessageChars() {
		return this.settings.codec().maxMessageChars();
	}

	@Override
	public synchronized Optional<ProtocolVersion> getVersion() {
		return (this.delegate != null) ? this.delegate.version() : Optional.empty();
	}

	private HandshakeStep.Failed refuse(FailureReason reason, String detail) {
		if (this.refusal == null) {
			this.refusal = HandshakeStep.Failed.of(reason, detail);
		}
		return this.refusal;
	}

}
