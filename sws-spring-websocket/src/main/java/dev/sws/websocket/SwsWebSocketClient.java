package dev.sws.websocket;

import java.net.URI;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

import jakarta.websocket.ContainerProvider;
import jakarta.websocket.WebSocketContainer;
import org.jspecify.annotations.Nullable;

import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.client.WebSocketClient;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.util.UriComponentsBuilder;

import dev.sws.protocol.ClientHandshakeSettings;
import dev.sws.protocol.SwsHandshakeException;

/**
 * A {@link WebSocketClient} that speaks SWS over another WebSocket client (Spring's
 * {@link StandardWebSocketClient} by default). It runs the client handshake and completes the
 * returned future with an encrypting session only once the handshake succeeded; the user's
 * handler sees nothing before that. A failed handshake completes the future exceptionally with an
 * {@link SwsHandshakeException} that says what happened.
 *
 * <p>The server is always authenticated: in v2 by its certificate (trust anchors and the URI's
 * host), in v1 by pinned keys, in v3 by either or both, unless the settings explicitly opted out.
 * A v3 session opens when the server's ready message arrives, so a server that refuses this
 * client's certificate is a failed handshake, never an open session. Inbound and outbound
 * semantics are those of the server side: whole messages, atomic encrypt-and-send in counter
 * order, typed close codes.
 */
public class SwsWebSocketClient implements WebSocketClient, AutoCloseable {

	private final WebSocketClient transport;

	/** The JSR-356 container of the default transport, which this client made and so stops. */
	private final @Nullable WebSocketContainer ownedContainer;

	private final ClientHandshakeSettings settings;

	private final SwsSessionOptions options;

	private final SwsThreads ownedThreads;

	private final OpenSessions openSessions;

	private SwsWebSocketClient(Builder builder) {
		if (builder.transport != null) {
			this.transport = builder.transport;
			this.ownedContainer = null;
		}
		else {
			this.ownedContainer = WebSocketContainers.prepare(ContainerProvider.getWebSocketContainer());
			this.transport = new StandardWebSocketClient(this.ownedContainer);
		}
		this.settings = builder.settings();
		this.ownedThreads = SwsThreads.forBuilder(builder, "sws-client-");
		this.options = builder.options(this.ownedThreads.scheduler(), this.ownedThreads.ioExecutor());
		this.openSessions = new OpenSessions(this.options);
	}

	/**
	 * Creates a client over Spring's standard WebSocket client with default options.
	 * @param settings the client's keys, version and server authentication
	 */
	public SwsWebSocketClient(ClientHandshakeSettings settings) {
		this(new Builder(settings));
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
	@SuppressWarnings("FutureReturnValueIgnored") // the callback only completes the result, and cannot throw
	public CompletableFuture<WebSocketSession> execute(WebSocketHandler handler, @Nullable WebSocketHttpHeaders headers,
			URI uri) {
		CompletableFuture<WebSocketSession> result = new CompletableFuture<>();
		String host = uri.getHost();
		if (host == null) {
			result.completeExceptionally(new IllegalArgumentException("The URI has no host: " + uri));
			return result;
		}
		if (host.startsWith("[") && host.endsWith("]")) {
			host = host.substring(1, host.length() - 1);
		}
		SwsClientWebSocketHandlerDecorator decorator = new SwsClientWebSocketHandlerDecorator(handler, this.settings, host, this.options,
				this.openSessions, result);
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
	 * Returns the number of sessions of this client open right now.
	 * @return the count
	 */
	public int getOpenSessions() {
		return this.openSessions.size();
	}

	/**
	 * Returns the bytes of encrypted frames waiting for servers right now, over every open
	 * session of this client.
	 * @return the sum
	 */
	public long getBufferedBytes() {
		return this.openSessions.bufferedBytes();
	}

	/**
	 * Stops what this client created for itself: its scheduler and I/O executor, and the JSR-356
	 * container of its default transport (Jetty's client container runs non-daemon threads that
	 * would keep a client-only application's JVM alive). Those passed to the builder are left
	 * alone. Open sessions of a transport passed to the builder stay open, but their timers stop.
	 */
	@Override
	public void close() {
		this.ownedThreads.close();
		if (this.ownedContainer != null) {
			WebSocketContainers.stop(this.ownedContainer);
		}
	}

	/**
	 * Builds an {@link SwsWebSocketClient}.
	 */
	public static final class Builder extends SwsSessionOptionsBuilder<Builder> {

		/** The handshake builder; {@code null} only when {@link #settings} are given. */
		private final ClientHandshakeSettings.@Nullable Builder handshake;

		/** Settings built already, for the convenience constructor. */
		private @Nullable ClientHandshakeSettings settings;

		/** The transport the user set, or {@code null} for Spring's standard client over a container of our own. */
		private @Nullable WebSocketClient transport;

		private Builder(ClientHandshakeSettings.Builder handshake) {
			this.handshake = Objects.requireNonNull(handshake, "handshake");
		}

		private Builder(ClientHandshakeSettings settings) {
			this.handshake = null;
			this.settings = Objects.requireNonNull(settings, "settings");
		}

		/**
		 * Returns the handshake settings builder, to adjust pins, trust, the client certificate
		 * or randomness.
		 * @return the handshake builder
		 */
		public ClientHandshakeSettings.Builder handshake() {
			// only the convenience constructor's builder, which no caller sees, has none
			return Objects.requireNonNull(this.handshake, "handshake");
		}

		private ClientHandshakeSettings settings() {
			return (this.settings != null) ? this.settings : handshake().build();
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
