package dev.sws.webflux;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.scheduler.Scheduler;

/**
 * The bytes of encrypted frames that wait for one peer, and the room left for more. The outbound
 * stream of a session is serial, so at most one acquisition waits at a time. A release that makes
 * room wakes that waiter on the scheduler, never on the releasing (transport) thread: the waiter
 * goes on to write to the transport, which must not happen inside the transport's own release.
 */
final class OutboundBudget {

	private final long limit;

	private final Scheduler scheduler;

	private long outstanding;

	private @Nullable MonoSink<Void> waiter;

	private int waitingFor;

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

	/** The bytes taken and not yet given back. */
	synchronized long getOutstanding() {
		return this.outstanding;
	}

}
