package dev.sws.hostile;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import reactor.core.publisher.Sinks;

import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;

import dev.sws.webflux.SwsReactiveWebSocketClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A session of the reactive client with an echoing server, driven from the test's thread: a
 * message sent, then its echo awaited.
 */
final class ReactiveEchoSession {

	private static final Duration WAIT = Duration.ofSeconds(20);

	private final Sinks.Many<String> outbound = Sinks.many().unicast().onBackpressureBuffer();

	private final BlockingQueue<String> inbound = new LinkedBlockingQueue<>();

	private final CompletableFuture<WebSocketSession> opened = new CompletableFuture<>();

	private ReactiveEchoSession() {
	}

	/** Opens a session, waiting for its handshake. */
	static ReactiveEchoSession open(SwsReactiveWebSocketClient client, URI url) throws Exception {
		ReactiveEchoSession echo = new ReactiveEchoSession();
		client.execute(url, (session) -> {
			echo.opened.complete(session);
			return session.send(echo.outbound.asFlux().map(session::textMessage))
				.and(session.receive().map(WebSocketMessage::getPayloadAsText).doOnNext(echo.inbound::add));
		}).subscribe(null, echo.opened::completeExceptionally);
		echo.opened.get(WAIT.toSeconds(), TimeUnit.SECONDS);
		return echo;
	}

	/** Sends {@code message} and asserts that it comes back. */
	void assertEchoes(String message) throws InterruptedException {
		this.outbound.emitNext(message, Sinks.EmitFailureHandler.FAIL_FAST);
		assertThat(this.inbound.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).as("the echo").isEqualTo(message);
	}

	/** Closes the session normally. */
	void close() throws Exception {
		this.outbound.tryEmitComplete();
		this.opened.get(WAIT.toSeconds(), TimeUnit.SECONDS).close().block(WAIT);
	}

}
