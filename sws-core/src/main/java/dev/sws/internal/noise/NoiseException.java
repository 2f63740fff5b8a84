package dev.sws.internal.noise;

/**
 * A Noise operation failed, for the {@link NoiseFailure} it carries. The message says what was
 * wrong and never contains key material or payloads.
 */
public class NoiseException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final NoiseFailure reason;

	/**
	 * Creates an exception.
	 * @param reason why the operation failed
	 * @param message a one-line explanation, free of key material
	 */
	public NoiseException(NoiseFailure reason, String message) {
		super(message);
		this.reason = reason;
	}

	/**
	 * Returns why the operation failed.
	 * @return the reason
	 */
	public NoiseFailure getReason() {
		return this.reason;
	}

	@Override
	public String toString() {
		return getClass().getSimpleName() + "[" + this.reason + "]: " + getMessage();
	}

}
