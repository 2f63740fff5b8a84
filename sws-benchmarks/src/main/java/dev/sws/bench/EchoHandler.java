package dev.sws.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.BinaryWebSocketHandler;

/**
 * Echoes every binary message. It accepts partial messages and joins them, as SWS does, so that
 * plain WebSocket and SWS run on the same container buffers (8 KiB) and carry the same sizes.
 */
public class EchoHandler extends BinaryWebSocketHandler {

	private final Map<String, ByteArrayOutputStream> partial = new ConcurrentHashMap<>();

	@Override
	protected void handleBinaryMessage(WebSocketSession session, BinaryMessage message) throws IOException {
		ByteBuffer payload = message.getPayload();
		if (message.isLast() && !this.partial.containsKey(session.getId())) {
			session.sendMessage(new BinaryMessage(payload));
			return;
		}
		ByteArrayOutputStream buffer = this.partial.computeIfAbsent(session.getId(), (id) -> new ByteArrayOutputStream());
		byte[] bytes = new byte[payload.remaining()];
		payload.get(bytes);
		buffer.write(bytes);
		if (message.isLast()) {
			this.partial.remove(session.getId());
			session.sendMessage(new BinaryMessage(buffer.toByteArray()));
		}
	}

	@Override
	public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
		this.partial.remove(session.getId());
	}

	@Override
	public boolean supportsPartialMessages() {
		return true;
	}

}
