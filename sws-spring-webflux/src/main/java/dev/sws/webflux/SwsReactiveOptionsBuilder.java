package dev.sws.webflux;

import java.util.Objects;

import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import dev.sws.protocol.SessionLimitsBuilder;

/**
 * The options that {@link SwsReactiveServer.Builder} and {@link SwsReactiveWebSocketClient.Builder}
 * share: the limits and clock of every stack, and the reactive stack's message type, scheduler and
 * listener. At the {@link #maxOutboundBuffer(int) outbound buffer} limit the session takes no
 * further message from the application's publishers until the peer has read some: backpressure
 * reaches the application instead of memory growing. The
 * {@link #sendTimeLimit(java.time.Duration) send time limit} is how long the application's next
 * message may wait for that room; beyond it the session is closed with 4500. The clock times the
 * durations reported to the listener.
 *
 * @param <B> the concrete builder
 */
public abstract class SwsReactiveOptionsBuilder<B extends SwsReactiveOptionsBuilder<B>> extends SessionLimitsBuilder<B> {

	private InboundMessageType inboundMessages = InboundMessageType.TEXT_IF_UTF8;

	private Scheduler scheduler = Schedulers.parallel();

	private SwsReactiveEventListener listener = SwsReactiveEventListener.NONE;

	SwsReactiveOptionsBuilder() {
	}

	/**
	 * Sets the type of the decrypted messages the application's handler receives (default
	 * {@link InboundMessageType#TEXT_IF_UTF8}).
	 * @param inboundMessages the type
	 * @return this builder
	 */
	public B inboundMessages(InboundMessageType inboundMessages) {
		this.inboundMessages = Objects.requireNonNull(inboundMessages, "inboundMessages");
		return self();
	}

	/**
	 * Sets the scheduler of the timers (default {@link Schedulers#parallel()}).
	 * @param scheduler the scheduler
	 * @return this builder
	 */
	public B scheduler(Scheduler scheduler) {
		this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
		return self();
	}

	/**
	 * Sets the listener of session events, for metrics.
	 * @param listener the listener
	 * @return this builder
	 */
	public B listener(SwsReactiveEventListener listener) {
		this.listener = Objects.requireNonNull(listener, "listener");
		return self();
	}

	SwsReactiveOptions options() {
		return new SwsReactiveOptions(getHandshakeTimeout(), getMaxMessageSize(), getMaxOutboundBuffer(),
				getSendTimeLimit(), this.inboundMessages, this.scheduler, getClock(), this.listener);
	}

}
