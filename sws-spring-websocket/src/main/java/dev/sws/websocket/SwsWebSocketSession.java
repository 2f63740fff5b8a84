package dev.sws.websocket;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.Principal;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.SessionLimitExceededException;
import org.springframework.web.socket.handler.WebSocketSessionDecorator;

import dev.sws.protocol.FailureReason;
import dev.sws.protocol.PeerIdentity;
import dev.sws.protocol.SecureChannel;

/**
 * The session an application handler sees on an SWS connection: {@link #sendMessage} encrypts
 * each message into one binary frame, and the peer's identity is available from
 * {@link #getPeer()}, the {@value #PEER_ATTRIBUTE} attribute and, when the HTTP upgrade carried no
 * user, {@link #getPrincipal()}.
 *
 * <p>Sending is safe from any number of threads, in the manner of Spring's
 * {@code ConcurrentWebSocketSessionDecorator}: a message is sealed and queued under one lock, so
 * queue order is counter order; then the first sender to find the transport free writes everything
 * queued, in order, while the others return at once. Nothing is ever sent out of order, dropped
 * from the middle, or sealed twice under one counter. Two limits keep a peer that does not read
 * from costing more than a bounded amount of memory and threads: once more than
 * {@code maxOutboundBuffer} bytes wait, or one write has been stuck for longer than
 * {@code sendTimeLimit}, the session is closed with 4500 (Spring's "session not reliable") and the
 * send that noticed it throws a {@link SessionLimitExceededException}. Text and binary messages are
 * both sent as the bytes of their payload (text as UTF-8). Ping and pong frames are control frames
 * and pass through unencrypted, in queue order. Partial messages are refused.
 *
 * <p>On the server, the first data frames can be held back for a short delay after the handshake
 * (docs/protocol/sws-v1-v2.md section 6.3: original clients drop data that arrives within 20 ms of
 * their ClientReady). Held frames are already encrypted and queued, count against the buffer limit,
 * and are written by a task on the I/O executor when the delay ends, never by the timer that ends
 * it.
 */
public final class SwsWebSocketSession extends WebSocketSessionDecorator {

	/** Session attribute holding the {@link PeerIdentity}. */
	public static final String PEER_ATTRIBUTE = "dev.sws.peer";

	/** The close status of a session whose peer does not read fast enough: Spring's 4500. */
	static final CloseStatus NOT_READING = CloseStatus.SESSION_NOT_RELIABLE;

	private static final Log logger = LogFactory.getLog(SwsWebSocketSession.class);

	private final SecureChannel channel;

	private final PeerIdentity peer;

	private final SwsRole role;

	private final SwsSessionOptions options;

	/** Guards sealing, the queue, its byte count and the hold: queue order is counter order. */
	private final Object sendLock = new Object();

	private final ArrayDeque<WebSocketMessage<?>> queue = new ArrayDeque<>();

	private long queuedBytes;

	private boolean holding;

	/** Held by the one thread writing to the transport. */
	private final ReentrantLock flushLock = new ReentrantLock();

	/** When the write in progress began, in the options' clock's milliseconds; 0 if none. */
	private volatile long writeStartedAt;

	private volatile boolean closed;

	private volatile boolean closedLocally;

	private volatile boolean transportClosed;

	/** The limit that closed the session, if one did. */
	private volatile @Nullable FailureReason limitExceeded;

	/** Set when a write to the transport failed; the session is then closed. */
	private volatile boolean writeFailed;

	SwsWebSocketSession(WebSocketSession session, SecureChannel channel, PeerIdentity peer, SwsRole role,
			SwsSessionOptions options) {
		super(session);
		this.channel = channel;
		this.peer = peer;
		this.role = role;
		this.options = options;
		session.getAttributes().put(PEER_ATTRIBUTE, peer);
	}

