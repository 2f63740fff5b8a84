package dev.sws.websocket;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.SessionLimitExceededException;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;

import dev.sws.internal.json.StrictUtf8;
import dev.sws.protocol.FailureReason;
import dev.sws.protocol.HandshakeFailure;
import dev.sws.protocol.HandshakeFrame;
import dev.sws.protocol.HandshakeMachine;
import dev.sws.protocol.HandshakeStep;
import dev.sws.protocol.SecureChannel;
import dev.sws.protocol.SwsProtocolException;

/**
 * What the server and client decorators share: run a handshake machine over the transport
 * session, then decrypt inbound frames for the application's handler and hand it an encrypting
 * {@link SwsWebSocketSession}. The application's handler sees nothing before the handshake
 * succeeds and nothing of a connection whose handshake failed.
 *
 * <p>Failures close the transport with the reason's close code; the reason itself goes to a debug
 * log line and the {@link SwsEventListener}. Fragmented messages are joined here up to the
 * configured limits (refused with 1009 beyond them, before any decryption); the delegate only ever
 * sees whole messages.
 *
 * <p>Timers (handshake timeouts, the client's confirmation window, the server's first-frame hold)
 * run on the options' scheduler, and each hands its work to the options' I/O executor: a timer
 * thread never writes to or closes a transport, so a peer that does not read cannot hold up
 * anyone else's timers.
 */
public abstract class SwsWebSocketHandlerDecorator extends WebSocketHandlerDecorator {

	private static final String SOCKJS_SESSION = "org.springframework.web.socket.sockjs.transport.SockJsSession";

	protected final Log logger = LogFactory.getLog(getClass());

	private final SwsRole role;

	private final SwsSessionOptions options;

	private final InboundMessageMode inboundMode;

	private final Map<String, SwsConnection> connections = new ConcurrentHashMap<>();

	private final OpenSessions openSessions;

	SwsWebSocketHandlerDecorator(WebSocketHandler delegate, SwsRole role, SwsSessionOptions options,
			OpenSessions openSessions) {
		super(delegate);
		this.role = role;
		this.options = options;
		this.openSessions = openSessions;
		this.inboundMode = options.inboundMode().resolve(delegate);
	}

	/**
	 * Returns how decrypted messages are delivered to the delegate.
	 * @return {@link InboundMessageMode#TEXT}, {@link InboundMessageMode#BINARY} or
	 * {@link InboundMessageMode#TEXT_IF_UTF8}
	 */
	public InboundMessageMode getInboundMode() {
		return this.inboundMode;
	}

	/**
	 * Returns the number of connections this decorator currently tracks (handshaking or open).
	 * @return the count
	 */
	public int getConnectionCount() {
		return this.connections.size();
	}

	/**
	 * Called once the handshake of a new connection is registered and its timer runs, before
	 * this side sends anything.
	 */
	void handshakeStarted(SwsConnection connection) {
	}

	/** Creates the handshake machine for a new connection. */
	abstract HandshakeMachine newHandshake(WebSocketSession transport);

	/** The first handshake message this side sends on open, if any (the client's first message). */
	abstract Optional<HandshakeFrame> openingMessage(HandshakeMachine handshake);

	/**
	 * Called exactly once per admitted connection: when the handshake ended, successfully or not,
	 * or the transport closed during it.
	 */
	void handshakeEnded(SwsConnection connection) {
	}

	/** Called when the handshake succeeded, before the delegate sees the session. */
	void beforeDelegateOpened(SwsWebSocketSession session) {
	}

	/** Called when the handshake failed, after the transport was asked to close. */
	void handshakeFailed(SwsConnection connection, HandshakeFailure failure) {
	}

	/** Called when the transport closed before the handshake finished. */
	void closedDuringHandshake(SwsConnection connection, CloseStatus status) {
	}

	SwsRole role() {
		return this.role;
	}

	SwsSessionOptions options() {
		return this.options;
	}

	Clock clock() {
		return this.options.clock();
	}

