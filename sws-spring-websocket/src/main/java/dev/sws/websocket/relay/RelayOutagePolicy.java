package dev.sws.websocket.relay;

import java.time.Duration;

import org.springframework.util.Assert;

/**
 * How {@link OutageTolerantRelayClient} holds client sessions through a broker outage. The SWS
 * Spring Boot starter builds it from {@code sws.server.stomp.relay.outage.*}, whose defaults are
 * 60 s, 1 s, 2 s and 1 MB.
 *
 * @param maxDuration the longest outage sessions are held through; after it they are closed
 * @param reconnectInterval the time between two reconnection attempts
 * @param settleTime the time from re-subscribing to sending what was held, so that the other
 * instances, which reconnect on the same interval, have re-subscribed too
 * @param bufferSize the most bytes of frames held for one session; a session that sends more is
 * closed
 * @param resendUnconfirmed whether every SEND frame asks the broker for a receipt, and the frames
 * whose receipt had not come when the broker went away are sent again after it: then nothing in
 * flight is lost, but a frame the broker processed just before it went away may be delivered twice
 */
public record RelayOutagePolicy(Duration maxDuration, Duration reconnectInterval, Duration settleTime, long bufferSize,
		boolean resendUnconfirmed) {

	/**
	 * Checks the values.
	 */
	public RelayOutagePolicy {
		Assert.isTrue(!maxDuration.isNegative(), "maxDuration must not be negative");
		Assert.isTrue(!reconnectInterval.isNegative() && !reconnectInterval.isZero(), "reconnectInterval must be positive");
		Assert.isTrue(!settleTime.isNegative(), "settleTime must not be negative");
		Assert.isTrue(bufferSize >= 0, "bufferSize must not be negative");
	}

}