	/**
	 * Returns the peer identity of an SWS session.
	 * @param session a session handed to an application handler by SWS (possibly decorated
	 * further, for example by STOMP's concurrent session decorator)
	 * @return the peer, or {@code null} if the session is not an SWS session
	 */
	public static @Nullable PeerIdentity peerOf(WebSocketSession session) {
		return (session.getAttributes().get(PEER_ATTRIBUTE) instanceof PeerIdentity peer) ? peer : null;
	}

	/**
	 * Returns the authenticated peer.
	 * @return the peer identity
	 */
	public PeerIdentity getPeer() {
		return this.peer;
	}

	/**
	 * Returns the HTTP user if the upgrade request carried one, otherwise an {@link SwsPrincipal}
	 * naming the peer as the handshake authenticated it.
	 */
	@Override
	public Principal getPrincipal() {
		Principal principal = getDelegate().getPrincipal();
		return (principal != null) ? principal : new SwsPrincipal(this.peer);
	}

	@Override
	public Map<String, Object> getAttributes() {
		return getDelegate().getAttributes();
	}

	@Override
	public boolean isOpen() {
		return !this.closed && getDelegate().isOpen();
	}

	/**
	 * Returns the bytes of encrypted frames waiting to be written to the peer (held back, or
	 * queued behind a write in progress).
	 * @return the count
	 */
	public long getBufferedBytes() {
		synchronized (this.sendLock) {
			return this.queuedBytes;
		}
	}

	/**
	 * Encrypts and sends one whole message, or queues it behind a write in progress.
	 * @param message a text or binary message (whole), or a ping/pong
	 * @throws IllegalStateException if the session is closed
	 * @throws IllegalArgumentException for a partial message
	 * @throws SessionLimitExceededException if the peer does not read fast enough: the session
	 * is now closed with 4500
	 * @throws IOException if the transport fails; the session is then closed
	 */
	@Override
	public void sendMessage(WebSocketMessage<?> message) throws IOException {
		if (!isOpen()) {
			throw new IllegalStateException("Cannot send: SWS session " + getId() + " is closed");
		}
		if (message instanceof PingMessage || message instanceof PongMessage) {
			enqueue(message, message.getPayloadLength());
		}
		else {
			if (!message.isLast()) {
				throw new IllegalArgumentException("SWS sends whole messages only; partial messages are not supported");
			}
			byte[] plaintext = payloadOf(message);
			synchronized (this.sendLock) {
				checkOpen();
				this.queue.add(new BinaryMessage(this.channel.seal(plaintext)));
				this.queuedBytes += plaintext.length + SecureChannel.OVERHEAD;
			}
			this.options.listener().messageSent(this.role, plaintext.length);
		}
		do {
			if (!tryFlush()) {
				checkLimits();
				return;
			}
		}
		while (hasQueued());
	}

	private void enqueue(WebSocketMessage<?> message, int size) {
		synchronized (this.sendLock) {
			checkOpen();
			this.queue.add(message);
			this.queuedBytes += size;
		}
	}

	private void checkOpen() {
		if (this.closed) {
			throw new IllegalStateException("Cannot send: SWS session " + getId() + " is closed");
		}
	}

	private static byte[] payloadOf(WebSocketMessage<?> message) {
		if (message instanceof TextMessage text) {
			return text.asBytes();
		}
		if (message instanceof BinaryMessage binary) {
			ByteBuffer payload = binary.getPayload();
			if (payload.hasArray() && payload.arrayOffset() == 0 && payload.position() == 0
					&& payload.remaining() == payload.array().length) {
				// a message made from a whole byte[] (the usual case): seal reads it without copying
				return payload.array();
			}
			byte[] bytes = new byte[payload.remaining()];
			payload.duplicate().get(bytes);
			return bytes;
		}
		throw new IllegalArgumentException("Unsupported message type " + message.getClass().getSimpleName());
	}

	/**
	 * Writes every queued frame in order, unless the hold is on or another thread is writing.
	 * @return {@code false} if this thread could not write (hold, or another writer)
	 */
	private boolean tryFlush() throws IOException {
		if (!this.flushLock.tryLock()) {
			return false;
		}
		try {
			return drain();
		}
		finally {
			this.flushLock.unlock();
		}
	}