	/** Schedules {@code task} to run on the I/O executor at {@code time}. */
	ScheduledFuture<?> scheduleIo(Runnable task, Instant time) {
		return this.options.scheduler().schedule(() -> runIo(task), time);
	}

	/** Runs {@code task} on the I/O executor (it may write to or close a transport). */
	void runIo(Runnable task) {
		try {
			this.options.ioExecutor().execute(task);
		}
		catch (RejectedExecutionException ex) {
			this.logger.debug("The SWS I/O executor refused a task; it is shutting down", ex);
		}
	}

	@Override
	public void afterConnectionEstablished(WebSocketSession transport) throws Exception {
		if (isSockJs(transport)) {
			this.logger.warn("Refusing SockJS session " + transport.getId()
					+ ": SWS needs binary WebSocket frames, which SockJS cannot carry");
			closeTransport(transport, CloseStatus.NOT_ACCEPTABLE);
			return;
		}
		HandshakeMachine handshake = newHandshake(transport);
		ContainerLimits.fit(transport, Math.max(maxFrameSize(), handshake.getMaxBinaryMessageBytes()),
				handshake.getMaxMessageChars());
		SwsConnection connection = new SwsConnection(transport, handshake, clock().instant());
		this.connections.put(transport.getId(), connection);
		Duration timeout = this.options.handshakeTimeout();
		connection.timer(scheduleIo(() -> abortHandshake(connection, FailureReason.HANDSHAKE_TIMEOUT,
				"No complete handshake within " + timeout), connection.openedAt.plus(timeout)));
		handshakeStarted(connection);
		Optional<HandshakeFrame> opening = openingMessage(handshake);
		if (opening.isPresent()) {
			transport.sendMessage(toMessage(opening.get()));
		}
	}

	@Override
	public void handleMessage(WebSocketSession transport, WebSocketMessage<?> message) throws Exception {
		SwsConnection connection = this.connections.get(transport.getId());
		if (connection == null) {
			return; // refused at admission or already failed: nothing reaches the application
		}
		SwsWebSocketSession session = connection.session();
		if (message instanceof PongMessage) {
			if (session != null && connection.isDelegateOpened()) {
				getDelegate().handleMessage(session, message);
			}
		}
		else if (session == null) {
			onHandshakeMessage(connection, message);
		}
		else {
			onDataMessage(connection, session, message);
		}
	}

	private void onHandshakeMessage(SwsConnection connection, WebSocketMessage<?> message) throws Exception {
		// the handshake is dropped only once the session exists, and this connection has none yet
		HandshakeMachine handshake = Objects.requireNonNull(connection.handshake(), "handshake");
		HandshakeStep step;
		if (message instanceof TextMessage text) {
			String whole = connection.fragments().appendText(text.getPayload(), text.isLast(), handshake.getMaxMessageChars());
			if (whole == null) {
				return;
			}
			step = handshake.receive(whole);
		}
		else if (message instanceof BinaryMessage binary) {
			byte[] whole;
			try {
				whole = connection.fragments().appendBinary(binary.getPayload(), binary.isLast(),
						handshake.getMaxBinaryMessageBytes());
			}
			catch (FragmentBuffer.TooLarge ex) {
				handshake.abort(FailureReason.MESSAGE_TOO_LARGE, ex.getMessage() + " during the handshake")
					.ifPresent((failure) -> onHandshakeFailure(connection, failure));
				return;
			}
			if (whole == null) {
				return;
			}
			step = handshake.receive(whole);
		}
		else {
			step = handshake.receive(new byte[0]);
		}
		if (step instanceof HandshakeStep.Reply reply) {
			connection.transport.sendMessage(toMessage(reply.frame()));
		}
		else if (step instanceof HandshakeStep.Established established) {
			onEstablished(connection, established);
		}
		else if (step instanceof HandshakeStep.Failed failed) {
			onHandshakeFailure(connection, failed.failure());
		}
	}

