package dev.sws.hostile;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;

import dev.sws.crypto.KeyFingerprint;
import dev.sws.protocol.PeerIdentity;
import dev.sws.websocket.SwsWebSocketSession;

/**
 * The application behind the hostile endpoints: it records, by the peer's key, every session SWS
 * opened for it and every message SWS delivered, and echoes each message. "Nothing reached the
 * application" is then a question about one key.
 */
final class ApplicationRecorder extends AbstractWebSocketHandler implements RecordedApplication {

	private final Map<String, AtomicInteger> opened = new ConcurrentHashMap<>();

	private final Map<String, List<String>> delivered = new ConcurrentHashMap<>();

	@Override
	public void afterConnectionEstablished(WebSocketSession session) {
		this.opened.computeIfAbsent(peer(session), (key) -> new AtomicInteger()).incrementAndGet();
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
		this.delivered.computeIfAbsent(peer(session), (key) -> new CopyOnWriteArrayList<>()).add(text);
		session.sendMessage(new TextMessage(text));
	}

	/** How many sessions SWS opened for the peer with this box public key. */
	@Override
	public int sessionsOf(byte[] publicKey) {
		AtomicInteger count = this.opened.get(KeyFingerprint.of(publicKey));
		return (count != null) ? count.get() : 0;
	}

	/** The messages SWS delivered from the peer with this box public key. */
	@Override
	public List<String> messagesFrom(byte[] publicKey) {
		return List.copyOf(this.delivered.getOrDefault(KeyFingerprint.of(publicKey), List.of()));
	}

	private static String peer(WebSocketSession session) {
		PeerIdentity peer = SwsWebSocketSession.peerOf(session);
		return (peer != null) ? peer.getFingerprint() : "not-sws";
	}

}
