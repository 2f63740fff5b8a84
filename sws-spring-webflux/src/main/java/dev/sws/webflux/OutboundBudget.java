package dev.sws.webflux;

import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.scheduler.Scheduler;

/**
 * The bytes of encrypted frames that wait for one peer, and the room left for more. The outbound
 * stream of a session is serial, so at most one acquisition waits at a time. A release that makes
 * room wakes that waiter on the scheduler, never on the releasing (transport) thread: the waiter
 * goes on to write to the transport, which must not happen inside the transport's own release.
 * It also tells how long waiting frames have gone without the transport writing any, which is how
 * a peer that stopped reading shows, whether the budget or the transport's own demand holds the
 * application back.
 */
final class OutboundBudget {

	private final long limit;

	private final Scheduler scheduler;

	private long outstanding;

	private @Nullable MonoSink<Void> waiter;

	private int waitingFor;

	/** When the transport last wrote a frame, or the first frame of a burst was taken, in scheduler millis. */
	private long lastProgress;

	OutboundBudget(long limit, Scheduler scheduler) {
		this.limit = limit;
		this.scheduler = scheduler;
	}

	/**
	 * Takes {@code bytes} of room, at once if they fit (or if nothing waits for the peer: one
	 * message always goes through), else once enough has been released.
	 */
	Mono<Void> acquire(int bytes) {
		return Mono.create((sink) -> {
			synchronized (this) {
				if (fits(bytes)) {
					if (this.outstanding == 0) {
						this.lastProgress = now();
					}
					this.outstanding += bytes;
				}
				else {
					this.waiter = sink;
					this.waitingFor = bytes;
					sink.onCancel(() -> cancel(sink));
					return;
				}
			}
			sink.success();
		});
	}

	private boolean fits(int bytes) {
		return this.outstanding == 0 || this.outstanding + bytes <= this.limit;
	}

	private synchronized void cancel(MonoSink<Void> sink) {
		if (this.waiter == sink) {
			this.waiter = null;
		}
	}

	/** Gives back the room of a frame the transport has written (or dropped). */
	void release(int bytes) {
		MonoSink<Void> woken = null;
		synchronized (this) {
			this.outstanding -= bytes;
			this.lastProgress = now();
			if (this.waiter != null && fits(this.waitingFor)) {
				this.outstanding += this.waitingFor;
				woken = this.waiter;
				this.waiter = null;
			}
		}
		if (woken != null) {
			this.scheduler.schedule(woken::success);
		}
	}

	private long now() {
		return this.scheduler.now(TimeUnit.MILLISECONDS);
	}

	/**
	 * Tells how long frames have waited without the transport writing any, in milliseconds: 0 if
	 * nothing waits.
	 */
	synchronized long stalledFor() {
		return (this.outstanding == 0) ? 0 : Math.max(0, now() - this.lastProgress);
	}

	/** The bytes taken and not yet given back. */
	synchronized long getOutstanding() {
		return this.outstanding;
	}

}
