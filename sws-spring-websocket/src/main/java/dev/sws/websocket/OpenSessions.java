package dev.sws.websocket;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.sws.protocol.FailureReason;

/**
 * The open sessions of one {@link SwsWebSocketHandlerDecoratorFactory} or {@link SwsWebSocketClient}, and the watchdog that
 * closes those whose peer stopped reading. A write stuck on such a peer is only noticed by the
 * next send on that session; the watchdog notices it even when nothing else is sent, so that the
 * thread blocked in the write (possibly an I/O executor thread releasing held frames) is freed
 * within the send time limit plus one watchdog period.
 *
 * <p>The watchdog is a timer task that runs only while sessions are open; it never touches a
 * socket itself, it hands each close to the I/O executor.
 */
final class OpenSessions {

	private static final Log logger = LogFactory.getLog(OpenSessions.class);

	private final Set<SwsWebSocketSession> sessions = ConcurrentHashMap.newKeySet();

	private final SwsSessionOptions options;

	private final Duration period;

	private boolean armed;

	OpenSessions(SwsSessionOptions options) {
		this.options = options;
		long quarter = options.sendTimeLimit().toMillis() / 4;
		this.period = Duration.ofMillis(Math.max(50, Math.min(1000, quarter)));
	}

	void add(SwsWebSocketSession session) {
		this.sessions.add(session);
		synchronized (this) {
			if (!this.armed) {
				this.armed = true;
				arm();
			}
		}
	}

	void remove(SwsWebSocketSession session) {
		this.sessions.remove(session);
	}

	/**
	 * Returns the number of open sessions.
	 * @return the count
	 */
	int size() {
		return this.sessions.size();
	}

	/**
	 * Returns the encrypted bytes waiting for peers, over all open sessions.
	 * @return the sum
	 */
	long bufferedBytes() {
		long sum = 0;
		for (SwsWebSocketSession session : this.sessions) {
			sum += session.getBufferedBytes();
		}
		return sum;
	}

	@SuppressWarnings("FutureReturnValueIgnored") // a TaskScheduler logs what its tasks throw
	private void arm() {
		try {
			this.options.scheduler().schedule(this::check, this.options.clock().instant().plus(this.period));
		}
		catch (RejectedExecutionException ex) { // the scheduler shut down with its server or client
			this.armed = false;
		}
	}

	@SuppressWarnings("ModifyCollectionInEnhancedForLoop") // a concurrent set: its iterator allows removal
	private void check() {
		long now = this.options.clock().millis();
		for (SwsWebSocketSession session : this.sessions) {
			if (session.isWriteOverdue(now)) {
				this.sessions.remove(session);
				try {
					this.options.ioExecutor()
						.execute(() -> session.closeForLimit(FailureReason.SEND_TIME_LIMIT,
								"A write to the peer has been in progress for more than "
										+ this.options.sendTimeLimit()));
				}
				catch (RejectedExecutionException ex) {
					logger.debug("The SWS I/O executor refused to close session " + session.getId(), ex);
				}
			}
		}
		synchronized (this) {
			if (this.sessions.isEmpty()) {
				this.armed = false;
			}
			else {
				arm();
			}
		}
	}

}
