package dev.sws.sample.console;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedReader;
import java.io.PipedWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ChatConsole} in a thread, typed into through a pipe; what it prints is collected by line.
 */
public final class ConsoleParticipant implements AutoCloseable {

	static final Duration WAIT = Duration.ofSeconds(20);

	private final PipedWriter keyboard = new PipedWriter();

	private final List<String> lines = new CopyOnWriteArrayList<>();

	private final CompletableFuture<Integer> exit;

	private ConsoleParticipant(String... args) throws IOException {
		BufferedReader in = new BufferedReader(new PipedReader(this.keyboard));
		PrintStream out = new PrintStream(new LineCollector(this.lines), true, StandardCharsets.UTF_8);
		this.exit = CompletableFuture.supplyAsync(() -> ChatConsole.run(args, in, out));
	}

	/**
	 * Starts the console.
	 * @param args its command-line arguments
	 * @return the running console
	 * @throws IOException if the pipe cannot be made
	 */
	public static ConsoleParticipant start(String... args) throws IOException {
		return new ConsoleParticipant(args);
	}

	/**
	 * Types a line.
	 * @param line the line
	 */
	public void type(String line) {
		try {
			this.keyboard.write(line + "\n");
			this.keyboard.flush();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Waits for a printed line.
	 * @param description what is awaited, for the failure message
	 * @param condition the line's condition
	 * @return the line
	 * @throws InterruptedException if interrupted
	 */
	public String awaitLine(String description, Predicate<String> condition) throws InterruptedException {
		long deadline = System.nanoTime() + WAIT.toNanos();
		while (System.nanoTime() < deadline) {
			for (String line : this.lines) {
				if (condition.test(line)) {
					return line;
				}
			}
			synchronized (this.lines) {
				this.lines.wait(100);
			}
		}
		throw new AssertionError("The console printed no line with " + description + " within " + WAIT + ": " + this.lines);
	}

	/**
	 * Waits for the console to end.
	 * @return its exit code
	 * @throws Exception if it does not end in time
	 */
	public int exitCode() throws Exception {
		return this.exit.get(WAIT.toSeconds(), TimeUnit.SECONDS);
	}

	/**
	 * Returns everything printed so far.
	 * @return the lines
	 */
	public List<String> lines() {
		return List.copyOf(this.lines);
	}

	@Override
	public void close() throws Exception {
		if (!this.exit.isDone()) {
			type("/quit");
			this.keyboard.close();
			assertThat(exitCode()).isZero();
		}
	}

	/** Splits what the console prints into lines and wakes up waiters. */
	private static final class LineCollector extends OutputStream {

		private final List<String> lines;

		private final java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();

		LineCollector(List<String> lines) {
			this.lines = lines;
		}

		@Override
		public synchronized void write(int b) {
			if (b == '\n') {
				this.lines.add(this.line.toString(StandardCharsets.UTF_8));
				this.line.reset();
				synchronized (this.lines) {
					this.lines.notifyAll();
				}
			}
			else {
				this.line.write(b);
			}
		}

	}

}
