package dev.sws.websocket;

import java.time.Duration;
import java.util.Optional;

import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;

import dev.sws.protocol.FailureReason;
import dev.sws.protocol.HandshakeFrame;
import dev.sws.protocol.HandshakeMachine;
import dev.sws.protocol.ServerHandshake;

/**
 * Makes any {@link WebSocketHandler} speak SWS as a server: on connect it runs the server
 * handshake; only after it succeeds does the delegate's {@code afterConnectionEstablished} run,
 * with an {@link SwsWebSocketSession} whose {@code sendMessage} encrypts. Each decrypted message
 * reaches the delegate whole, as a text or binary message per {@link InboundMessageMode}.
 *
 * <p>Close codes: protocol errors 1002, a text frame after the handshake or a binary frame during
 * it 1003, invalid UTF-8 where text is expected 1007, authentication and decryption failures and
 * handshake timeouts 1008, oversized messages 1009, 1013 for the oldest pending handshake
 * when a new connection arrives at the server's cap on pending handshakes (see {@link SwsWebSocketHandlerDecoratorFactory}),
 * and 4500 for a session whose peer does not read fast enough (see {@link SwsWebSocketSession}).
 * The peer learns only the code; the reason goes to a debug log line and the
 * {@link SwsEventListener}.
 *
 * <p>Create instances with {@link SwsWebSocketHandlerDecoratorFactory#decorate(WebSocketHandler)}.
 */
public class SwsServerWebSocketHandlerDecorator extends SwsWebSocketHandlerDecorator {

	private final SwsWebSocketHandlerDecoratorFactory server;

	/**
	 * Creates a decorator.
	 * @param delegate the application's handler
	 * @param server the shared server settings
	 */
	public SwsServerWebSocketHandlerDecorator(WebSocketHandler delegate, SwsWebSocketHandlerDecoratorFactory server) {
		super(delegate, SwsRole.SERVER, server.getOptions(), server.sessions());
		this.server = server;
	}

	/**
	 * Returns the factory that made this decorator: the server's keys, versions, certificate
	 * policy and limits.
	 * @return the factory
	 */
	public SwsWebSocketHandlerDecoratorFactory getFactory() {
		return this.server;
	}

	@Override
	void handshakeStarted(SwsConnection connection) {
		this.server.handshakeStarted(connection, this);
	}

	/**
	 * Closes a pending handshake with 1013 to make room for a newer one, on the I/O executor: the
	 * new connection's thread does not wait for another peer's transport.
	 */
	void evict(SwsConnection connection, int cap) {
		runIo(() -> abortHandshake(connection, FailureReason.TOO_MANY_PENDING,
				"Oldest of " + cap + " pending handshakes, closed to make room for a new connection"));
	}

	@Override
	HandshakeMachine newHandshake(WebSocketSession transport) {
		return new ServerHandshake(this.server.getHandshakeSettings());
	}

	@Override
	Optional<HandshakeFrame> openingMessage(HandshakeMachine handshake) {
		return Optional.empty();
	}

	@Override
	void handshakeEnded(SwsConnection connection) {
		this.server.handshakeEnded(connection);
	}

	@Override
	@SuppressWarnings("FutureReturnValueIgnored") // the release is never cancelled; a TaskScheduler logs failures
	void beforeDelegateOpened(SwsWebSocketSession session) {
		Duration delay = this.server.getFirstFrameDelay();
		if (!delay.isZero() && session.getPeer().getVersion().needsFirstFrameHold()) {
			session.hold();
			scheduleIo(session::releaseHeld, clock().instant().plus(delay));
		}
	}

}
