package dev.sws.socket;

import java.time.Duration;
import java.util.Optional;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;

import dev.sws.protocol.FailureReason;
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
 * handshake timeouts 1008, oversized messages 1009, too many pending handshakes 1013. The peer
 * learns only the code; the reason goes to a debug log line and the {@link SwsEventListener}.
 *
 * <p>Create instances with {@link SwsServer#decorate(WebSocketHandler)}.
 */
public class SwsWebSocketHandlerDecorator extends SwsHandlerDecoratorSupport {

	private final SwsServer server;

	/**
	 * Creates a decorator.
	 * @param delegate the application's handler
	 * @param server the shared server settings
	 */
	public SwsWebSocketHandlerDecorator(WebSocketHandler delegate, SwsServer server) {
		super(delegate, SwsRole.SERVER, server.options());
		this.server = server;
	}

	@Override
	boolean admit(WebSocketSession transport) {
		if (this.server.tryStartHandshake()) {
			return true;
		}
		options().listener().handshakeFailed(SwsRole.SERVER, null, FailureReason.TOO_MANY_PENDING, Duration.ZERO);
		if (this.logger.isDebugEnabled()) {
			this.logger.debug("Refusing session " + transport.getId() + " (close 1013): "
					+ this.server.maxPendingHandshakes() + " handshakes already pending");
		}
		closeTransport(transport, new CloseStatus(FailureReason.TOO_MANY_PENDING.closeCode()));
		return false;
	}

	@Override
	HandshakeMachine newHandshake(WebSocketSession transport) {
		return new ServerHandshake(this.server.handshakeSettings());
	}

	@Override
	Optional<String> openingMessage(HandshakeMachine handshake) {
		return Optional.empty();
	}

	@Override
	void handshakeEnded(SwsConnection connection) {
		this.server.handshakeEnded();
	}

	@Override
	void beforeDelegateOpened(SwsWebSocketSession session) {
		Duration delay = this.server.firstFrameDelay();
		if (!delay.isZero()) {
			session.holdUntil(clock().instant().plus(delay), options().scheduler());
		}
	}

}
