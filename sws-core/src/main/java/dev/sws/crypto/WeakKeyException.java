package dev.sws.crypto;

import java.util.Objects;

/**
 * Thrown when a peer's public key is malformed, all-zero or of low order, so that no secure key
 * can be derived from it.
 */
public class WeakKeyException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates an exception.
	 * @param message what was wrong, never containing key material
	 */
	public WeakKeyException(String message) {
		super(message);
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
