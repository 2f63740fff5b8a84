package dev.sws.testsupport;

import java.net.InetSocketAddress;
import java.net.URI;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * A transport session that records what is sent and how it was closed. Thread-safe; sending
 * after close fails like a real session.
 */
public class FakeWebSocketSession implements WebSocketSession {

	private static int counter;

	private final String id;

	private final Map<String, Object> attributes = new ConcurrentHashMap<>();

	private final List<WebSocketMessage<?>> sent = new ArrayList<>();

	private volatile @Nullable CloseStatus closeStatus;

	private @Nullable Principal principal;

	/**
	 * Creates an open session with a fresh id.
	 */
	public FakeWebSocketSession() {
		synchronized (FakeWebSocketSession.class) {
			this.id = "fake-" + (++counter);
		}
	}

	/**
	 * Returns what was sent so far, in order.
	 * @return a copy of the sent messages
	 */
	public synchronized List<WebSocketMessage<?>> sent() {
		return new ArrayList<>(this.sent);
	}

	/**
	 * Removes and returns what was sent so far.
	 * @return the sent messages
	 */
	public synchronized List<WebSocketMessage<?>> drain() {
		List<WebSocketMessage<?>> copy = new ArrayList<>(this.sent);
		this.sent.clear();
		return copy;
	}

	/**
	 * Returns the status the session was closed with.
	 * @return the status, or {@code null} while open
	 */
	public @Nullable CloseStatus closeStatus() {
		return this.closeStatus;
	}

	/**
	 * Sets the HTTP principal.
	 * @param principal the user, or {@code null} for none
	 */
	public void setPrincipal(@Nullable Principal principal) {
		this.principal = principal;
	}

	@Override
	public String getId() {
		return this.id;
	}

	@Override
	public URI getUri() {
		return URI.create("ws://localhost/fake");
	}

	@Override
	public HttpHeaders getHandshakeHeaders() {
		return new HttpHeaders();
	}

	@Override
	public Map<String, Object> getAttributes() {
		return this.attributes;
	}

	@Override
	public @Nullable Principal getPrincipal() {
		return this.principal;
	}

	@Override
	public InetSocketAddress getLocalAddress() {
		return new InetSocketAddress("127.0.0.1", 8080);
	}

	@Override
	public InetSocketAddress getRemoteAddress() {
		return new InetSocketAddress("127.0.0.1", 50000);
	}

	@Override
	public @Nullable String getAcceptedProtocol() {
		return null;
	}

	@Override
	public void setTextMessageSizeLimit(int messageSizeLimit) {
	}

	@Override
	public int getTextMessageSizeLimit() {
		return 65536;
	}

	@Override
	public void setBinaryMessageSizeLimit(int messageSizeLimit) {
	}

	@Override
	public int getBinaryMessageSizeLimit() {
		return 65536;
	}

	@Override
	public List<WebSocketExtension> getExtensions() {
		return List.of();
	}

	@Override
	public synchronized void sendMessage(WebSocketMessage<?> message) {
		if (this.closeStatus != null) {
			throw new IllegalStateException("The session is closed");
		}
		this.sent.add(message);
	}

	@Override
	public boolean isOpen() {
		return this.closeStatus == null;
	}

	@Override
	public void close() {
		close(CloseStatus.NORMAL);
	}

	@Override
	public synchronized void close(CloseStatus status) {
		if (this.closeStatus == null) {
			this.closeStatus = status;
		}
	}

}