	/**
	 * Writes every queued frame in order; the caller holds the flush lock.
	 * @return {@code false} if the hold stopped it
	 */
	private boolean drain() throws IOException {
		while (true) {
			WebSocketMessage<?> next;
			synchronized (this.sendLock) {
				if (this.holding) {
					return false;
				}
				next = this.queue.poll();
				if (next == null) {
					return true;
				}
				this.queuedBytes -= next.getPayloadLength();
			}
			if (this.closed) {
				return true;
			}
			this.writeStartedAt = Math.max(1, this.options.clock().millis());
			try {
				getDelegate().sendMessage(next);
			}
			catch (IOException | RuntimeException ex) {
				writeFailed(ex);
				throw ex;
			}
			finally {
				this.writeStartedAt = 0;
			}
		}
	}

	private boolean hasQueued() {
		synchronized (this.sendLock) {
			return !this.queue.isEmpty() && !this.holding && !this.closed;
		}
	}

	/** After a send could not write: closes the session if the peer is too far behind. */
	private void checkLimits() {
		long started = this.writeStartedAt;
		if (started != 0 && this.options.clock().millis() - started > this.options.sendTimeLimit().toMillis()) {
			throw exceeded(FailureReason.SEND_TIME_LIMIT,
					"A write to the peer has been in progress for more than " + this.options.sendTimeLimit());
		}
		if (getBufferedBytes() > this.options.maxOutboundBuffer()) {
			throw exceeded(FailureReason.OUTBOUND_BUFFER_FULL,
					"More than " + this.options.maxOutboundBuffer() + " bytes wait for the peer");
		}
	}

	private SessionLimitExceededException exceeded(FailureReason reason, String detail) {
		closeForLimit(reason, detail);
		return new SessionLimitExceededException("SWS session " + getId() + " closed: " + detail, NOT_READING);
	}

	/**
	 * Tells whether a write has been stuck for longer than the send time limit, for the
	 * watchdog: such a session must be closed even if nobody sends on it any more.
	 */
	boolean isWriteOverdue(long nowMillis) {
		long started = this.writeStartedAt;
		return started != 0 && !this.closed
				&& nowMillis - started > this.options.sendTimeLimit().toMillis();
	}

	/**
	 * Closes the session because its peer does not read fast enough, once: counts the reason,
	 * drops what waits, and closes the transport with 4500, which also ends a write stuck on the
	 * peer (Tomcat closes the connection when it cannot write the close frame either). Jetty waits
	 * for the peer's answer to the close until its idle timeout, and a stuck write with it: there
	 * the connection is aborted if it is still open after the send time limit.
	 */
	void closeForLimit(FailureReason reason, String detail) {
		synchronized (this.sendLock) {
			if (this.closed) {
				return;
			}
			this.closed = true;
			this.limitExceeded = reason;
			this.queue.clear();
			this.queuedBytes = 0;
		}
		this.options.listener().sessionFailed(this.role, reason);
		if (logger.isDebugEnabled()) {
			logger.debug("SWS " + this.role.getTag() + " session " + getId() + " failed (close " + reason.getCloseCode() + "): "
					+ reason.getTag() + ": " + detail);
		}
		closeQuietly(NOT_READING);
		if (ContainerAbort.isNeeded(getDelegate())) {
			this.options.scheduler().schedule(() -> abortIfStillOpen(reason),
					this.options.clock().instant().plus(this.options.sendTimeLimit()));
		}
	}

	/**
	 * Aborts the connection of a session closed for a limit whose peer did not answer the close
	 * within the send time limit (it does not read), on the I/O executor: see {@link ContainerAbort}.
	 */
	private void abortIfStillOpen(FailureReason reason) {
		try {
			this.options.ioExecutor().execute(() -> {
				if (!this.transportClosed) {
					ContainerAbort.abort(getDelegate(), reason);
				}
			});
		}
		catch (RejectedExecutionException ex) {
			logger.trace("The SWS I/O executor refused the abort of session " + getId(), ex);
		}
	}

