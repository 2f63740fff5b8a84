package dev.sws.protocol;

/**
 * When an SWS v3 side rekeys its sending direction: after {@code messages} transport messages or
 * {@code bytes} ciphertext bytes (WebSocket payloads, tags included) since the last rekey,
 * whichever comes first (docs/protocol/sws-v3.md section 10). Each side announces its own thresholds in
 * its handshake payload; the peer follows them for that direction. The server's ready message
 * counts: one message, 16 bytes.
 *
 * <p>Both values are integers from 1 to 2^53 - 1, the integers JavaScript represents exactly, so
 * that a browser peer reads them as sent.
 *
 * @param messages rekey after this many messages
 * @param bytes rekey after this many ciphertext bytes
 */
public record RekeyThresholds(long messages, long bytes) {

	/** The largest value a threshold may have, 2^53 - 1. */
	public static final long MAX_VALUE = (1L << 53) - 1;

	/** What this implementation announces by default: 65,536 messages or 1 GiB. */
	public static final RekeyThresholds DEFAULT = new RekeyThresholds(65536, 1L << 30);

	/**
	 * Creates thresholds.
	 * @param messages rekey after this many messages, 1 to 2^53 - 1
	 * @param bytes rekey after this many ciphertext bytes, 1 to 2^53 - 1
	 * @throws IllegalArgumentException if a value is out of range
	 */
	public RekeyThresholds {
		requireInRange(messages, "messages");
		requireInRange(bytes, "bytes");
	}

	/**
	 * Tells whether a value is one a threshold may have.
	 * @param value the value
	 * @return {@code true} if from 1 to 2^53 - 1
	 */
	public static boolean isValid(long value) {
		return value >= 1 && value <= MAX_VALUE;
	}

	private static void requireInRange(long value, String name) {
		if (!isValid(value)) {
			throw new IllegalArgumentException(
					"The rekey threshold '" + name + "' must be from 1 to 2^53 - 1, not " + value);
		}
	}

}
