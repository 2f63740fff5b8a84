package dev.sws.socket;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;

import dev.sws.protocol.ClientHandshake;
import dev.sws.protocol.ClientHandshakeSettings;
import dev.sws.protocol.HandshakeFailure;
import dev.sws.protocol.HandshakeMachine;

/**
 * The client-side mirror of {@link SwsWebSocketHandlerDecorator} for one connection: sends the
 * ClientHello when the WebSocket opens, and completes {@code result} with the encrypting session
 * once the handshake succeeds, or exceptionally with an {@link SwsHandshakeException}.
 */
final class SwsClientHandlerDecorator extends SwsHandlerDecoratorSupport {

	private final ClientHandshakeSettings settings;

	private final String host;

	private final CompletableFuture<WebSocketSession> result;

	SwsClientHandlerDecorator(WebSocketHandler delegate, ClientHandshakeSettings settings, String host,
			SwsSessionOptions options, CompletableFuture<WebSocketSession> result) {
		super(delegate, SwsRole.CLIENT, options);
		this.settings = settings;
		this.host = host;
		this.result = result;
	}

	@Override
	boolean admit(WebSocketSession transport) {
		return true;
	}

	@Override
	HandshakeMachine newHandshake(WebSocketSession transport) {
		return new ClientHandshake(this.settings, this.host);
	}

	@Override
	Optional<String> openingMessage(HandshakeMachine handshake) {
		return Optional.of(((ClientHandshake) handshake).start());
	}

	@Override
	void beforeDelegateOpened(SwsWebSocketSession session) {
		this.result.complete(session);
	}

	@Override
	void handshakeFailed(SwsConnection connection, HandshakeFailure failure) {
		this.result.completeExceptionally(SwsHandshakeException.refused(failure.reason(), failure.detail()));
	}

	@Override
	void closedDuringHandshake(SwsConnection connection, CloseStatus status) {
		this.result.completeExceptionally(
				SwsHandshakeException.closedByServer(status.getCode(), true, this.settings.version().name()));
	}

}
