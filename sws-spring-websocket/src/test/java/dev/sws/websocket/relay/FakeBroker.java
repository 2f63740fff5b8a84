package dev.sws.websocket.relay;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

import org.springframework.messaging.Message;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.messaging.support.MessageHeaderAccessor;
import org.springframework.messaging.tcp.ReconnectStrategy;
import org.springframework.messaging.tcp.TcpConnection;
import org.springframework.messaging.tcp.TcpConnectionHandler;
import org.springframework.messaging.tcp.TcpOperations;

/**
 * A broker's TCP side driven by the test: connection attempts wait until the test accepts or
 * refuses them, and every frame sent on a connection is kept.
 */
final class FakeBroker implements TcpOperations<byte[]> {

	private final Deque<TcpConnectionHandler<byte[]>> pending = new ArrayDeque<>();

	final List<Connection> connections = new ArrayList<>();

	boolean shutDown;

	@Override
	public synchronized CompletableFuture<@Nullable Void> connectAsync(TcpConnectionHandler<byte[]> handler) {
		this.pending.add(handler);
		return new CompletableFuture<>();
	}

	@Override
	public CompletableFuture<@Nullable Void> connectAsync(TcpConnectionHandler<byte[]> handler, ReconnectStrategy strategy) {
		throw new UnsupportedOperationException("the relay client reconnects by itself");
	}

	@Override
	public CompletableFuture<@Nullable Void> shutdownAsync() {
		this.shutDown = true;
		return CompletableFuture.completedFuture(null);
	}

	synchronized int pendingAttempts() {
		return this.pending.size();
	}

	/** Accepts the oldest connection attempt. */
	Connection accept() {
		TcpConnectionHandler<byte[]> handler;
		Connection connection;
		synchronized (this) {
			handler = this.pending.remove();
			connection = new Connection(handler);
			this.connections.add(connection);
		}
		handler.afterConnected(connection);
		return connection;
	}

	/** Refuses the oldest connection attempt. */
	void refuse() {
		TcpConnectionHandler<byte[]> handler;
		synchronized (this) {
			handler = this.pending.remove();
		}
		handler.afterConnectFailure(new IllegalStateException("Connection refused"));
	}

	Connection last() {
		return this.connections.get(this.connections.size() - 1);
	}

	static Message<byte[]> frame(StompCommand command, String... headers) {
		return frame(command, new byte[0], headers);
	}

	static Message<byte[]> frame(StompCommand command, byte[] body, String... headers) {
		StompHeaderAccessor accessor = StompHeaderAccessor.create(command);
		for (int i = 0; i < headers.length; i += 2) {
			accessor.setNativeHeader(headers[i], headers[i + 1]);
		}
		accessor.setLeaveMutable(true);
		return MessageBuilder.createMessage(body, accessor.getMessageHeaders());
	}

	static Message<byte[]> heartbeat() {
		StompHeaderAccessor accessor = StompHeaderAccessor.createForHeartbeat();
		accessor.setLeaveMutable(true);
		return MessageBuilder.createMessage(new byte[] { '\n' }, accessor.getMessageHeaders());
	}

	/** A frame as a line: the command (or HEARTBEAT) and its native headers. */
	static String describe(Message<byte[]> message) {
		StompHeaderAccessor accessor = MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
		if (accessor == null) {
			accessor = StompHeaderAccessor.wrap(message);
		}
		if (accessor.getCommand() == null) {
			return "HEARTBEAT";
		}
		Map<String, List<String>> headers = accessor.toNativeHeaderMap();
		StringBuilder line = new StringBuilder(accessor.getCommand().name());
		headers.forEach((name, values) -> line.append(' ').append(name).append('=').append(String.join(",", values)));
		if (message.getPayload().length > 0) {
			line.append(" body=").append(new String(message.getPayload()));
		}
		return line.toString();
	}

	/** One TCP connection to the fake broker. */
	static final class Connection implements TcpConnection<byte[]> {

		private final TcpConnectionHandler<byte[]> handler;

		final List<String> sent = new ArrayList<>();

		boolean closed;

		@Nullable Runnable readIdleTask;

		@Nullable Runnable writeIdleTask;

		boolean failWrites;

		Connection(TcpConnectionHandler<byte[]> handler) {
			this.handler = handler;
		}

		@Override
		public synchronized CompletableFuture<@Nullable Void> sendAsync(Message<byte[]> message) {
			if (this.failWrites) {
				return CompletableFuture.failedFuture(new IllegalStateException("Connection reset"));
			}
			this.sent.add(describe(message));
			return CompletableFuture.completedFuture(null);
		}

		@Override
		public void onReadInactivity(Runnable runnable, long duration) {
			this.readIdleTask = runnable;
		}

		@Override
		public void onWriteInactivity(Runnable runnable, long duration) {
			this.writeIdleTask = runnable;
		}

		@Override
		public void close() {
			this.closed = true;
		}

		synchronized List<String> sent() {
			return List.copyOf(this.sent);
		}

		/** The broker sends a frame. */
		void deliver(Message<byte[]> message) {
			this.handler.handleMessage(message);
		}

		/** The broker goes away. */
		void drop() {
			this.closed = true;
			this.handler.afterConnectionClosed();
		}

	}

}
