package dev.sws.websocket;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.handler.WebSocketHandlerDecoratorFactory;

import dev.sws.protocol.ServerHandshakeSettings;

/**
 * The server side of SWS for one application: handshake settings, limits and timers, shared by
 * every handler it decorates.
 *
 * <p>The cap on pending handshakes is global across those handlers. When a connection arrives at
 * the cap, the <em>oldest</em> pending handshake is closed with 1013 to make room, so the number of
 * handshakes in progress, and the memory they hold, never exceeds the cap. Refusing the newcomer
 * instead would let a flood of connections that never speak lock every legitimate client out
 * until the flood's handshakes time out; with this policy a legitimate handshake, which completes
 * within one round trip, is only lost if the cap's worth of newer connections arrives during
 * that round trip.
 *
 * <p>With auto-configuration, an {@code SwsWebSocketHandlerDecoratorFactory} bean exists; a plain handler opts in with one
 * line in a {@code WebSocketConfigurer}:
 * <pre class="code">
 * registry.addHandler(swsServer.decorate(new EchoHandler()), "/echo");
 * </pre>
 * <p>It is a Spring {@link WebSocketHandlerDecoratorFactory}, so STOMP endpoints take it as it is:
 * {@code registration.addDecoratorFactory(swsServer)} in
 * {@code WebSocketMessageBrokerConfigurer#configureWebSocketTransport} (the auto-configuration does
 * that for every {@code @EnableWebSocketMessageBroker} application).
 * <p>Threads: a scheduler times handshakes, the first-frame hold and the watchdog of stalled
 * writes; its tasks never touch a socket but hand the I/O to an executor, so that a peer that
 * stops reading can delay neither another session's timers nor its frames. Both are the
 * builder's, or the server's own (one timer thread, and up to 64 I/O threads that end when idle).
 * {@link #close()} stops those the server created for itself.
 */
public final class SwsWebSocketHandlerDecoratorFactory implements WebSocketHandlerDecoratorFactory, AutoCloseable {

	/** Default delay before the first data frame: 50 ms (docs/protocol/sws-v1-v2.md section 6.3). */
	public static final Duration DEFAULT_FIRST_FRAME_DELAY = Duration.ofMillis(50);

	/** Default cap on concurrent pending handshakes; at the cap the oldest is closed with 1013. */
	public static final int DEFAULT_MAX_PENDING_HANDSHAKES = 1000;

	private final ServerHandshakeSettings handshakeSettings;

	private final SwsSessionOptions options;

	private final Duration firstFrameDelay;

	private final int maxPendingHandshakes;

	private final SwsThreads ownedThreads;

	private final OpenSessions openSessions;

	/** Pending handshakes in arrival order, with the decorator that runs each. */
	private final LinkedHashMap<SwsConnection, SwsServerWebSocketHandlerDecorator> pending = new LinkedHashMap<>();

	private SwsWebSocketHandlerDecoratorFactory(Builder builder, SwsThreads ownedThreads) {
		this.handshakeSettings = builder.handshake.build();
		this.options = builder.options(ownedThreads.scheduler(), ownedThreads.ioExecutor());
		this.firstFrameDelay = builder.firstFrameDelay;
		this.maxPendingHandshakes = builder.maxPendingHandshakes;
		this.ownedThreads = ownedThreads;
		this.openSessions = new OpenSessions(this.options);
	}

	/**
	 * Starts a builder.
	 * @param handshake the server's keys, versions and certificate policy (still adjustable
	 * through {@link Builder#handshake()})
	 * @return the builder
	 */
	public static Builder builder(ServerHandshakeSettings.Builder handshake) {
		return new Builder(handshake);
	}

	/**
	 * Wraps a handler so that it speaks SWS.
	 * @param handler the application's handler
	 * @return the decorated handler, to register instead of {@code handler}
	 */
	@Override
	public SwsServerWebSocketHandlerDecorator decorate(WebSocketHandler handler) {
		return new SwsServerWebSocketHandlerDecorator(handler, this);
	}

	/**
	 * Returns the handshake settings.
	 * @return the settings
	 */
	public ServerHandshakeSettings getHandshakeSettings() {
		return this.handshakeSettings;
	}

	/**
	 * Returns the session options.
	 * @return the options
	 */
	public SwsSessionOptions getOptions() {
		return this.options;
	}

	/**
	 * Returns the delay before the first data frame of each v1 or v2 session (v3 sessions are never held).
	 * @return the delay
	 */
	public Duration getFirstFrameDelay() {
		return this.firstFrameDelay;
	}

