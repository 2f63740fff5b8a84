package dev.sws.socket;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.web.socket.WebSocketHandler;

import dev.sws.protocol.ServerHandshakeSettings;

/**
 * The server side of SWS for one application: handshake settings, limits and timers, shared by
 * every handler it decorates. The cap on pending handshakes is global across those handlers.
 *
 * <p>With auto-configuration, an {@code SwsServer} bean exists; a plain handler opts in with one
 * line in a {@code WebSocketConfigurer}:
 * <pre class="code">
 * registry.addHandler(swsServer.decorate(new EchoHandler()), "/echo");
 * </pre>
 * {@link #close()} stops the scheduler the server created for itself, if any.
 */
public final class SwsServer implements AutoCloseable {

	/** Default delay before the first data frame: 50 ms (SPEC 6.3). */
	public static final Duration DEFAULT_FIRST_FRAME_DELAY = Duration.ofMillis(50);

	/** Default cap on concurrent pending handshakes. */
	public static final int DEFAULT_MAX_PENDING_HANDSHAKES = 1000;

	private final ServerHandshakeSettings handshakeSettings;

	private final SwsSessionOptions options;

	private final Duration firstFrameDelay;

	private final int maxPendingHandshakes;

	private final ThreadPoolTaskScheduler ownedScheduler;

	private final AtomicInteger pendingHandshakes = new AtomicInteger();

	private SwsServer(Builder builder, SwsSessionOptions options, ThreadPoolTaskScheduler ownedScheduler) {
		this.handshakeSettings = builder.handshake.build();
		this.options = options;
		this.firstFrameDelay = builder.firstFrameDelay;
		this.maxPendingHandshakes = builder.maxPendingHandshakes;
		this.ownedScheduler = ownedScheduler;
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
	public SwsWebSocketHandlerDecorator decorate(WebSocketHandler handler) {
		return new SwsWebSocketHandlerDecorator(handler, this);
	}

	/**
	 * Returns the handshake settings.
	 * @return the settings
	 */
	public ServerHandshakeSettings handshakeSettings() {
		return this.handshakeSettings;
	}

	/**
	 * Returns the session options.
	 * @return the options
	 */
	public SwsSessionOptions options() {
		return this.options;
	}

	/**
	 * Returns the delay before the first data frame of each session.
	 * @return the delay
	 */
	public Duration firstFrameDelay() {
		return this.firstFrameDelay;
	}

	/**
	 * Returns the cap on concurrent pending handshakes.
	 * @return the cap
	 */
	public int maxPendingHandshakes() {
		return this.maxPendingHandshakes;
	}

	/**
	 * Returns the number of handshakes in progress right now.
	 * @return the count
	 */
	public int pendingHandshakes() {
		return this.pendingHandshakes.get();
	}

	boolean tryStartHandshake() {
		while (true) {
			int current = this.pendingHandshakes.get();
			if (current >= this.maxPendingHandshakes) {
				return false;
			}
			if (this.pendingHandshakes.compareAndSet(current, current + 1)) {
				return true;
			}
		}
	}

	void handshakeEnded() {
		this.pendingHandshakes.decrementAndGet();
	}

	/**
	 * Stops the scheduler this server created for itself; a scheduler passed to the builder is
	 * left alone.
	 */
	@Override
	public void close() {
		if (this.ownedScheduler != null) {
			this.ownedScheduler.shutdown();
		}
	}

	static ThreadPoolTaskScheduler newScheduler(String threadNamePrefix) {
		ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
		scheduler.setThreadNamePrefix(threadNamePrefix);
		scheduler.setDaemon(true);
		scheduler.setRemoveOnCancelPolicy(true);
		scheduler.initialize();
		return scheduler;
	}

	/**
	 * Builds an {@link SwsServer}.
	 */
	public static final class Builder {

		private final ServerHandshakeSettings.Builder handshake;

		private Duration handshakeTimeout = SwsSessionOptions.DEFAULT_HANDSHAKE_TIMEOUT;

		private int maxMessageSize = SwsSessionOptions.DEFAULT_MAX_MESSAGE_SIZE;

		private InboundMessageMode inboundMode = InboundMessageMode.AUTO;

		private TaskScheduler scheduler;

		private Clock clock = Clock.systemUTC();

		private SwsEventListener listener = SwsEventListener.NONE;

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
		 * Sets how long a handshake may take (default 2 s); a stalled peer is closed with 1008.
		 * @param timeout the timeout
		 * @return this builder
		 */
		public Builder handshakeTimeout(Duration timeout) {
			this.handshakeTimeout = timeout;
			return this;
		}

		/**
		 * Sets the largest accepted message, in plaintext bytes (default 1 MiB); larger frames are
		 * closed with 1009 before any decryption.
		 * @param maxMessageSize the limit
		 * @return this builder
		 */
		public Builder maxMessageSize(int maxMessageSize) {
			this.maxMessageSize = maxMessageSize;
			return this;
		}

		/**
		 * Sets how decrypted messages are handed to handlers (default {@link InboundMessageMode#AUTO}).
		 * @param inboundMode the mode
		 * @return this builder
		 */
		public Builder inboundMode(InboundMessageMode inboundMode) {
			this.inboundMode = inboundMode;
			return this;
		}

		/**
		 * Sets the scheduler for timeouts and held frames; by default the server creates a
		 * one-thread daemon scheduler that {@link SwsServer#close()} stops.
		 * @param scheduler the scheduler
		 * @return this builder
		 */
		public Builder scheduler(TaskScheduler scheduler) {
			this.scheduler = scheduler;
			return this;
		}

		/**
		 * Sets the clock (default: system UTC).
		 * @param clock the clock
		 * @return this builder
		 */
		public Builder clock(Clock clock) {
			this.clock = Objects.requireNonNull(clock, "clock");
			return this;
		}

		/**
		 * Sets the listener of session events, for metrics.
		 * @param listener the listener
		 * @return this builder
		 */
		public Builder listener(SwsEventListener listener) {
			this.listener = Objects.requireNonNull(listener, "listener");
			return this;
		}

		/**
		 * Sets the delay before the first data frame (default 50 ms; zero disables it, which
		 * breaks original JavaScript clients on fast links).
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
		 * Sets the cap on concurrent pending handshakes (default 1000); the excess is closed with
		 * 1013.
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
		public SwsServer build() {
			ThreadPoolTaskScheduler owned = (this.scheduler == null) ? newScheduler("sws-server-") : null;
			TaskScheduler effective = (owned != null) ? owned : this.scheduler;
			try {
				SwsSessionOptions options = new SwsSessionOptions(this.handshakeTimeout, this.maxMessageSize,
						this.inboundMode, effective, this.clock, this.listener);
				return new SwsServer(this, options, owned);
			}
			catch (RuntimeException ex) {
				if (owned != null) {
					owned.shutdown();
				}
				throw ex;
			}
		}

	}

}
