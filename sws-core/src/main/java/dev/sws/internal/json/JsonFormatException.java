package dev.sws.internal.json;

/**
 * Thrown when text is not acceptable JSON: syntax errors, invalid UTF-8, trailing content, limits
 * exceeded or (in strict mode) duplicate keys. The message describes the problem without echoing
 * the input.
 */
public class JsonFormatException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates an exception.
	 * @param message what was wrong
	 */
	public JsonFormatException(String message) {
		super(message);
	}

	/**
	 * Creates an exception with a cause.
	 * @param message what was wrong
	 * @param cause the parser's exception
	 */
	public JsonFormatException(String message, Throwable cause) {
		super(message, cause);
	}

}
