package dev.sws.socket;

import java.net.URI;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

import org.springframework.scheduling.TaskScheduler;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.client.WebSocketClient;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.util.UriComponentsBuilder;

import dev.sws.protocol.ClientHandshakeSettings;

/**
 * A {@link WebSocketClient} that speaks SWS over another WebSocket client (Spring's
 * {@link StandardWebSocketClient} by default). It runs the client handshake and completes the
 * returned future with an encrypting session only once the handshake succeeded; the user's
 * handler sees nothing before that. A failed handshake completes the future exceptionally with an
 * {@link SwsHandshakeException} that says what happened.
 *
 * <p>The server is always authenticated: in v2 by its certificate (trust anchors and the URI's
 * host), in v1 by pinned keys, unless the settings explicitly opted out. Inbound and outbound
 * semantics are those of the server side: whole messages, atomic encrypt-and-send in counter
 * order, typed close codes.
 */
public class SwsWebSocketClient implements WebSocketClient {

	private static volatile TaskScheduler sharedScheduler;

	private final WebSocketClient transport;

	private final ClientHandshakeSettings settings;

	private final SwsSessionOptions options;

	private SwsWebSocketClient(Builder builder) {
		this.transport = builder.transport;
		this.settings = builder.handshake.build();
		this.options = builder.options(sharedScheduler());
	}

	/**
	 * Creates a client over Spring's standard WebSocket client with default options.
	 * @param settings the client's keys, version and server authentication
	 */
	public SwsWebSocketClient(ClientHandshakeSettings settings) {
		this.transport = new StandardWebSocketClient();
		this.settings = Objects.requireNonNull(settings, "settings");
		this.options = new SwsSessionOptions(SwsSessionOptions.DEFAULT_HANDSHAKE_TIMEOUT,
				SwsSessionOptions.DEFAULT_MAX_MESSAGE_SIZE, InboundMessageMode.AUTO, sharedScheduler(), Clock.systemUTC(),
				SwsEventListener.NONE);
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
	public SwsSessionOptions getOptions() {
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
	public CompletableFuture<WebSocketSession> execute(WebSocketHandler handler, String uriTemplate,
			Object... uriVariables) {
		URI uri = UriComponentsBuilder.fromUriString(uriTemplate).buildAndExpand(uriVariables).encode().toUri();
		return execute(handler, null, uri);
	}

	@Override
	public CompletableFuture<WebSocketSession> execute(WebSocketHandler handler, WebSocketHttpHeaders headers, URI uri) {
		CompletableFuture<WebSocketSession> result = new CompletableFuture<>();
		String host = uri.getHost();
		if (host == null) {
			result.completeExceptionally(new IllegalArgumentException("The URI has no host: " + uri));
			return result;
		}
		if (host.startsWith("[") && host.endsWith("]")) {
			host = host.substring(1, host.length() - 1);
		}
		SwsClientHandlerDecorator decorator = new SwsClientHandlerDecorator(handler, this.settings, host, this.options,
				result);
		this.transport.execute(decorator, headers, uri).whenComplete((session, ex) -> {
			if (ex != null) {
				result.completeExceptionally(SwsHandshakeException.connectFailed(unwrap(ex)));
			}
		});
		return result;
	}

	private static Throwable unwrap(Throwable ex) {
		return (ex instanceof java.util.concurrent.CompletionException && ex.getCause() != null) ? ex.getCause() : ex;
	}

	/**
	 * A small shared scheduler (one daemon thread) for the handshake timeouts of clients built
	 * without their own.
	 * @return the scheduler
	 */
	static TaskScheduler sharedScheduler() {
		TaskScheduler scheduler = sharedScheduler;
		if (scheduler == null) {
			synchronized (SwsWebSocketClient.class) {
				scheduler = sharedScheduler;
				if (scheduler == null) {
					scheduler = SwsServer.newScheduler("sws-client-");
					sharedScheduler = scheduler;
				}
			}
		}
		return scheduler;
	}

	/**
	 * Builds an {@link SwsWebSocketClient}.
	 */
	public static final class Builder extends SwsSessionOptionsBuilder<Builder> {

		private final ClientHandshakeSettings.Builder handshake;

		private WebSocketClient transport = new StandardWebSocketClient();

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
		 * Sets the WebSocket client that carries SWS (default: Spring's
		 * {@link StandardWebSocketClient}).
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
		public SwsWebSocketClient build() {
			return new SwsWebSocketClient(this);
		}

	}

}