	/**
	 * Returns the cap on concurrent pending handshakes; at the cap, a new connection closes the
	 * oldest pending handshake with 1013.
	 * @return the cap
	 */
	public int getMaxPendingHandshakes() {
		return this.maxPendingHandshakes;
	}

	/**
	 * Returns the number of handshakes in progress right now.
	 * @return the count
	 */
	public int getPendingHandshakes() {
		synchronized (this.pending) {
			return this.pending.size();
		}
	}

	/**
	 * Returns the number of sessions open right now, over every handler this server decorates.
	 * @return the count
	 */
	public int getOpenSessions() {
		return this.openSessions.size();
	}

	/**
	 * Returns the bytes of encrypted frames waiting for peers right now (held back after the
	 * handshake, or queued behind a write to a slow peer), over every open session. Each session's
	 * share is bounded by the outbound buffer limit.
	 * @return the sum
	 */
	public long getBufferedBytes() {
		return this.openSessions.bufferedBytes();
	}

	OpenSessions sessions() {
		return this.openSessions;
	}

	/**
	 * Counts a handshake that started; at the cap, evicts the oldest pending handshake (closed
	 * with 1013 by its decorator, outside the lock).
	 */
	void handshakeStarted(SwsConnection connection, SwsServerWebSocketHandlerDecorator decorator) {
		Map.Entry<SwsConnection, SwsServerWebSocketHandlerDecorator> oldest = null;
		synchronized (this.pending) {
			this.pending.put(connection, decorator);
			if (this.pending.size() > this.maxPendingHandshakes) {
				Iterator<Map.Entry<SwsConnection, SwsServerWebSocketHandlerDecorator>> entries = this.pending.entrySet()
					.iterator();
				oldest = entries.next();
				entries.remove();
			}
		}
		if (oldest != null) {
			oldest.getValue().evict(oldest.getKey(), this.maxPendingHandshakes);
		}
	}

	void handshakeEnded(SwsConnection connection) {
		synchronized (this.pending) {
			this.pending.remove(connection);
		}
	}

	/**
	 * Stops the scheduler and I/O executor this server created for itself; those passed to the
	 * builder are left alone.
	 */
	@Override
	public void close() {
		this.ownedThreads.close();
	}

	/**
	 * Builds an {@link SwsWebSocketHandlerDecoratorFactory}.
	 */
	public static final class Builder extends SwsSessionOptionsBuilder<Builder> {

		private final ServerHandshakeSettings.Builder handshake;

		private Duration firstFrameDelay = DEFAULT_FIRST_FRAME_DELAY;

		private int maxPendingHandshakes = DEFAULT_MAX_PENDING_HANDSHAKES;

		private Builder(ServerHandshakeSettings.Builder handshake) {
			this.handshake = Objects.requireNonNull(handshake, "handshake");
		}

		/**
		 * Returns the handshake settings builder, to adjust versions, certificates, randomness or
		 * the replay cache.
		 * @return the handshake builder
		 */
		public ServerHandshakeSettings.Builder handshake() {
			return this.handshake;
		}

		/**
		 * Sets the delay before the first data frame of a v1 or v2 session (default 50 ms; zero
		 * disables it, which breaks original JavaScript clients on fast links). v3 sessions start
		 * with the ready message and are never held.
		 * @param delay the delay
		 * @return this builder
		 */
		public Builder firstFrameDelay(Duration delay) {
			if (delay.isNegative()) {
				throw new IllegalArgumentException("The first-frame delay cannot be negative");
			}
			this.firstFrameDelay = delay;
			return this;
		}

		/**
		 * Sets the cap on concurrent pending handshakes (default 1000). A connection that arrives
		 * at the cap closes the oldest pending handshake with 1013, so legitimate clients still
		 * get through a flood of connections that never finish their handshake.
		 * @param max the cap
		 * @return this builder
		 */
		public Builder maxPendingHandshakes(int max) {
			if (max < 1) {
				throw new IllegalArgumentException("The pending-handshake cap must be positive");
			}
			this.maxPendingHandshakes = max;
			return this;
		}

		/**
		 * Builds the server.
		 * @return the server
		 * @throws IllegalStateException if the handshake settings are inconsistent
		 */
		public SwsWebSocketHandlerDecoratorFactory build() {
			SwsThreads owned = SwsThreads.forBuilder(this, "sws-server-");
			try {
				return new SwsWebSocketHandlerDecoratorFactory(this, owned);
			}
			catch (RuntimeException ex) {
				owned.close();
				throw ex;
			}
		}

	}

}
