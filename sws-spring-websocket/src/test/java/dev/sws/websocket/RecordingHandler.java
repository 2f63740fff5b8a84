package dev.sws.websocket;

import java.util.ArrayList;
import java.util.List;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;

/**
 * An application handler that records what SWS hands it.
 */
class RecordingHandler extends AbstractWebSocketHandler {

	final List<WebSocketSession> opened = new ArrayList<>();

	final List<WebSocketMessage<?>> received = new ArrayList<>();

	final List<CloseStatus> closed = new ArrayList<>();

	@Override
	public void afterConnectionEstablished(WebSocketSession session) {
		this.opened.add(session);
	}

	@Override
	public void handleMessage(WebSocketSession session, WebSocketMessage<?> message) {
		this.received.add(message);
	}

	@Override
	public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
		this.closed.add(status);
	}

}
