package dev.sws.hostile;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;

import dev.sws.it.TestClients;
import dev.sws.it.TestClients.Collector;
import dev.sws.protocol.SwsHandshakeException;
import dev.sws.websocket.SwsEventListener;
import dev.sws.websocket.SwsWebSocketClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The servlet stack's client, {@link SwsWebSocketClient}, under test: the application is a
 * {@code WebSocketHandler}, a failed handshake fails the {@code execute} future with an
 * {@link SwsHandshakeException}.
 */
final class ServletClientUnderTest implements ClientUnderTest {

	private final Map<Integer, SwsWebSocketClient> clients;

	private final Collector bystander;

	ServletClientUnderTest(SwsEventListener listener, URI genuine) throws Exception {
		this.clients = Map.of(1, client(1, listener), 2, client(2, listener), 3, client(3, listener));
		this.bystander = TestClients.connect(this.clients.get(2), genuine.toString());
	}

	private static SwsWebSocketClient client(int version, SwsEventListener listener) {
		return SwsWebSocketClient.builder(ClientUnderTest.handshake(version)).listener(listener).build();
	}

	@Override
	public ClientAttempt connect(int version, URI url) {
		ClientAttempt attempt = new ClientAttempt((failure) -> (failure instanceof SwsHandshakeException refusal)
				? new ClientAttempt.Refusal(refusal.getKind(), refusal.getReason(), refusal.getCloseCode()) : null);
		attempt.follow(this.clients.get(version).execute(new Application(attempt), url.toString()));
		return attempt;
	}

	@Override
	public void assertStillWorking(URI genuine, String message) throws Exception {
		this.bystander.session.sendMessage(new TextMessage(message));
		assertThat(new String(this.bystander.nextBytes(), StandardCharsets.UTF_8)).isEqualTo(message);
		Collector newcomer = TestClients.connect(this.clients.get(2), genuine.toString());
		newcomer.session.sendMessage(new TextMessage("newcomer"));
		assertThat(new String(newcomer.nextBytes(), StandardCharsets.UTF_8)).isEqualTo("newcomer");
		newcomer.session.close();
	}

	/** The application behind the client under test: records what SWS hands it. */
	private static final class Application extends AbstractWebSocketHandler {

		private final ClientAttempt attempt;

		Application(ClientAttempt attempt) {
			this.attempt = attempt;
		}

		@Override
		public void afterConnectionEstablished(WebSocketSession session) {
			this.attempt.sessions.incrementAndGet();
		}

		@Override
		public void handleMessage(WebSocketSession session, WebSocketMessage<?> message) {
			if (message instanceof TextMessage text) {
				this.attempt.messages.add(text.getPayload());
			}
			else if (message instanceof BinaryMessage binary) {
				ByteBuffer payload = binary.getPayload().duplicate();
				byte[] bytes = new byte[payload.remaining()];
				payload.get(bytes);
				this.attempt.messages.add(new String(bytes, StandardCharsets.UTF_8));
			}
		}

		@Override
		public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
			this.attempt.closeCode.complete(status.getCode());
		}

	}

}
