package dev.sws.websocket;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;

import dev.sws.protocol.ClientHandshake;
import dev.sws.protocol.ClientHandshakeSettings;
import dev.sws.protocol.FailureReason;
import dev.sws.protocol.HandshakeFailure;
import dev.sws.protocol.HandshakeFrame;
import dev.sws.protocol.HandshakeMachine;
import dev.sws.protocol.ProtocolVersion;
import dev.sws.protocol.SwsHandshakeException;

/**
 * The client-side mirror of {@link SwsServerWebSocketHandlerDecorator} for one connection: sends the
 * ClientHello (v1/v2) or message 1 (v3) when the WebSocket opens, and completes {@code result}
 * with the encrypting session once the handshake succeeds (v3: once the server's ready message
 * arrived; v2 with a required client certificate: once the server had time to refuse it), or
 * exceptionally with an {@link SwsHandshakeException}.
 */
final class SwsClientWebSocketHandlerDecorator extends SwsWebSocketHandlerDecorator {

	private final ClientHandshakeSettings settings;

	private final String host;

	private final CompletableFuture<WebSocketSession> result;

	SwsClientWebSocketHandlerDecorator(WebSocketHandler delegate, ClientHandshakeSettings settings, String host,
			SwsSessionOptions options, OpenSessions openSessions, CompletableFuture<WebSocketSession> result) {
		super(delegate, SwsRole.CLIENT, options, openSessions);
		this.settings = settings;
		this.host = host;
		this.result = result;
	}

	@Override
	HandshakeMachine newHandshake(WebSocketSession transport) {
		return new ClientHandshake(this.settings, this.host);
	}

	@Override
	Optional<HandshakeFrame> openingMessage(HandshakeMachine handshake) {
		return Optional.of(((ClientHandshake) handshake).start());
	}

	/**
	 * A v2 server that required this client's certificate may still refuse it after the
	 * ClientReady, by closing. The session therefore counts as accepted only after twice the
	 * handshake's round trip plus 50 ms (at most the rest of the handshake timeout), or as soon as
	 * the server sends data; a close before that fails the handshake with the server's close code.
	 * A v3 handshake needs no window: it is established only when the server's ready message
	 * arrived, which the server sends only once it accepted the client.
	 */
	@Override
	Duration confirmationWindow(SwsConnection connection) {
		if (!(connection.handshake() instanceof ClientHandshake handshake) || !handshake.isClientCertificateRequired()
				|| this.settings.getVersion().confirmsClientInHandshake()) {
			return Duration.ZERO;
		}
		Duration roundTrip = Duration.between(connection.openedAt, clock().instant());
		Duration remaining = options().handshakeTimeout().minus(roundTrip);
		Duration window = roundTrip.multipliedBy(2).plusMillis(50);
		return (remaining.compareTo(window) < 0) ? (remaining.isNegative() ? Duration.ZERO : remaining) : window;
	}

	/** A close right after the ClientHello may refuse the version: {@link ProtocolVersion#isRefusedBy}. */
	@Override
	FailureReason closedDuringHandshakeReason(int closeCode) {
		return this.settings.getVersion().isRefusedBy(closeCode) ? FailureReason.UNSUPPORTED_VERSION
				: super.closedDuringHandshakeReason(closeCode);
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
		this.result.completeExceptionally(SwsHandshakeException.closedByServer(status.getCode(), this.settings.getVersion()));
	}

}
