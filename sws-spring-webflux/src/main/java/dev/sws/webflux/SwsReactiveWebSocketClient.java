package dev.sws.webflux;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;
import org.springframework.web.reactive.socket.client.WebSocketClient;

import dev.sws.protocol.ClientHandshake;
import dev.sws.protocol.ClientHandshakeSettings;
import dev.sws.protocol.FailureReason;
import dev.sws.protocol.HandshakeFailure;
import dev.sws.protocol.HandshakeFrame;
import dev.sws.protocol.HandshakeMachine;
import dev.sws.protocol.ProtocolVersion;
import dev.sws.protocol.SecureChannel;
import dev.sws.protocol.SwsHandshakeException;

/**
 * A reactive {@link WebSocketClient} that speaks SWS over another one (Spring's
 * {@link ReactorNettyWebSocketClient} by default). It runs the client handshake and calls the
 * handler with an {@link SwsReactiveSession} only once the handshake succeeded; a failed handshake
 * ends the returned {@code Mono} with an {@link SwsHandshakeException} that says what
 * happened, without the handler running.
 * <pre class="code">
 * swsClient.execute(URI.create("wss://example.org/echo"), (session) -&gt; session
 *         .send(Mono.just(session.textMessage("hello")))
 *         .thenMany(session.receive().take(1).map(WebSocketMessage::getPayloadAsText))
 *         .then());
 * </pre>
 * <p>The server is always authenticated: by its certificate (v2, v3: trust anchors and the URI's
 * host) or by pinned keys, unless the settings explicitly opted out. Sessions have the semantics
 * of the server side's: whole messages, encryption in counter order, backpressure to the
 * application's publishers, typed close codes.
 */
public class SwsReactiveWebSocketClient implements WebSocketClient {

	private final WebSocketClient transport;

	private final ClientHandshakeSettings settings;

	private final SwsReactiveOptions options;

	private SwsReactiveWebSocketClient(Builder builder) {
		this.settings = builder.handshake.build();
		this.options = builder.options();
		this.transport = (builder.transport != null) ? builder.transport
				: new ReactorNettyClientTransport(this.options.maxMessageSize() + SecureChannel.OVERHEAD);
	}

	/**
	 * Starts a builder.
	 * @param handshake the client's keys, version and server authentication (still adjustable
	 * through {@link Builder#handshake()})
	 * @return the builder
	 */
	public static Builder builder(ClientHandshakeSettings.Builder handshake) {
		return new Builder(handshake);
	}

	/**
	 * Returns the handshake settings.
	 * @return the settings
	 */
	public ClientHandshakeSettings getSettings() {
		return this.settings;
	}

	/**
	 * Returns the session options.
	 * @return the options
	 */
	public SwsReactiveOptions getOptions() {
		return this.options;
	}

	/**
	 * Returns the WebSocket client that carries SWS.
	 * @return the transport client
	 */
	public WebSocketClient getTransport() {
		return this.transport;
	}

	@Override
	public Mono<Void> execute(URI url, WebSocketHandler handler) {
		return execute(url, new HttpHeaders(), handler);
	}

	/**
	 * Connects, runs the SWS handshake, then the handler on the encrypting session.
	 * @param url the server's {@code ws://} or {@code wss://} URL; its host is checked against
	 * the server's certificate
	 * @param headers headers of the HTTP upgrade request
	 * @param handler the application's handler
	 * @return completes when the handler is done; errors with {@link SwsHandshakeException}
	 * if the connection or the handshake failed
	 */
	@Override
	public Mono<Void> execute(URI url, HttpHeaders headers, WebSocketHandler handler) {
		return Mono.defer(() -> {
			String host = url.getHost();
			if (host == null) {
				return Mono.error(new IllegalArgumentException("The URI has no host: " + url));
			}
			String bare = (host.startsWith("[") && host.endsWith("]")) ? host.substring(1, host.length() - 1) : host;
			AtomicBoolean opened = new AtomicBoolean();
			return this.transport.execute(url, headers, new ClientHandler(handler, bare, opened))
				.onErrorMap((ex) -> !(ex instanceof SwsHandshakeException) && !opened.get(),
						SwsHandshakeException::connectFailed);
		});
	}

	private final class ClientHandler implements WebSocketHandler {

