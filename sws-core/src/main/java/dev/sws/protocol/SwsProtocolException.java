package dev.sws.protocol;

/**
 * An SWS protocol failure with its typed {@link FailureReason}. The message never contains key
 * material or decrypted payloads.
 */
public class SwsProtocolException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final FailureReason reason;

	private final String detail;

	/**
	 * Creates an exception.
	 * @param reason the failure reason
	 * @param message a one-line explanation
	 */
	public SwsProtocolException(FailureReason reason, String message) {
		super(message);
		this.reason = reason;
		this.detail = message;
	}

	/**
	 * Returns the reason.
	 * @return the failure reason
	 */
	public FailureReason getReason() {
		return this.reason;
	}

	/**
	 * Returns the one-line explanation given when the exception was created, without the reason.
	 * @return the explanation
	 */
	public String getDetail() {
		return this.detail;
	}

	/**
	 * Returns the reason's tag and the explanation, for example
	 * {@code [decrypt-failed] The frame does not authenticate}, so that a log line that shows
	 * only the message still names the reason.
	 * @return the message
	 */
	@Override
	public String getMessage() {
		return "[" + this.reason.getTag() + "] " + this.detail;
	}

}
