package dev.sws.webflux;

import java.net.URI;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.WebsocketServerSpec;

import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.util.ClassUtils;
import org.springframework.web.reactive.socket.HandshakeInfo;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.adapter.ReactorNettyWebSocketSession;
import org.springframework.web.reactive.socket.server.RequestUpgradeStrategy;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.server.ServerWebExchange;

import dev.sws.protocol.FailureReason;
import dev.sws.protocol.SecureChannel;
import dev.sws.protocol.ServerHandshakeSettings;

/**
 * The server side of SWS for one WebFlux application: handshake settings, limits and timers,
 * shared by every handler it decorates. A handler opts in with one line, where it is mapped:
 * <pre class="code">
 * new SimpleUrlHandlerMapping(Map.of("/echo", swsServer.decorate(new EchoHandler())), -1);
 * </pre>
 * The decorated handler runs the server handshake (v1, v2 and v3, as the settings allow) before the
 * application's handler sees anything, then hands it an {@link SwsReactiveSession}.
 *
 * <p>Close codes are those of the servlet side: protocol errors 1002, a text frame after the
 * handshake or a binary frame during a v1/v2 handshake 1003, invalid UTF-8 1007, authentication
 * and decryption failures and handshake timeouts 1008, oversized messages 1009, 1013 for the oldest
 * pending handshake when a new connection arrives at the cap on pending handshakes (global across
 * this server's handlers), and 4500 for a peer that does not read. The peer learns only the code;
 * the reason goes to a debug log line and the {@link SwsReactiveEventListener}.
 */
public final class SwsReactiveServer {

	/** Default delay before the first data frame: 50 ms (docs/protocol/sws-v1-v2.md section 6.3). */
	public static final Duration DEFAULT_FIRST_FRAME_DELAY = Duration.ofMillis(50);

	/** Default cap on concurrent pending handshakes; at the cap the oldest is closed with 1013. */
	public static final int DEFAULT_MAX_PENDING_HANDSHAKES = 1000;

	private static final boolean REACTOR_NETTY = ClassUtils.isPresent("reactor.netty.http.server.HttpServerResponse",
			SwsReactiveServer.class.getClassLoader());

	private final ServerHandshakeSettings handshakeSettings;

	private final SwsReactiveOptions options;

	private final Duration firstFrameDelay;

	private final int maxPendingHandshakes;

	/** Pending handshakes in arrival order. */
	private final LinkedHashSet<SwsReactiveConnection> pending = new LinkedHashSet<>();

	private final Set<SwsReactiveSession> openSessions = ConcurrentHashMap.newKeySet();

	private SwsReactiveServer(Builder builder) {
		this.handshakeSettings = builder.handshake.build();
		this.options = builder.options();
		this.firstFrameDelay = builder.firstFrameDelay;
		this.maxPendingHandshakes = builder.maxPendingHandshakes;
	}

	/**
	 * Starts a builder.
	 * @param handshake the server's keys, versions and certificate policy (still adjustable
	 * through {@link Builder#handshake()})
	 * @return the builder
	 */
	public static Builder builder(ServerHandshakeSettings.Builder handshake) {
		return new Builder(handshake);
	}

	/**
	 * Wraps a reactive handler so that it speaks SWS.
	 * @param handler the application's handler
	 * @return the decorated handler, to map instead of {@code handler}
	 */
	public WebSocketHandler decorate(WebSocketHandler handler) {
		return new SwsServerWebSocketHandler(handler, this);
	}

	/**
	 * Returns a {@link WebSocketService} whose frame limit fits this server's maximum message
	 * size on Reactor Netty, whose own default (64 KiB) would refuse larger SWS frames with 1009
	 * before SWS sees them; on other servers it upgrades as Spring's default service does. Return
	 * it from {@code WebFluxConfigurer#getWebSocketService()} (the auto-configuration does).
	 * @return the service
	 */
	public WebSocketService webSocketService() {
		if (!REACTOR_NETTY) {
			return new HandshakeWebSocketService();
		}
		return new HandshakeWebSocketService(
				new ReactorNetty.ServerAwareUpgradeStrategy(this.options.maxMessageSize() + SecureChannel.OVERHEAD));
	}

	/**
	 * Returns the handshake settings.
	 * @return the settings
	 */
	public ServerHandshakeSettings getHandshakeSettings() {
		return this.handshakeSettings;
	}

	/**
	 * Returns the session options.
	 * @return the options
	 */
	public SwsReactiveOptions getOptions() {
		return this.options;
	}

	/**
	 * Returns the delay before the first data frame of each session.
	 * @return the delay
	 */
	public Duration getFirstFrameDelay() {
		return this.firstFrameDelay;
	}

	/**
	 * Returns the cap on concurrent pending handshakes.
	 * @return the cap
	 */
	public int getMaxPendingHandshakes() {
		return this.maxPendingHandshakes;
	}

	/**
	 * Returns the number of handshakes in progress right now.
	 * @return the count
	 */
	public int getPendingHandshakes() {
		synchronized (this.pending) {
			return this.pending.size();
		}
	}

	/**
	 * Returns the number of sessions open right now, over every handler this server decorates.
	 * @return the count
	 */
	public int getOpenSessions() {
		return this.openSessions.size();
	}

	/**
	 * Returns the bytes of encrypted frames waiting for peers right now, over every open session;
	 * each session's share is bounded by the outbound buffer limit plus one message.
	 * @return the sum
	 */
	public long getBufferedBytes() {
		long sum = 0;
		for (SwsReactiveSession session : this.openSessions) {
			sum += session.getBufferedBytes();
		}
		return sum;
	}

