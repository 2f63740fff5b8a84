package dev.sws.cert;

import java.io.IOException;

/**
 * Thrown when a key or certificate file cannot be read or written: missing, unreadable, not
 * JSON, not in the expected format, or already present. The message is one line that starts with
 * the file name and never contains key material.
 */
public class CertFileException extends IOException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates an exception.
	 * @param message the one-line explanation, starting with the file name
	 */
	public CertFileException(String message) {
		super(message);
	}

	/**
	 * Creates an exception with a cause.
	 * @param message the one-line explanation, starting with the file name
	 * @param cause the underlying error
	 */
	public CertFileException(String message, Throwable cause) {
		super(message, cause);
	}

}
