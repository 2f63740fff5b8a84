package dev.sws.hostile;

import java.net.URI;
import java.util.Map;

import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketMessage;

import dev.sws.autoconfigure.reactive.SwsEventListenerBridge;
import dev.sws.protocol.SwsHandshakeException;
import dev.sws.webflux.SwsReactiveEventListener;
import dev.sws.webflux.SwsReactiveWebSocketClient;
import dev.sws.websocket.SwsEventListener;
import dev.sws.websocket.SwsRole;

/**
 * The reactive client, {@link SwsReactiveWebSocketClient} on Reactor Netty, under test: the
 * application is a reactive handler that reads the session to its end, a failed handshake ends
 * {@code execute} with an {@link SwsHandshakeException}, and an established session
 * that fails ends the handler's inbound stream, with the close status the session reports. Its
 * events reach the metrics through the auto-configuration's {@link SwsEventListenerBridge}.
 */
final class ReactiveClientUnderTest implements ClientUnderTest {

	private final Map<Integer, SwsReactiveWebSocketClient> clients;

	private final ReactiveEchoSession bystander;

	ReactiveClientUnderTest(SwsEventListener listener, URI genuine) throws Exception {
		SwsReactiveEventListener bridge = new SwsEventListenerBridge(listener, SwsRole.CLIENT);
		this.clients = Map.of(1, client(1, bridge), 2, client(2, bridge), 3, client(3, bridge));
		this.bystander = ReactiveEchoSession.open(this.clients.get(2), genuine);
	}

	private static SwsReactiveWebSocketClient client(int version, SwsReactiveEventListener listener) {
		return SwsReactiveWebSocketClient.builder(ClientUnderTest.handshake(version)).listener(listener).build();
	}

	@Override
	public ClientAttempt connect(int version, URI url) {
		ClientAttempt attempt = new ClientAttempt((failure) -> (failure instanceof SwsHandshakeException refusal)
				? new ClientAttempt.Refusal(refusal.getKind(), refusal.getReason(), refusal.getCloseCode()) : null);
		attempt.follow(this.clients.get(version).execute(url, (session) -> {
			attempt.sessions.incrementAndGet();
			attempt.handshake.complete(null);
			session.closeStatus()
				.map(CloseStatus::getCode)
				.defaultIfEmpty(-1)
				.subscribe(attempt.closeCode::complete, attempt.closeCode::completeExceptionally);
			return session.receive().map(WebSocketMessage::getPayloadAsText).doOnNext(attempt.messages::add).then();
		}).toFuture());
		return attempt;
	}

	/** The servlet client's kind of the same failure. */

	@Override
	public void assertStillWorking(URI genuine, String message) throws Exception {
		this.bystander.assertEchoes(message);
		ReactiveEchoSession newcomer = ReactiveEchoSession.open(this.clients.get(2), genuine);
		newcomer.assertEchoes("newcomer");
		newcomer.close();
	}

}
