package dev.sws.webflux;

import dev.sws.protocol.FailureReason;

/**
 * Ends the {@code send} of an SWS session that was closed because its peer does not read: the
 * application's next message waited longer than the send time limit for room in the outbound
 * buffer. The session is already closed with 4500 and the failure counted.
 */
public class SwsSessionLimitException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	private final transient FailureReason reason;

	SwsSessionLimitException(FailureReason reason, String message) {
		super(message);
		this.reason = reason;
	}

	/**
	 * Returns which limit closed the session.
	 * @return {@link FailureReason#SEND_TIME_LIMIT} or {@link FailureReason#OUTBOUND_BUFFER_FULL}
	 */
	public FailureReason getReason() {
		return this.reason;
	}

}
