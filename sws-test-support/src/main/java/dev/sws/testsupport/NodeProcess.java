package dev.sws.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.fail;

/**
 * A long-running Node.js script started by {@link NodeJs#spawn}, typically a reference server
 * that prints {@code ready <port>} once it listens on a port the OS picked. Its output (stdout and
 * stderr merged) is collected line by line; every wait on it is bounded. {@link #close()} kills
 * the process and its children.
 */
public final class NodeProcess implements AutoCloseable {

	private static final String READY = "ready ";

	private final Process process;

	private final String description;

	private final List<String> lines = new ArrayList<>();

	private boolean ended;

	NodeProcess(Process process, String description) {
		this.process = process;
		this.description = description;
		Thread reader = new Thread(this::collect, "node-output-" + process.pid());
		reader.setDaemon(true);
		reader.start();
	}

	private void collect() {
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				synchronized (this) {
					this.lines.add(line);
					notifyAll();
				}
			}
		}
		catch (IOException ex) {
			// the process was killed
		}
		finally {
			synchronized (this) {
				this.ended = true;
				notifyAll();
			}
		}
	}

	/**
	 * Waits for the {@code ready <port>} line.
	 * @param timeout the longest wait
	 * @return the port
	 */
	public int awaitReady(Duration timeout) {
		String line = awaitLine((candidate) -> candidate.startsWith(READY), timeout);
		return Integer.parseInt(line.substring(READY.length()).trim());
	}

	/**
	 * Waits for the first output line (since the start) that matches, failing the test if none
	 * comes in time or the process ends first.
	 * @param condition what the line must satisfy
	 * @param timeout the longest wait
	 * @return the line
	 */
	public synchronized String awaitLine(Predicate<String> condition, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		int checked = 0;
		try {
			while (true) {
				for (; checked < this.lines.size(); checked++) {
					if (condition.test(this.lines.get(checked))) {
						return this.lines.get(checked);
					}
				}
				long remaining = deadline - System.nanoTime();
				if (this.ended || remaining <= 0) {
					return fail((this.ended ? "'" + this.description + "' ended" : "Nothing matched within " + timeout)
							+ "; its output:\n" + String.join("\n", this.lines));
				}
				TimeUnit.NANOSECONDS.timedWait(this, remaining);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return fail("Interrupted while waiting for " + this.description);
		}
	}

	/**
	 * Returns the first line so far that matches, without waiting.
	 * @param condition what the line must satisfy
	 * @return the line, if any
	 */
	public synchronized Optional<String> findLine(Predicate<String> condition) {
		return this.lines.stream().filter(condition).findFirst();
	}

	/**
	 * Returns the output so far.
	 * @return the lines
	 */
	public synchronized List<String> lines() {
		return List.copyOf(this.lines);
	}

	/**
	 * Kills the process and its children, waiting a bounded time for them to end.
	 */
	@Override
	public void close() {
		this.process.descendants().forEach(ProcessHandle::destroyForcibly);
		this.process.destroy();
		try {
			if (!this.process.waitFor(5, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public String toString() {
		return this.description;
	}

}
