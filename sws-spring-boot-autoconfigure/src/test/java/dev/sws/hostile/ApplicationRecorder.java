package dev.sws.hostile;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;

import dev.sws.websocket.SwsWebSocketSession;

/**
 * The application behind the hostile endpoints: it records, by the peer's key, every session SWS
 * opened for it and every message SWS delivered, and echoes each message. "Nothing reached the
 * application" is then a question about one key.
 */
final class ApplicationRecorder extends AbstractWebSocketHandler {

	private final PeerRecordings recordings = new PeerRecordings();

	@Override
	public void afterConnectionEstablished(WebSocketSession session) {
		this.recordings.opened(SwsWebSocketSession.peerOf(session));
	}

	@Override
	public void handleMessage(WebSocketSession session, WebSocketMessage<?> message) throws IOException {
		String text;
		if (message instanceof TextMessage textMessage) {
			text = textMessage.getPayload();
		}
		else if (message instanceof BinaryMessage binary) {
			ByteBuffer payload = binary.getPayload().duplicate();
			byte[] bytes = new byte[payload.remaining()];
			payload.get(bytes);
			text = new String(bytes, StandardCharsets.UTF_8);
		}
		else {
			return;
		}
		this.recordings.delivered(SwsWebSocketSession.peerOf(session), text);
		session.sendMessage(new TextMessage(text));
	}

	/** What the application saw, by peer. */
	PeerRecordings recordings() {
		return this.recordings;
	}

}