	private void writeFailed(Throwable ex) {
		this.writeFailed = true;
		if (this.limitExceeded == null && logger.isDebugEnabled()) {
			logger.debug("Writing to SWS session " + getId() + " failed; closing it", ex);
		}
		synchronized (this.sendLock) {
			this.queue.clear();
			this.queuedBytes = 0;
		}
		closeQuietly(CloseStatus.SERVER_ERROR);
	}

	/** Holds outgoing frames, queued and counted, until {@link #releaseHeld()}. */
	void hold() {
		synchronized (this.sendLock) {
			this.holding = true;
		}
	}

	/** Ends the hold and writes what it held; runs on the I/O executor. */
	void releaseHeld() {
		synchronized (this.sendLock) {
			this.holding = false;
		}
		try {
			while (tryFlush() && hasQueued()) {
				// another sender queued behind this flush: write that too
			}
		}
		catch (IOException | RuntimeException ex) {
			// writeFailed closed the session
		}
	}

	SecureChannel channel() {
		return this.channel;
	}

	/**
	 * Tells whether sending closed this session: a limit was exceeded or a write failed. The
	 * exception a handler then lets escape is SWS's own report of it, already counted.
	 */
	boolean isClosedBySending() {
		return this.limitExceeded != null || this.writeFailed;
	}

	/**
	 * The close status the application is told: 4500 for a session SWS closed for a limit, even
	 * where the container reports the abort that followed (Jetty: 1006); else the transport's.
	 */
	CloseStatus closeStatusForApplication(CloseStatus transportStatus) {
		return (this.limitExceeded != null) ? NOT_READING : transportStatus;
	}

	/** The transport closed (the decorator saw {@code afterConnectionClosed}). */
	void markClosed() {
		this.closed = true;
		this.transportClosed = true;
	}

	/** True if this side (the application or SWS) asked for the close. */
	boolean isClosedLocally() {
		return this.closedLocally;
	}

	void closeQuietly(CloseStatus status) {
		this.closed = true;
		this.closedLocally = true;
		try {
			getDelegate().close(status);
		}
		catch (IOException | RuntimeException ex) {
			logger.trace("Ignoring failure to close SWS session " + getId(), ex);
		}
	}

	@Override
	public void close() throws IOException {
		close(CloseStatus.NORMAL);
	}

	/**
	 * Closes the session once what waits has been written, frames held after the handshake
	 * included, so that a last message (a STOMP ERROR frame, a goodbye) reaches the peer before
	 * the close. A write in progress on another thread, which may be writing that very message,
	 * is waited for at most the send time limit; the close frame never overtakes it.
	 */
	@Override
	public void close(CloseStatus status) throws IOException {
		boolean locked = lockForClose();
		try {
			writeQueuedBeforeClose();
			this.closed = true;
			this.closedLocally = true;
			getDelegate().close(status);
		}
		finally {
			if (locked) {
				this.flushLock.unlock();
			}
		}
	}

	/**
	 * Takes the flush lock, waiting at most the send time limit for a write in progress.
	 * @return {@code false} if the write is stuck (the close then goes ahead without the lock)
	 */
	private boolean lockForClose() {
		try {
			return this.flushLock.tryLock(this.options.sendTimeLimit().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/** Writes what waits, the hold notwithstanding; the caller holds the flush lock if it could. */
	private void writeQueuedBeforeClose() {
		synchronized (this.sendLock) {
			if (this.closed || this.queue.isEmpty() || !this.flushLock.isHeldByCurrentThread()) {
				return;
			}
			this.holding = false;
		}
		try {
			drain();
		}
		catch (IOException | RuntimeException ex) {
			// writeFailed closed the transport; the close below has nothing left to do
		}
	}

	@Override
	public String toString() {
		return "SwsWebSocketSession[id=" + getId() + ", peer=" + this.peer.getFingerprint() + "]";
	}

}
