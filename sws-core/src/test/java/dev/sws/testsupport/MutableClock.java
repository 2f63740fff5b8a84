package dev.sws.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A UTC clock that stands still until a test moves it, so that expiry is tested without sleeping.
 */
public final class MutableClock extends Clock {

	private volatile Instant now;

	/**
	 * Creates a clock.
	 * @param now the initial time
	 */
	public MutableClock(Instant now) {
		this.now = now;
	}

	/**
	 * Moves the clock.
	 * @param duration how far forward (negative to go back)
	 */
	public void advance(Duration duration) {
		this.now = this.now.plus(duration);
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		throw new UnsupportedOperationException("A MutableClock is always UTC");
	}

	@Override
	public Instant instant() {
		return this.now;
	}

}
