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
 */
public record RelayOutagePolicy(Duration maxDuration, Duration reconnectInterval, Duration settleTime, long bufferSize) {

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