	/** Counts a handshake that started; at the cap, closes the oldest pending one with 1013. */
	void handshakeStarted(SwsReactiveConnection connection) {
		SwsReactiveConnection oldest = null;
		synchronized (this.pending) {
			this.pending.add(connection);
			if (this.pending.size() > this.maxPendingHandshakes) {
				Iterator<SwsReactiveConnection> connections = this.pending.iterator();
				oldest = connections.next();
				connections.remove();
			}
		}
		if (oldest != null) {
			oldest.abortHandshake(FailureReason.TOO_MANY_PENDING, "Oldest of " + this.maxPendingHandshakes
					+ " pending handshakes, closed to make room for a new connection");
		}
	}

	void handshakeEnded(SwsReactiveConnection connection) {
		synchronized (this.pending) {
			this.pending.remove(connection);
		}
	}

	void sessionOpened(SwsReactiveSession session) {
		this.openSessions.add(session);
	}

	void sessionEnded(SwsReactiveSession session) {
		this.openSessions.remove(session);
	}

	/** Keeps Reactor Netty's types out of the server's own signature: Reactor Netty is optional. */
	private static final class ReactorNetty {

		/** Reactor Netty's strategy, sized for SWS frames, on Reactor Netty; Spring's default elsewhere. */
		static final class ServerAwareUpgradeStrategy implements RequestUpgradeStrategy {

			private final int maxMessage;

			private volatile @Nullable RequestUpgradeStrategy other;

			ServerAwareUpgradeStrategy(int maxMessage) {
				this.maxMessage = maxMessage;
			}

			/**
			 * Upgrades as Spring's {@code ReactorNettyRequestUpgradeStrategy} does, except for the
			 * limits: a whole message (the frames Netty joins) may be as large as SWS's largest
			 * frame, and Netty refuses a longer one with 1009 as soon as its fragments exceed it; one
			 * frame may be twice that, so that a frame a little over the limit reaches SWS, which
			 * refuses it with 1009 after reading it, instead of Netty dropping the connection while
			 * the peer still writes.
			 */
			@Override
			public Mono<Void> upgrade(ServerWebExchange exchange, WebSocketHandler handler, @Nullable String subProtocol,
					Supplier<HandshakeInfo> handshakeInfoFactory) {
				ServerHttpResponse response = exchange.getResponse();
				Object nativeResponse = ServerHttpResponseDecorator.getNativeResponse(response);
				if (!(nativeResponse instanceof HttpServerResponse reactorResponse)) {
					return other().upgrade(exchange, handler, subProtocol, handshakeInfoFactory);
				}
				HandshakeInfo handshakeInfo = handshakeInfoFactory.get();
				NettyDataBufferFactory bufferFactory = (NettyDataBufferFactory) response.bufferFactory();
				URI uri = exchange.getRequest().getURI();
				int maxFrame = (int) Math.min(2L * this.maxMessage, Integer.MAX_VALUE - 8);
				return response.setComplete().then(Mono.defer(() -> {
					WebsocketServerSpec.Builder spec = WebsocketServerSpec.builder().maxFramePayloadLength(maxFrame);
					if (subProtocol != null) {
						spec.protocols(subProtocol);
					}
					return reactorResponse.sendWebsocket((in, out) -> handler
						.handle(new ReactorNettyWebSocketSession(in, out, handshakeInfo, bufferFactory, this.maxMessage))
						.checkpoint(uri + " [SWS on Reactor Netty]"), spec.build());
				}));
			}

			private RequestUpgradeStrategy other() {
				RequestUpgradeStrategy strategy = this.other;
				if (strategy == null) {
					strategy = new HandshakeWebSocketService().getUpgradeStrategy();
					this.other = strategy;
				}
				return strategy;
			}

		}

	}

	/**
	 * Builds an {@link SwsReactiveServer}.
	 */
	public static final class Builder extends SwsReactiveOptionsBuilder<Builder> {

		private final ServerHandshakeSettings.Builder handshake;

		private Duration firstFrameDelay = DEFAULT_FIRST_FRAME_DELAY;

		private int maxPendingHandshakes = DEFAULT_MAX_PENDING_HANDSHAKES;

		private Builder(ServerHandshakeSettings.Builder handshake) {
			this.handshake = Objects.requireNonNull(handshake, "handshake");
		}

		/**
		 * Returns the handshake settings builder, to adjust versions, certificates, randomness or
		 * the replay cache.
		 * @return the handshake builder
		 */
		public ServerHandshakeSettings.Builder handshake() {
			return this.handshake;
		}

		/**
		 * Sets the delay before the first data frame (default 50 ms; zero disables it, which
		 * breaks original JavaScript clients on fast links).
		 * @param delay the delay
		 * @return this builder
		 */
		public Builder firstFrameDelay(Duration delay) {
			if (delay.isNegative()) {
				throw new IllegalArgumentException("The first-frame delay cannot be negative");
			}
			this.firstFrameDelay = delay;
			return this;
		}

		/**
		 * Sets the cap on concurrent pending handshakes (default 1000); a connection that arrives
		 * at the cap closes the oldest pending handshake with 1013.
		 * @param max the cap
		 * @return this builder
		 */
		public Builder maxPendingHandshakes(int max) {
			if (max < 1) {
				throw new IllegalArgumentException("The pending-handshake cap must be positive");
			}
			this.maxPendingHandshakes = max;
			return this;
		}

		/**
		 * Builds the server.
		 * @return the server
		 * @throws IllegalStateException if the handshake settings are inconsistent
		 */
		public SwsReactiveServer build() {
			return new SwsReactiveServer(this);
		}

	}

}
