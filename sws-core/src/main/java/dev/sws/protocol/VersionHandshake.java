package dev.sws.protocol;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * One side of a handshake in one protocol family (v1/v2 or v3), behind the public
 * {@link ServerHandshake} and {@link ClientHandshake}, which call it under their lock. This base
 * keeps what every machine shares: the first failure is terminal and answers every later input,
 * an exception with a typed reason becomes that failure, an established handshake ignores
 * {@link #abort}, and a failure discards the machine's secrets.
 */
abstract class VersionHandshake {

	private HandshakeStep.@Nullable Failed failure;

	private boolean established;

	/**
	 * Consumes a text frame.
	 * @param text the frame's text
	 * @return the step
	 */
	final HandshakeStep receive(String text) {
		if (this.failure != null) {
			return this.failure;
		}
		try {
			return onText(text);
		}
		catch (SwsProtocolException ex) {
			return fail(ex.getReason(), ex.getDetail());
		}
	}

	/**
	 * Consumes a binary frame.
	 * @param frame the frame's payload
	 * @return the step
	 */
	final HandshakeStep receive(byte[] frame) {
		if (this.failure != null) {
			return this.failure;
		}
		try {
			return onBinary(frame);
		}
		catch (SwsProtocolException ex) {
			return fail(ex.getReason(), ex.getDetail());
		}
	}

	final Optional<HandshakeFailure> abort(FailureReason reason, String detail) {
		if (this.established && this.failure == null) {
			return Optional.empty();
		}
		return Optional.of(fail(reason, detail).failure());
	}

	final boolean isFinished() {
		return this.established || this.failure != null;
	}

	/**
	 * Records the first failure and discards the secrets; later calls return the first failure.
	 * @param reason the reason
	 * @param detail a one-line explanation, free of key material
	 * @return the failure in force
	 */
	final HandshakeStep.Failed fail(FailureReason reason, String detail) {
		if (this.failure == null) {
			this.failure = HandshakeStep.Failed.of(reason, detail);
			discardSecrets();
		}
		return this.failure;
	}

	/**
	 * Marks the handshake established.
	 * @param step the result to return
	 * @return {@code step}
	 */
	final HandshakeStep.Established established(HandshakeStep.Established step) {
		this.established = true;
		return step;
	}

	/**
	 * Handles a text frame; throws {@link SwsProtocolException} to fail.
	 * @param text the frame's text
	 * @return the step
	 */
	abstract HandshakeStep onText(String text);

	/**
	 * Handles a binary frame; throws {@link SwsProtocolException} to fail.
	 * @param frame the frame's payload
	 * @return the step
	 */
	abstract HandshakeStep onBinary(byte[] frame);

	/** Zeroes or drops every key the handshake still holds; called once, on the first failure. */
	abstract void discardSecrets();

	/**
	 * Returns the version, once known.
	 * @return the version
	 */
	abstract Optional<ProtocolVersion> version();

}
