package dev.sws.websocket;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.WebSocketSessionDecorator;

/**
 * Spring's {@link ConcurrentWebSocketSessionDecorator}, except that a close lets the messages it
 * buffered behind a write in progress go out first. Spring's own decorator drops them: STOMP sends
 * its ERROR frame and closes at once, and if another thread is still writing (the CONNECTED frame,
 * a broadcast), the ERROR frame waits in the buffer and never leaves it. Here the close waits while
 * a write is in progress and messages wait behind it, at most the send time limit; a close for an
 * exceeded limit ({@link CloseStatus#SESSION_NOT_RELIABLE}) does not wait.
 */
class CloseAfterBufferedSessionDecorator extends ConcurrentWebSocketSessionDecorator {

	private static final long POLL_NANOS = TimeUnit.MICROSECONDS.toNanos(200);

	private final WriteTracking transport;

	CloseAfterBufferedSessionDecorator(WebSocketSession delegate, int sendTimeLimit, int bufferSizeLimit) {
		this(new WriteTracking(delegate), sendTimeLimit, bufferSizeLimit);
	}

	private CloseAfterBufferedSessionDecorator(WriteTracking transport, int sendTimeLimit, int bufferSizeLimit) {
		super(transport, sendTimeLimit, bufferSizeLimit);
		this.transport = transport;
	}

	@Override
	public void close(CloseStatus status) throws IOException {
		if (!CloseStatus.SESSION_NOT_RELIABLE.equals(status)) {
			awaitBufferedMessages();
		}
		super.close(status);
	}

	/**
	 * Waits while a write is in progress on another thread and messages wait behind it: that
	 * thread writes them once its write is done.
	 */
	private void awaitBufferedMessages() {
		long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(getSendTimeLimit());
		while (getBufferSize() > 0 && this.transport.isWriting() && isOpen() && System.nanoTime() < deadline) {
			LockSupport.parkNanos(POLL_NANOS);
		}
	}

	/**
	 * The session underneath, counting the writes in progress: Spring's decorator reports a write's
	 * start only to the millisecond, so a write begun within the last one would look idle.
	 */
	private static final class WriteTracking extends WebSocketSessionDecorator {

		private final AtomicInteger writes = new AtomicInteger();

		WriteTracking(WebSocketSession delegate) {
			super(delegate);
		}

		@Override
		public void sendMessage(WebSocketMessage<?> message) throws IOException {
			this.writes.incrementAndGet();
			try {
				super.sendMessage(message);
			}
			finally {
				this.writes.decrementAndGet();
			}
		}

		boolean isWriting() {
			return this.writes.get() > 0;
		}

	}

}