		private final WebSocketHandler delegate;

		private final String host;

		private final AtomicBoolean opened;

		ClientHandler(WebSocketHandler delegate, String host, AtomicBoolean opened) {
			this.delegate = delegate;
			this.host = host;
			this.opened = opened;
		}

		@Override
		public List<String> getSubProtocols() {
			return this.delegate.getSubProtocols();
		}

		@Override
		public Mono<Void> handle(WebSocketSession session) {
			return new ClientConnection(session, this).run();
		}

	}

	private final class ClientConnection extends SwsReactiveConnection {

		private final ClientHandler handler;

		ClientConnection(WebSocketSession transport, ClientHandler handler) {
			super(transport, new ClientHandshake(SwsReactiveWebSocketClient.this.settings, handler.host),
					SwsReactiveWebSocketClient.this.options, "client");
			this.handler = handler;
		}

		@Override
		Optional<HandshakeFrame> openingMessage(HandshakeMachine machine) {
			return Optional.of(((ClientHandshake) machine).start());
		}

		/**
		 * A server that required this client's certificate may still refuse it after the
		 * ClientReady, by closing: the session counts as accepted only after twice the
		 * handshake's round trip plus 50 ms (at most the rest of the handshake timeout).
		 */
		@Override
		Duration confirmationWindow(HandshakeMachine machine) {
			if (!(machine instanceof ClientHandshake handshake) || !handshake.isClientCertificateRequired()
					|| handshake.getVersion().map(ProtocolVersion::confirmsClientInHandshake).orElse(false)) {
				return Duration.ZERO;
			}
			Duration roundTrip = Duration.between(this.openedAt, this.options.clock().instant());
			Duration remaining = this.options.handshakeTimeout().minus(roundTrip);
			Duration window = roundTrip.multipliedBy(2).plusMillis(50);
			if (remaining.compareTo(window) < 0) {
				return remaining.isNegative() ? Duration.ofMillis(1) : remaining.plusMillis(1);
			}
			return window;
		}

		@Override
		FailureReason closedDuringHandshakeReason(int closeCode) {
			return SwsReactiveWebSocketClient.this.settings.getVersion().isRefusedBy(closeCode) ? FailureReason.UNSUPPORTED_VERSION
					: super.closedDuringHandshakeReason(closeCode);
		}

		@Override
		@Nullable Throwable handshakeFailed(HandshakeFailure failure) {
			return SwsHandshakeException.refused(failure.reason(), failure.detail());
		}

		@Override
		@Nullable Throwable closedDuringHandshake(int closeCode) {
			return SwsHandshakeException.closedByServer(closeCode, SwsReactiveWebSocketClient.this.settings.getVersion());
		}

		@Override
		Mono<Void> application(SwsReactiveSession session) {
			this.handler.opened.set(true);
			return this.handler.delegate.handle(session);
		}

	}

	/**
	 * Builds an {@link SwsReactiveWebSocketClient}.
	 */
	public static final class Builder extends SwsReactiveOptionsBuilder<Builder> {

		private final ClientHandshakeSettings.Builder handshake;

		private @Nullable WebSocketClient transport;

		private Builder(ClientHandshakeSettings.Builder handshake) {
			this.handshake = Objects.requireNonNull(handshake, "handshake");
		}

		/**
		 * Returns the handshake settings builder, to adjust pins, trust, the client certificate
		 * or randomness.
		 * @return the handshake builder
		 */
		public ClientHandshakeSettings.Builder handshake() {
			return this.handshake;
		}

		/**
		 * Sets the reactive WebSocket client that carries SWS (default: a
		 * {@link ReactorNettyWebSocketClient} that joins fragments into messages up to the
		 * maximum message size, and passes single frames up to twice that to SWS, which refuses
		 * them with 1009 once read).
		 * @param transport the client
		 * @return this builder
		 */
		public Builder transport(WebSocketClient transport) {
			this.transport = Objects.requireNonNull(transport, "transport");
			return this;
		}

		/**
		 * Builds the client.
		 * @return the client
		 * @throws IllegalStateException if the handshake settings are inconsistent (for example a
		 * v1 client without pinned keys)
		 */
		public SwsReactiveWebSocketClient build() {
			return new SwsReactiveWebSocketClient(this);
		}

	}

}
