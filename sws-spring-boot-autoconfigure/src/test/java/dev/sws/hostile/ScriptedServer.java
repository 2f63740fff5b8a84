package dev.sws.hostile;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;
import org.springframework.web.socket.handler.WebSocketSessionDecorator;

/**
 * The hostile server: a plain (non-SWS) Spring handler that plays a script per connection, chosen
 * by the {@code case} query parameter. Scripts run on their own thread and read the client's
 * frames in order, so that each reads as the attack it is.
 */
final class ScriptedServer extends AbstractWebSocketHandler {

	/** One hostile server's behaviour on one connection. */
	@FunctionalInterface
	interface Script {

		void run(Connection connection) throws Exception;

	}

	private final Map<String, Script> scripts = new ConcurrentHashMap<>();

	private final Map<String, Connection> connections = new ConcurrentHashMap<>();

	private final ExecutorService runner = Executors.newCachedThreadPool((task) -> {
		Thread thread = new Thread(task, "hostile-server");
		thread.setDaemon(true);
		return thread;
	});

	/**
	 * Registers a script.
	 * @param name the value of the {@code case} query parameter that selects it
	 * @param script the script
	 * @return the connection that the script will play, completed when a client connects
	 */
	CompletableFuture<Connection> register(String name, Script script) {
		CompletableFuture<Connection> connected = new CompletableFuture<>();
		this.scripts.put(name, (connection) -> {
			connected.complete(connection);
			script.run(connection);
		});
		return connected;
	}

	@Override
	public void afterConnectionEstablished(WebSocketSession session) {
		String query = session.getUri().getQuery();
		Script script = this.scripts.remove(query.substring(query.indexOf('=') + 1));
		Connection connection = new Connection(session);
		this.connections.put(session.getId(), connection);
		this.runner.execute(() -> {
			try {
				script.run(connection);
			}
			catch (Exception ex) {
				// a frame the script sends after the client closed on the frame before it, as it
				// should: Jetty reports that late send (ClosedChannelException), Tomcat drops it or,
				// when the close has gone through, refuses it ("Message will not be sent because the
				// WebSocket session has been closed", an IllegalStateException)
				boolean lateSend = (ex instanceof IOException || ex instanceof IllegalStateException)
						&& !connection.session.isOpen();
				connection.scriptFailure.complete(lateSend ? null : ex);
			}
			connection.scriptFailure.complete(null);
		});
	}

	@Override
	public void handleMessage(WebSocketSession session, WebSocketMessage<?> message) throws InterruptedException {
		Connection connection = this.connections.get(session.getId());
		connection.inbound.add(message);
		if (connection.stoppedReading) {
			// the container reads this connection on this thread: blocking it stops the reading
			connection.resumeReading.await(60, TimeUnit.SECONDS);
		}
	}

	@Override
	public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
		Connection connection = this.connections.remove(session.getId());
		if (connection != null) {
			connection.closed.complete(status);
		}
	}

	/** Jetty's native API, loaded only where Jetty runs the server. */
	private static final class JettyFrames {

		static void sendFirstFragment(Object nativeSession, String text) {
			((org.eclipse.jetty.websocket.api.Session) nativeSession).sendPartialText(text, false,
					org.eclipse.jetty.websocket.api.Callback.NOOP);
		}

	}

	/**
	 * The server's end of one connection, as a script sees it.
	 */
	static final class Connection {

		final WebSocketSession session;

		final BlockingQueue<WebSocketMessage<?>> inbound = new LinkedBlockingQueue<>();

		final CompletableFuture<CloseStatus> closed = new CompletableFuture<>();

		final CompletableFuture<Exception> scriptFailure = new CompletableFuture<>();

		private final CountDownLatch resumeReading = new CountDownLatch(1);

		private volatile boolean stoppedReading;

		Connection(WebSocketSession session) {
			this.session = session;
		}

		String nextText(Duration timeout) throws Exception {
			WebSocketMessage<?> message = this.inbound.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
			if (!(message instanceof TextMessage text)) {
				throw new TimeoutException("Expected a text frame from the client, got " + message);
			}
			return text.getPayload();
		}

		byte[] nextBinary(Duration timeout) throws Exception {
			WebSocketMessage<?> message = this.inbound.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
			if (!(message instanceof BinaryMessage binary)) {
				throw new TimeoutException("Expected a binary frame from the client, got " + message);
			}
			ByteBuffer payload = binary.getPayload().duplicate();
			byte[] bytes = new byte[payload.remaining()];
			payload.get(bytes);
			return bytes;
		}

		void sendText(String text) throws IOException {
			this.session.sendMessage(new TextMessage(text));
		}

		void sendBinary(byte[] payload) throws IOException {
			this.session.sendMessage(new BinaryMessage(payload));
		}

		/**
		 * Sends the first fragment of a text message, and never the rest. Spring's session over
		 * Jetty's native API sends every message whole, so on Jetty the fragment goes out through
		 * Jetty's own session.
		 */
		void sendFirstFragment(String text) throws IOException {
			WebSocketSession container = WebSocketSessionDecorator.unwrap(this.session);
			if (container instanceof NativeWebSocketSession nativeHolder
					&& nativeHolder.getNativeSession().getClass().getName().startsWith("org.eclipse.jetty.")) {
				JettyFrames.sendFirstFragment(nativeHolder.getNativeSession(), text);
			}
			else {
				this.session.sendMessage(new TextMessage(text, false));
			}
		}

		/**
		 * Stops reading from the client after the next message it sends, as a server that no
		 * longer keeps up; the client's writes then block once the socket buffers are full.
		 */
		void stopReading() {
			this.stoppedReading = true;
		}

		/** Reads again (and frees the container thread that {@link #stopReading()} holds). */
		void resumeReading() {
			this.resumeReading.countDown();
		}

		/** The close code the client sent, waiting for it. */
		int closeCode(Duration timeout) throws Exception {
			return this.closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS).getCode();
		}

	}

}
