package dev.sws.cert;

import java.util.Objects;

/**
 * Thrown when a NaCl certificate is not well formed: not JSON, missing or mistyped fields, wrong
 * key or signature lengths. Validation failures of well-formed certificates are reported as
 * {@link CertRejection} values instead.
 */
public class CertFormatException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates an exception.
	 * @param message what was wrong
	 */
	public CertFormatException(String message) {
		super(message);
	}

	/**
	 * Creates an exception with a cause.
	 * @param message what was wrong
	 * @param cause the underlying error
	 */
	public CertFormatException(String message, Throwable cause) {
		super(message, cause);
	}

	/**
	 * Returns what was wrong.
	 * @return the message given to the constructor, never {@code null}
	 */
	@Override
	public String getMessage() {
		// every constructor takes a message, which @NullMarked code cannot pass as null
		return Objects.requireNonNull(super.getMessage());
	}

}