	private void onEstablished(SwsConnection connection, HandshakeStep.Established established) throws Exception {
		WebSocketSession transport = connection.transport;
		if (established.finalFrame().isPresent()) {
			transport.sendMessage(toMessage(established.finalFrame().get()));
		}
		SwsWebSocketSession session = new SwsWebSocketSession(transport, established.channel(), established.peer(),
				this.role, this.options);
		Duration settle = confirmationWindow(connection);
		connection.established(session);
		if (settle.isZero()) {
			openForDelegate(connection);
		}
		else {
			connection.awaitConfirmation();
			connection.timer(scheduleIo(() -> confirm(connection), clock().instant().plus(settle)));
		}
	}

	private static WebSocketMessage<?> toMessage(HandshakeFrame frame) {
		return (frame instanceof HandshakeFrame.Text text) ? new TextMessage(text.text())
				: new BinaryMessage(((HandshakeFrame.Binary) frame).bytes());
	}

	/**
	 * How long to wait, after the last handshake message, before the session counts as accepted
	 * by the peer. Zero (the default) opens it at once.
	 */
	Duration confirmationWindow(SwsConnection connection) {
		return Duration.ZERO;
	}

	private void confirm(SwsConnection connection) {
		try {
			if (!connection.isOpen()) {
				openForDelegate(connection);
			}
		}
		catch (Exception ex) {
			this.logger.debug("Opening SWS session " + connection.transport.getId() + " failed", ex);
			closeTransport(connection.transport, CloseStatus.SERVER_ERROR);
		}
	}

	/**
	 * Hands the session to the delegate, once, under the connection's lock: a data frame that
	 * arrives meanwhile waits in {@link #awaitOpened} until {@code afterConnectionEstablished}
	 * returned, so the delegate never sees a message concurrently with its opening.
	 */
	private void openForDelegate(SwsConnection connection) throws Exception {
		synchronized (connection) {
			if (!connection.confirm()) {
				return;
			}
			// every path here runs after connection.established(session)
			SwsWebSocketSession session = Objects.requireNonNull(connection.session(), "session");
			connection.cancelTimer();
			connection.finishHandshake();
			handshakeEnded(connection);
			this.options.listener()
				.handshakeSucceeded(this.role, session.getPeer().getVersion(),
						Duration.between(connection.openedAt, clock().instant()));
			if (this.logger.isDebugEnabled()) {
				this.logger.debug("SWS " + this.role.getTag() + " handshake done on session " + connection.transport.getId()
						+ " with " + session.getPeer());
			}
			this.openSessions.add(session);
			beforeDelegateOpened(session);
			try {
				deliver(session, () -> getDelegate().afterConnectionEstablished(session));
			}
			finally {
				connection.delegateOpened();
			}
		}
	}

	/**
	 * Before a data frame reaches the delegate: opens the session if the peer's data confirms
	 * it, or waits until an opening in progress on another thread (the client's confirmation
	 * window ending) has returned from the delegate.
	 */
	private void awaitOpened(SwsConnection connection) throws Exception {
		if (connection.isDelegateOpened()) {
			return;
		}
		synchronized (connection) {
			if (!connection.isOpen()) {
				openForDelegate(connection); // data from the peer confirms the session
			}
		}
	}

	private void onHandshakeFailure(SwsConnection connection, HandshakeFailure failure) {
		if (!connection.finishHandshake()) {
			return; // the transport already closed
		}
		this.connections.remove(connection.transport.getId());
		connection.cancelTimer();
		handshakeEnded(connection);
		HandshakeMachine handshake = connection.handshake();
		this.options.listener()
			.handshakeFailed(this.role, (handshake != null) ? handshake.getVersion().orElse(null) : null,
					failure.reason(), Duration.between(connection.openedAt, clock().instant()));
		if (this.logger.isDebugEnabled()) {
			this.logger.debug("SWS " + this.role.getTag() + " handshake failed on session " + connection.transport.getId()
					+ " (close " + failure.closeCode() + "): " + failure);
		}
		closeTransport(connection.transport, new CloseStatus(failure.closeCode()));
		handshakeFailed(connection, failure);
	}

