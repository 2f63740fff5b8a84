package dev.sws.protocol;

/**
 * An SWS protocol failure with its typed {@link FailureReason}. The message never contains key
 * material or decrypted payloads.
 */
public class SwsProtocolException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final FailureReason reason;

	/**
	 * Creates an exception.
	 * @param reason the failure reason
	 * @param message a one-line explanation
	 */
	public SwsProtocolException(FailureReason reason, String message) {
		super(message);
		this.reason = reason;
	}

	/**
	 * Returns the reason.
	 * @return the failure reason
	 */
	public FailureReason getReason() {
		return this.reason;
	}

	@Override
	public String toString() {
		return getClass().getSimpleName() + "[" + this.reason.getTag() + "]: " + getMessage();
	}

}
