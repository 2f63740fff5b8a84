package dev.sws.internal.noise;

/**
 * A Noise operation failed, for the {@link NoiseFailure} it carries. The message says what was
 * wrong and never contains key material or payloads.
 */
public class NoiseException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final NoiseFailure reason;

	private final String detail;

	/**
	 * Creates an exception.
	 * @param reason why the operation failed
	 * @param message a one-line explanation, free of key material
	 */
	public NoiseException(NoiseFailure reason, String message) {
		super(message);
		this.reason = reason;
		this.detail = message;
	}

	/**
	 * Returns why the operation failed.
	 * @return the reason
	 */
	public NoiseFailure getReason() {
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
	 * Returns the reason and the explanation, for example {@code [WRONG_STATE] split() was
	 * already called}, so that a log line that shows only the message still names the reason.
	 * @return the message
	 */
	@Override
	public String getMessage() {
		return "[" + this.reason + "] " + this.detail;
	}

}
