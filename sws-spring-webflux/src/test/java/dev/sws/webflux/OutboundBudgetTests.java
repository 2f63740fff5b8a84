package dev.sws.webflux;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.test.scheduler.VirtualTimeScheduler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The room for frames waiting for one peer: taken at once while it fits, always for one frame when
 * nothing waits, given back as the transport writes, and the time frames have waited without a
 * write, on a virtual clock.
 */
class OutboundBudgetTests {

	private final VirtualTimeScheduler time = VirtualTimeScheduler.create();

	private final OutboundBudget budget = new OutboundBudget(100, this.time);

	private boolean acquired(int bytes) {
		AtomicBoolean done = new AtomicBoolean();
		this.budget.acquire(bytes).subscribe(null, null, () -> done.set(true));
		this.time.advanceTime();
		return done.get();
	}

	@Test
	void roomIsTakenAtOnceWhileItFits() {
		assertThat(acquired(60)).isTrue();
		assertThat(acquired(40)).isTrue();
		assertThat(this.budget.getOutstanding()).isEqualTo(100);
	}

	@Test
	void oneFrameAlwaysGoesThroughWhenNothingWaits() {
		assertThat(acquired(500)).isTrue();
		assertThat(this.budget.getOutstanding()).isEqualTo(500);
	}

	@Test
	void aFrameThatDoesNotFitWaitsUntilTheTransportWroteEnough() {
		assertThat(acquired(80)).isTrue();
		AtomicBoolean second = new AtomicBoolean();
		this.budget.acquire(50).subscribe(null, null, () -> second.set(true));
		this.time.advanceTime();
		assertThat(second).isFalse();
		this.budget.release(80);
		this.time.advanceTime();
		assertThat(second).isTrue();
		assertThat(this.budget.getOutstanding()).isEqualTo(50);
	}

	@Test
	void aCancelledWaiterTakesNoRoom() {
		assertThat(acquired(80)).isTrue();
		Disposable waiting = this.budget.acquire(50).subscribe();
		waiting.dispose();
		this.budget.release(80);
		this.time.advanceTime();
		assertThat(this.budget.getOutstanding()).isZero();
	}

	@Test
	void stalledTimeCountsFromTheLastWriteWhileFramesWait() {
		assertThat(this.budget.stalledFor()).isZero();
		assertThat(acquired(30)).isTrue();
		assertThat(acquired(30)).isTrue();
		this.time.advanceTimeBy(Duration.ofMillis(400));
		assertThat(this.budget.stalledFor()).isEqualTo(400);
		this.budget.release(30);
		assertThat(this.budget.stalledFor()).isZero();
		this.time.advanceTimeBy(Duration.ofMillis(250));
		assertThat(this.budget.stalledFor()).isEqualTo(250);
		this.budget.release(30);
		assertThat(this.budget.stalledFor()).as("nothing waits").isZero();
	}

}
