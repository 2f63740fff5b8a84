package dev.sws.socket;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.Principal;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.scheduling.TaskScheduler;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.WebSocketSessionDecorator;

import dev.sws.protocol.PeerIdentity;
import dev.sws.protocol.SecureChannel;

/**
 * The session an application handler sees on an SWS connection: {@link #sendMessage} encrypts
 * each message into one binary frame, and the peer's identity is available from
 * {@link #getPeer()}, the {@value #PEER_ATTRIBUTE} attribute and, when the HTTP upgrade carried no
 * user, {@link #getPrincipal()}.
 *
 * <p>Encrypt-and-send is atomic: one lock covers sealing (which advances the counter) and the
 * write, so concurrent senders never put frames on the wire out of counter order. Text and binary
 * messages are both sent as the bytes of their payload (text as UTF-8). Ping and pong frames are
 * control frames and pass through unencrypted. Partial messages are refused.
 *
 * <p>On the server, the first data frames can be held back for a short delay after the handshake
 * (SPEC section 6.3: original clients drop data that arrives within 20 ms of their ClientReady);
 * held frames are already encrypted, in order, and are written by a scheduler task, so no thread
 * waits for the delay.
 */
public final class SwsWebSocketSession extends WebSocketSessionDecorator {

	/** Session attribute holding the {@link PeerIdentity}. */
	public static final String PEER_ATTRIBUTE = "dev.sws.peer";

	private static final Log logger = LogFactory.getLog(SwsWebSocketSession.class);

	private final SecureChannel channel;

	private final PeerIdentity peer;

	private final SwsRole role;

	private final SwsEventListener listener;

	private final Object sendLock = new Object();

	private ArrayDeque<byte[]> held;

	private volatile boolean closed;

	private volatile boolean closedLocally;

	SwsWebSocketSession(WebSocketSession session, SecureChannel channel, PeerIdentity peer, SwsRole role,
			SwsEventListener listener) {
		super(session);
		this.channel = channel;
		this.peer = peer;
		this.role = role;
		this.listener = listener;
		session.getAttributes().put(PEER_ATTRIBUTE, peer);
	}

	/**
	 * Returns the peer identity of an SWS session.
	 * @param session a session handed to an application handler by SWS (possibly decorated
	 * further, for example by STOMP's concurrent session decorator)
	 * @return the peer, or {@code null} if the session is not an SWS session
	 */
	public static PeerIdentity peerOf(WebSocketSession session) {
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
	 * Encrypts and sends one whole message.
	 * @param message a text or binary message (whole), or a ping/pong
	 * @throws IllegalStateException if the session is closed
	 * @throws IllegalArgumentException for a partial message
	 * @throws IOException if the transport fails
	 */
	@Override
	public void sendMessage(WebSocketMessage<?> message) throws IOException {
		if (!isOpen()) {
			throw new IllegalStateException("Cannot send: SWS session " + getId() + " is closed");
		}
		if (message instanceof PingMessage || message instanceof PongMessage) {
			synchronized (this.sendLock) {
				getDelegate().sendMessage(message);
			}
			return;
		}
		if (!message.isLast()) {
			throw new IllegalArgumentException("SWS sends whole messages only; partial messages are not supported");
		}
		byte[] plaintext = payloadOf(message);
		synchronized (this.sendLock) {
			byte[] frame = this.channel.seal(plaintext);
			if (this.held != null) {
				this.held.add(frame);
			}
			else {
				getDelegate().sendMessage(new BinaryMessage(frame));
			}
		}
		this.listener.messageSent(this.role, plaintext.length);
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
	 * Holds outgoing data frames until {@code until}, then writes them in order from the
	 * scheduler.
	 */
	void holdUntil(Instant until, TaskScheduler scheduler) {
		synchronized (this.sendLock) {
			this.held = new ArrayDeque<>();
		}
		scheduler.schedule(this::releaseHeld, until);
	}

	void releaseHeld() {
		synchronized (this.sendLock) {
			ArrayDeque<byte[]> frames = this.held;
			this.held = null;
			if (frames == null || frames.isEmpty()) {
				return;
			}
			try {
				for (byte[] frame : frames) {
					getDelegate().sendMessage(new BinaryMessage(frame));
				}
			}
			catch (IOException | RuntimeException ex) {
				logger.debug("Could not write held SWS frames on session " + getId() + "; closing", ex);
				closeQuietly(CloseStatus.SERVER_ERROR);
			}
		}
	}

	SecureChannel channel() {
		return this.channel;
	}

	void markClosed() {
		this.closed = true;
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

	@Override
	public void close(CloseStatus status) throws IOException {
		this.closed = true;
		this.closedLocally = true;
		getDelegate().close(status);
	}

	@Override
	public String toString() {
		return "SwsWebSocketSession[id=" + getId() + ", peer=" + this.peer.fingerprint() + "]";
	}

}