	/**
	 * Fails a handshake from outside (its timer fired, or the server evicts it); does nothing if
	 * the handshake already ended.
	 */
	void abortHandshake(SwsConnection connection, FailureReason reason, String detail) {
		HandshakeMachine handshake = connection.handshake();
		if (handshake == null) {
			return;
		}
		handshake.abort(reason, detail).ifPresent((failure) -> onHandshakeFailure(connection, failure));
	}

	private void onDataMessage(SwsConnection connection, SwsWebSocketSession session, WebSocketMessage<?> message)
			throws Exception {
		if (!(message instanceof BinaryMessage binary)) {
			failSession(connection, session, FailureReason.UNEXPECTED_FRAME_TYPE, "Text frame after the handshake");
			return;
		}
		int maxFrame = maxFrameSize();
		byte[] frame;
		try {
			frame = connection.fragments().appendBinary(binary.getPayload(), binary.isLast(), maxFrame);
		}
		catch (FragmentBuffer.TooLarge ex) {
			failSession(connection, session, FailureReason.MESSAGE_TOO_LARGE, ex.getMessage() + " exceeds " + maxFrame);
			return;
		}
		if (frame == null) {
			return;
		}
		awaitOpened(connection);
		byte[] plaintext;
		try {
			plaintext = session.channel().open(frame);
		}
		catch (SwsProtocolException ex) {
			failSession(connection, session, ex.getReason(), ex.getDetail());
			return;
		}
		WebSocketMessage<?> delivered = toMessage(plaintext);
		if (delivered == null) {
			failSession(connection, session, FailureReason.INVALID_UTF8, "Decrypted message is not valid UTF-8");
			return;
		}
		this.options.listener().messageReceived(this.role, plaintext.length);
		deliver(session, () -> getDelegate().handleMessage(session, delivered));
	}

	/** The largest encrypted frame: the largest message plus the channel's overhead. */
	private int maxFrameSize() {
		return (int) Math.min(Integer.MAX_VALUE, (long) this.options.maxMessageSize() + SecureChannel.OVERHEAD);
	}

	/**
	 * Calls the delegate. A send of the delegate's that closed the session (a peer that does not
	 * read, a failed write) throws to the delegate; if the delegate lets that escape, it ends
	 * here, at debug level: SWS closed and counted it already, and an error log per slow peer
	 * would let any client flood the logs.
	 */
	private void deliver(SwsWebSocketSession session, DelegateCall call) throws Exception {
		try {
			call.run();
		}
		catch (IOException | SessionLimitExceededException ex) {
			if (!session.isClosedBySending()) {
				throw ex;
			}
			if (this.logger.isDebugEnabled()) {
				this.logger.debug("SWS " + this.role.getTag() + " session " + session.getId()
						+ " was closed while the handler sent: " + ex);
			}
		}
	}

	@FunctionalInterface
	private interface DelegateCall {

		void run() throws Exception;

	}

	/** The message for the delegate, or {@code null} if text is required and this is not UTF-8. */
	private @Nullable WebSocketMessage<?> toMessage(byte[] plaintext) {
		if (this.inboundMode == InboundMessageMode.BINARY) {
			return new BinaryMessage(plaintext);
		}
		if (StrictUtf8.isValid(plaintext, 0, plaintext.length)) {
			return new TextMessage(new String(plaintext, StandardCharsets.UTF_8));
		}
		return (this.inboundMode == InboundMessageMode.TEXT_IF_UTF8) ? new BinaryMessage(plaintext) : null;
	}

	private void failSession(SwsConnection connection, SwsWebSocketSession session, FailureReason reason, String detail) {
		this.options.listener().sessionFailed(this.role, reason);
		if (this.logger.isDebugEnabled()) {
			this.logger.debug("SWS " + this.role.getTag() + " session " + connection.transport.getId() + " failed (close "
					+ reason.getCloseCode() + "): " + reason.getTag() + ": " + detail);
		}
		session.closeQuietly(new CloseStatus(reason.getCloseCode()));
	}

