package dev.sws.websocket;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;

/**
 * Spring's {@link ConcurrentWebSocketSessionDecorator}, except that a close lets the messages it
 * buffered behind a write in progress go out first. Spring's own decorator drops them: STOMP sends
 * its ERROR frame and closes at once, and if another thread is still writing (the CONNECTED frame,
 * a broadcast), the ERROR frame waits in the buffer and never leaves it. Here the close waits until
 * the writing thread has emptied the buffer, at most the send time limit; a close for an exceeded
 * limit ({@link CloseStatus#SESSION_NOT_RELIABLE}) does not wait.
 */
class CloseAfterBufferedSessionDecorator extends ConcurrentWebSocketSessionDecorator {

	private static final long POLL_NANOS = TimeUnit.MICROSECONDS.toNanos(200);

	CloseAfterBufferedSessionDecorator(WebSocketSession delegate, int sendTimeLimit, int bufferSizeLimit) {
		super(delegate, sendTimeLimit, bufferSizeLimit);
	}

	@Override
	public void close(CloseStatus status) throws IOException {
		if (!CloseStatus.SESSION_NOT_RELIABLE.equals(status)) {
			awaitBufferedMessages();
		}
		super.close(status);
	}

	/** Waits while a write is in progress on another thread and messages wait behind it. */
	private void awaitBufferedMessages() {
		long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(getSendTimeLimit());
		while (getBufferSize() > 0 && getTimeSinceSendStarted() > 0 && isOpen() && System.nanoTime() < deadline) {
			LockSupport.parkNanos(POLL_NANOS);
		}
	}

}
