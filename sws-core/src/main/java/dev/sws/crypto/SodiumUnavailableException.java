package dev.sws.crypto;

/**
 * Thrown when the native libsodium library cannot be loaded on this platform. The message names
 * the operating system, the architecture and the loader's error.
 */
public class SodiumUnavailableException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception.
	 * @param message what could not be loaded, and why
	 * @param cause the loader's error
	 */
	public SodiumUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
