package dev.sws.webflux;

import java.security.Principal;
import java.time.Duration;
import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketSession;

import dev.sws.protocol.ServerHandshake;

/**
 * A reactive handler that speaks SWS as a server in front of the application's handler; made by
 * {@link SwsReactiveServer#decorate(WebSocketHandler)}. Public so that tools (the startup log of
 * the endpoints, for one) can recognise an SWS endpoint among a handler mapping's handlers.
 */
public final class SwsServerWebSocketHandler implements WebSocketHandler {

	private final WebSocketHandler delegate;

	private final SwsReactiveServer server;

	SwsServerWebSocketHandler(WebSocketHandler delegate, SwsReactiveServer server) {
		this.delegate = delegate;
		this.server = server;
	}

	/**
	 * Returns the server that decorated the handler.
	 * @return the server
	 */
	public SwsReactiveServer getServer() {
		return this.server;
	}

	/**
	 * Returns the application's handler, which sees the decrypted messages.
	 * @return the handler
	 */
	public WebSocketHandler getDelegate() {
		return this.delegate;
	}

	@Override
	public List<String> getSubProtocols() {
		return this.delegate.getSubProtocols();
	}

	@Override
	public Mono<Void> handle(WebSocketSession session) {
		return new ServerConnection(session).run();
	}

	@Override
	public String toString() {
		return "SwsServerWebSocketHandler [" + this.delegate + "]";
	}

	private final class ServerConnection extends SwsReactiveConnection {

		ServerConnection(WebSocketSession transport) {
			super(transport, new ServerHandshake(SwsServerWebSocketHandler.this.server.getHandshakeSettings()),
					SwsServerWebSocketHandler.this.server.getOptions(), "server");
		}

		@Override
		void handshakeStarted() {
			SwsServerWebSocketHandler.this.server.handshakeStarted(this);
		}

		@Override
		void handshakeEnded() {
			SwsServerWebSocketHandler.this.server.handshakeEnded(this);
		}

		@Override
		Duration firstFrameDelay() {
			return SwsServerWebSocketHandler.this.server.getFirstFrameDelay();
		}

		@Override
		Mono<Void> application(SwsReactiveSession session) {
			SwsServerWebSocketHandler.this.server.sessionOpened(session);
			SwsReactiveAuthenticator authenticator = SwsServerWebSocketHandler.this.server.getAuthenticator();
			if (authenticator == null) {
				return SwsServerWebSocketHandler.this.delegate.handle(session);
			}
			Principal principal = authenticator.authenticate(session.getPeer());
			session.principal(principal);
			return SwsServerWebSocketHandler.this.delegate.handle(session)
				.contextWrite((context) -> authenticator.contextWith(context, principal));
		}

		@Override
		void sessionEnded(SwsReactiveSession session) {
			SwsServerWebSocketHandler.this.server.sessionEnded(session);
		}

	}

}
