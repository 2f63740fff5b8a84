package dev.sws.interop;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.sws.protocol.FailureReason;
import dev.sws.protocol.ProtocolVersion;
import dev.sws.websocket.SwsEventListener;
import dev.sws.websocket.SwsRole;

import static org.assertj.core.api.Assertions.fail;

/**
 * What our servers in the interop tests report through {@link SwsEventListener}, per endpoint:
 * {@link #forEndpoint(String)} gives the listener of each server {@link InteropEndpoints} builds,
 * and of the auto-configured one ({@link #AUTO}).
 */
final class ServerEvents {

	/** The endpoint name of the auto-configured server's events ({@code /echo}, {@code /greet}). */
	static final String AUTO = "auto";

	private final List<Event> events = new ArrayList<>();

	/**
	 * Returns a listener that records under an endpoint name.
	 * @param endpoint the name
	 * @return the listener
	 */
	SwsEventListener forEndpoint(String endpoint) {
		return new SwsEventListener() {

			@Override
			public void handshakeSucceeded(SwsRole role, ProtocolVersion version, Duration duration) {
				add(new Event(endpoint, "handshake-succeeded", version, null));
			}

			@Override
			public void handshakeFailed(SwsRole role, ProtocolVersion version, FailureReason reason, Duration duration) {
				add(new Event(endpoint, "handshake-failed", version, reason));
			}

			@Override
			public void sessionFailed(SwsRole role, FailureReason reason) {
				add(new Event(endpoint, "session-failed", null, reason));
			}

		};
	}

	private synchronized void add(Event event) {
		this.events.add(event);
		notifyAll();
	}

	/** Forgets what was recorded. */
	synchronized void clear() {
		this.events.clear();
	}

	/**
	 * Waits for an event of an endpoint.
	 * @param endpoint the endpoint name
	 * @param kind {@code handshake-succeeded}, {@code handshake-failed} or {@code session-failed}
	 * @param timeout the longest wait
	 * @return the first such event since the last {@link #clear()}
	 */
	synchronized Event await(String endpoint, String kind, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			for (Event event : this.events) {
				if (event.endpoint().equals(endpoint) && event.kind().equals(kind)) {
					return event;
				}
			}
			long remaining = deadline - System.nanoTime();
			if (remaining <= 0) {
				return fail("No " + kind + " on " + endpoint + " within " + timeout + "; recorded: " + this.events);
			}
			TimeUnit.NANOSECONDS.timedWait(this, remaining);
		}
	}

	/**
	 * Returns what was recorded for an endpoint.
	 * @param endpoint the endpoint name
	 * @return the events in order
	 */
	synchronized List<Event> of(String endpoint) {
		return this.events.stream().filter((event) -> event.endpoint().equals(endpoint)).toList();
	}

	/**
	 * One event of one of our servers.
	 * @param endpoint the endpoint name
	 * @param kind what happened
	 * @param version the protocol version, if known
	 * @param reason the failure reason, for failures
	 */
	record Event(String endpoint, String kind, ProtocolVersion version, FailureReason reason) {
	}

}