	@Override
	public void handleTransportError(WebSocketSession transport, Throwable exception) throws Exception {
		SwsConnection connection = this.connections.get(transport.getId());
		SwsWebSocketSession session = (connection != null) ? connection.session() : null;
		if (session != null) {
			getDelegate().handleTransportError(session, exception);
		}
		else if (this.logger.isDebugEnabled()) {
			this.logger.debug("Transport error during SWS handshake on session " + transport.getId() + ": " + exception);
		}
	}

	@Override
	public void afterConnectionClosed(WebSocketSession transport, CloseStatus status) throws Exception {
		SwsConnection connection = this.connections.remove(transport.getId());
		if (connection == null) {
			return;
		}
		connection.cancelTimer();
		SwsWebSocketSession session = connection.session();
		if (session == null) {
			if (connection.finishHandshake()) {
				handshakeEnded(connection);
				FailureReason reason = closedDuringHandshakeReason(status.getCode());
				HandshakeMachine handshake = connection.handshake();
				this.options.listener()
					.handshakeFailed(this.role, (handshake != null) ? handshake.getVersion().orElse(null) : null, reason,
							Duration.between(connection.openedAt, clock().instant()));
				if (this.logger.isDebugEnabled()) {
					this.logger.debug("SWS " + this.role.getTag() + " handshake failed on session " + transport.getId()
							+ ": closed during the handshake with " + status.getCode() + " (" + reason.getTag() + ")");
				}
				closedDuringHandshake(connection, status);
			}
			return;
		}
		boolean closedHere = session.isClosedLocally();
		session.markClosed();
		this.openSessions.remove(session);
		if (connection.closeUnconfirmed()) {
			connection.finishHandshake();
			handshakeEnded(connection);
			this.options.listener()
				.handshakeFailed(this.role, session.getPeer().getVersion(), FailureReason.REFUSED_BY_PEER,
						Duration.between(connection.openedAt, clock().instant()));
			closedDuringHandshake(connection, status);
			return;
		}
		if (!closedHere) {
			FailureReason.ofErrorCloseCode(status.getCode()).ifPresent((reason) -> {
				this.options.listener().sessionFailed(this.role, reason);
				if (this.logger.isDebugEnabled()) {
					this.logger.debug("SWS " + this.role.getTag() + " session " + transport.getId() + " failed: closed with "
							+ status.getCode() + " (" + reason.getTag() + ")");
				}
			});
		}
		this.options.listener().sessionClosed(this.role);
		getDelegate().afterConnectionClosed(session, session.closeStatusForApplication(status));
	}

	/**
	 * The failure to count when the connection closed during the handshake without this side
	 * deciding it: the failure a protocol-error close code reports (the container refused a frame),
	 * or else {@link FailureReason#REFUSED_BY_PEER}.
	 */
	FailureReason closedDuringHandshakeReason(int closeCode) {
		return FailureReason.ofErrorCloseCode(closeCode).orElse(FailureReason.REFUSED_BY_PEER);
	}

	/**
	 * Returns {@code true}: fragments are joined here, up to the configured limits, so that the
	 * container can keep its small default message buffers. The delegate always receives whole
	 * messages.
	 */
	@Override
	public boolean supportsPartialMessages() {
		return true;
	}

	static void closeTransport(WebSocketSession transport, CloseStatus status) {
		try {
			transport.close(status);
		}
		catch (IOException | RuntimeException ex) {
			LogFactory.getLog(SwsWebSocketHandlerDecorator.class).trace("Ignoring close failure", ex);
		}
	}

	private static boolean isSockJs(WebSocketSession session) {
		for (Class<?> type = session.getClass(); type != null; type = type.getSuperclass()) {
			for (Class<?> contract : type.getInterfaces()) {
				if (contract.getName().equals(SOCKJS_SESSION)) {
					return true;
				}
			}
		}
		return false;
	}

	@Override
	public String toString() {
		return getClass().getSimpleName() + " [" + getDelegate() + "]";
	}

}
