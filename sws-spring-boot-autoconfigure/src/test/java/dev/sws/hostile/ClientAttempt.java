package dev.sws.hostile;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import dev.sws.protocol.FailureReason;
import dev.sws.protocol.SwsHandshakeException;

import static org.assertj.core.api.Assertions.fail;

/**
 * One connection of a {@link ClientUnderTest} to a hostile server, whatever the client's stack:
 * the handshake's outcome, and what the application behind the client saw of the session.
 */
final class ClientAttempt {

	private static final Duration WAIT = Duration.ofSeconds(20);

	/** Completes when the handshake succeeded; fails with the client's exception if it did not. */
	final CompletableFuture<Void> handshake = new CompletableFuture<>();

	/** How many sessions SWS handed the application. */
	final AtomicInteger sessions = new AtomicInteger();

	/** The messages SWS delivered to the application, as text. */
	final List<String> messages = new CopyOnWriteArrayList<>();

	/** The close code the client reports for its established session, once closed. */
	final CompletableFuture<Integer> closeCode = new CompletableFuture<>();

	private final Function<Throwable, Refusal> refusals;

	/**
	 * Creates an attempt.
	 * @param refusals reads the client's typed refusal out of a handshake failure, or returns null
	 */
	ClientAttempt(Function<Throwable, Refusal> refusals) {
		this.refusals = refusals;
	}

	/** Ends the handshake as {@code connection} ends: fails if it fails, succeeds if it completes. */
	void follow(CompletableFuture<?> connection) {
		connection.whenComplete((result, failure) -> {
			if (failure != null) {
				this.handshake.completeExceptionally(failure);
			}
			else {
				this.handshake.complete(null);
			}
		});
	}

	/** Waits for the handshake to fail, and returns the client's typed refusal. */
	Refusal refusal() throws Exception {
		try {
			this.handshake.get(WAIT.toSeconds(), TimeUnit.SECONDS);
		}
		catch (ExecutionException ex) {
			for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
				Refusal refusal = this.refusals.apply(cause);
				if (refusal != null) {
					return refusal;
				}
			}
			return fail("The handshake failed without a typed refusal", ex);
		}
		return fail("The handshake should have failed");
	}

	/** Waits for the session to open, then to close, and returns the close code the client reports. */
	int awaitClose() throws Exception {
		this.handshake.get(WAIT.toSeconds(), TimeUnit.SECONDS);
		return this.closeCode.get(WAIT.toSeconds(), TimeUnit.SECONDS);
	}

	/**
	 * A client's refusal of a handshake, in the servlet client's terms (the reactive client's
	 * exception has the same kinds).
	 * @param kind what happened
	 * @param reason the client's reason, if it refused
	 * @param closeCode the code the server closed with, if it did
	 */
	record Refusal(SwsHandshakeException.Kind kind, Optional<FailureReason> reason, OptionalInt closeCode) {

		@Override
		public String toString() {
			return this.kind + " " + this.reason.map(FailureReason::getTag).orElse("")
					+ this.closeCode.stream().mapToObj((code) -> "close " + code).findFirst().orElse("");
		}

	}

}
