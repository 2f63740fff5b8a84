package dev.sws.it;

import java.lang.reflect.Type;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;

import dev.sws.cert.NaclCert;
import dev.sws.cert.TrustPolicy;
import dev.sws.crypto.BoxKeyPair;
import dev.sws.crypto.RandomSource;
import dev.sws.protocol.ClientHandshakeSettings;
import dev.sws.protocol.ProtocolVersion;
import dev.sws.protocol.SwsHandshakeException;
import dev.sws.websocket.SwsWebSocketClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * SWS clients and a collecting handler for round-trip tests (also used by the interop tests and the
 * hostile-peer suite).
 */
public final class TestClients {

	public static final Duration WAIT = Duration.ofSeconds(20);

	private TestClients() {
	}

	public static SwsWebSocketClient v1(byte[] pinnedServerKey) {
		return SwsWebSocketClient
			.builder(ClientHandshakeSettings.builder(BoxKeyPair.generate(RandomSource.secure()), ProtocolVersion.V1)
				.pinnedServerKeys(List.of(pinnedServerKey)))
			.maxMessageSize(2 * 1024 * 1024)
			.build();
	}

	/**
	 * Subscribes to a STOMP destination and collects every payload as a string (the session's
	 * client must use a {@code StringMessageConverter}).
	 * @return the queue the payloads arrive in, in order
	 */
	public static BlockingQueue<String> subscribeStrings(StompSession session, String destination) {
		BlockingQueue<String> received = new LinkedBlockingQueue<>();
		session.subscribe(destination, new StompFrameHandler() {
			@Override
			public Type getPayloadType(StompHeaders headers) {
				return String.class;
			}

			@Override
			public void handleFrame(StompHeaders headers, Object payload) {
				received.add((String) payload);
			}
		});
		return received;
	}

	public static SwsWebSocketClient v2(NaclCert trustAnchor, BoxKeyPair keys, NaclCert clientCert) {
		ClientHandshakeSettings.Builder handshake = ClientHandshakeSettings
			.builder((keys != null) ? keys : BoxKeyPair.generate(RandomSource.secure()), ProtocolVersion.V2)
			.serverCertVerifier(TrustPolicy.builder().trustAnchor(trustAnchor).build());
		if (clientCert != null) {
			handshake.certificate(clientCert);
		}
		return SwsWebSocketClient.builder(handshake).maxMessageSize(2 * 1024 * 1024).build();
	}

	/**
	 * A v3 client that authenticates the server by its certificate ({@code trustAnchor}), by a
	 * pinned key ({@code pinnedServerKey}), or both; with a certificate of its own if given.
	 */
	public static SwsWebSocketClient v3(NaclCert trustAnchor, byte[] pinnedServerKey, BoxKeyPair keys,
			NaclCert clientCert) {
		ClientHandshakeSettings.Builder handshake = ClientHandshakeSettings
			.builder((keys != null) ? keys : BoxKeyPair.generate(RandomSource.secure()), ProtocolVersion.V3);
		if (trustAnchor != null) {
			handshake.serverCertVerifier(TrustPolicy.builder().trustAnchor(trustAnchor).build());
		}
		if (pinnedServerKey != null) {
			handshake.pinnedServerKeys(List.of(pinnedServerKey));
		}
		if (clientCert != null) {
			handshake.certificate(clientCert);
		}
		return SwsWebSocketClient.builder(handshake).maxMessageSize(2 * 1024 * 1024).build();
	}

	public static Collector connect(SwsWebSocketClient client, String url) throws Exception {
		Collector collector = new Collector();
		collector.session = client.execute(collector, null, URI.create(url)).get(WAIT.toSeconds(), TimeUnit.SECONDS);
		return collector;
	}

	public static SwsHandshakeException failure(CompletableFuture<?> future) throws Exception {
		try {
			future.get(WAIT.toSeconds(), TimeUnit.SECONDS);
		}
		catch (ExecutionException ex) {
			Throwable cause = ex.getCause();
			while (cause != null && !(cause instanceof SwsHandshakeException)) {
				cause = cause.getCause();
			}
			assertThat(cause).as("an SwsHandshakeException in %s", ex).isNotNull();
			return (SwsHandshakeException) cause;
		}
		return fail("The handshake should have failed");
	}

	/** Collects what a session receives. */
	public static final class Collector extends AbstractWebSocketHandler {

		public final BlockingQueue<WebSocketMessage<?>> messages = new LinkedBlockingQueue<>();

		public final CompletableFuture<CloseStatus> closed = new CompletableFuture<>();

		public volatile WebSocketSession session;

		@Override
		public void handleMessage(WebSocketSession session, WebSocketMessage<?> message) {
			this.messages.add(message);
		}

		@Override
		public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
			this.closed.complete(status);
		}

		public WebSocketMessage<?> next() throws InterruptedException {
			return next(WAIT);
		}

		public WebSocketMessage<?> next(Duration timeout) throws InterruptedException {
			WebSocketMessage<?> message = this.messages.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
			assertThat(message).as("a message within %s", timeout).isNotNull();
			return message;
		}

		public String nextText() throws InterruptedException {
			WebSocketMessage<?> message = next();
			assertThat(message).isInstanceOf(TextMessage.class);
			return ((TextMessage) message).getPayload();
		}

		public byte[] nextBytes() throws InterruptedException {
			return nextBytes(WAIT);
		}

		public byte[] nextBytes(Duration timeout) throws InterruptedException {
			WebSocketMessage<?> message = next(timeout);
			if (message instanceof TextMessage text) {
				return text.asBytes();
			}
			ByteBuffer payload = ((BinaryMessage) message).getPayload();
			byte[] bytes = new byte[payload.remaining()];
			payload.get(bytes);
			return bytes;
		}

		public int closeCode() throws Exception {
			return this.closed.get(WAIT.toSeconds(), TimeUnit.SECONDS).getCode();
		}

	}

}
