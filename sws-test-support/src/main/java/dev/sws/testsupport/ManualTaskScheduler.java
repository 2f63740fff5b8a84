package dev.sws.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.Trigger;

/**
 * A {@link TaskScheduler} driven by the test: tasks run only when the test advances the clock,
 * so timeouts and delays are tested without sleeping.
 */
public final class ManualTaskScheduler implements TaskScheduler {

	private final List<Task> tasks = new ArrayList<>();

	private Instant now = Instant.parse("2026-01-01T00:00:00Z");

	/**
	 * Returns a clock that reads this scheduler's current time.
	 * @return the clock
	 */
	@Override
	public Clock getClock() {
		return new Clock() {
			@Override
			public java.time.ZoneId getZone() {
				return ZoneOffset.UTC;
			}

			@Override
			public Clock withZone(java.time.ZoneId zone) {
				return this;
			}

			@Override
			public Instant instant() {
				synchronized (ManualTaskScheduler.this) {
					return ManualTaskScheduler.this.now;
				}
			}
		};
	}

	/**
	 * Advances the time and runs every task that became due, in time order.
	 * @param duration how far to advance
	 */
	public void advance(Duration duration) {
		Instant target;
		synchronized (this) {
			target = this.now.plus(duration);
		}
		while (true) {
			Task next;
			synchronized (this) {
				next = this.tasks.stream()
					.filter((task) -> !task.cancelled && !task.at.isAfter(target))
					.min(Comparator.comparing((Task task) -> task.at))
					.orElse(null);
				if (next == null) {
					this.now = target;
					return;
				}
				this.tasks.remove(next);
				this.now = next.at;
			}
			next.runnable.run();
		}
	}

	/**
	 * Returns the number of tasks that are scheduled and not cancelled.
	 * @return the count
	 */
	public synchronized int pendingTasks() {
		return (int) this.tasks.stream().filter((task) -> !task.cancelled).count();
	}

	@Override
	public synchronized ScheduledFuture<?> schedule(Runnable task, Instant startTime) {
		Task scheduled = new Task(task, startTime);
		this.tasks.add(scheduled);
		return scheduled;
	}

	@Override
	public ScheduledFuture<?> schedule(Runnable task, Trigger trigger) {
		throw new UnsupportedOperationException();
	}

	@Override
	public ScheduledFuture<?> scheduleAtFixedRate(Runnable task, Instant startTime, Duration period) {
		throw new UnsupportedOperationException();
	}

	@Override
	public ScheduledFuture<?> scheduleAtFixedRate(Runnable task, Duration period) {
		throw new UnsupportedOperationException();
	}

	@Override
	public ScheduledFuture<?> scheduleWithFixedDelay(Runnable task, Instant startTime, Duration delay) {
		throw new UnsupportedOperationException();
	}

	@Override
	public ScheduledFuture<?> scheduleWithFixedDelay(Runnable task, Duration delay) {
		throw new UnsupportedOperationException();
	}

	private static final class Task implements ScheduledFuture<Object> {

		final Runnable runnable;

		final Instant at;

		volatile boolean cancelled;

		Task(Runnable runnable, Instant at) {
			this.runnable = runnable;
			this.at = at;
		}

		@Override
		public long getDelay(TimeUnit unit) {
			return 0;
		}

		@Override
		public int compareTo(Delayed other) {
			return 0;
		}

		@Override
		public boolean cancel(boolean mayInterruptIfRunning) {
			this.cancelled = true;
			return true;
		}

		@Override
		public boolean isCancelled() {
			return this.cancelled;
		}

		@Override
		public boolean isDone() {
			return this.cancelled;
		}

		@Override
		public @Nullable Object get() {
			return null;
		}

		@Override
		public @Nullable Object get(long timeout, TimeUnit unit) {
			return null;
		}

	}

}
