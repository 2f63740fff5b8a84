package dev.sws.webflux;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import reactor.core.Disposable;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;

import dev.sws.internal.json.JsonFormatException;
import dev.sws.internal.json.StrictUtf8;
import dev.sws.protocol.FailureReason;
import dev.sws.protocol.HandshakeFailure;
import dev.sws.protocol.HandshakeFrame;
import dev.sws.protocol.HandshakeMachine;
import dev.sws.protocol.HandshakeStep;
import dev.sws.protocol.PeerIdentity;
import dev.sws.protocol.ProtocolVersion;
import dev.sws.protocol.SecureChannel;
import dev.sws.protocol.SwsProtocolException;

/**
 * One SWS connection over a reactive transport session, for either role: runs the handshake
 * machine, then decrypts inbound frames for the application and encrypts its outbound messages.
 *
 * <p>Outbound, everything this connection writes (handshake replies, the first-frame hold, the
 * application's publishers) is one serial stream, the only {@code send} on the transport: frames
 * are sealed in the order they are written, so counter order is wire order whatever thread the
 * application sends from. Each application message waits for room in the {@link OutboundBudget}
 * before it is even requested from the application's publisher and sealed; its room comes back
 * when the transport has written it. A peer that stops reading therefore stops the application's
 * publishers instead of growing a queue, and is closed with 4500 once a message waited for the
 * send time limit.
 *
 * <p>Inbound, the transport is read one frame at a time during the handshake, then exactly as fast
 * as the application requests decrypted messages: nothing is read ahead of its demand.
 */
abstract class SwsReactiveConnection {

	protected final Log logger = LogFactory.getLog(getClass());

	final WebSocketSession transport;

	final SwsReactiveOptions options;

	final Instant openedAt;

	private final String role;

	private volatile @Nullable HandshakeMachine handshake;

	private final Object emitLock = new Object();

	private boolean outboundEnded;

	private final Sinks.Many<Publisher<WebSocketMessage>> segments = Sinks.many().unicast().onBackpressureBuffer();

	private final Sinks.One<SwsReactiveSession> established = Sinks.one();

	/** Signalled when this side closes the transport: ends the application's sends. */
	private final Sinks.Empty<Void> closed = Sinks.empty();

	private final AtomicBoolean handshakeFinished = new AtomicBoolean();

	private final Inbound inbound = new Inbound();

	private final OutboundBudget budget;

	private final boolean nettyFrames;

	private volatile @Nullable Disposable timer;

	/** Checks that waiting frames get written; guarded by the emit lock. */
	private @Nullable Disposable watchdog;

	private volatile @Nullable SwsReactiveSession session;

	private volatile @Nullable SecureChannel channel;

	/** The limit that closed the session, if one did. */
	private volatile @Nullable SwsSessionLimitException limitExceeded;

	private volatile boolean closedLocally;

	SwsReactiveConnection(WebSocketSession transport, HandshakeMachine handshake, SwsReactiveOptions options,
			String role) {
		this.transport = transport;
		this.handshake = handshake;
		this.options = options;
		this.role = role;
		this.openedAt = options.clock().instant();
		this.budget = new OutboundBudget(options.maxOutboundBuffer(), options.scheduler());
		this.nettyFrames = NettyFrames.isNetty(transport.bufferFactory());
	}

	/** Called once the handshake timer runs, before this side sends anything. */
	void handshakeStarted() {
	}

	/** The first handshake message this side sends, if any (the client's first message). */
	Optional<HandshakeFrame> openingMessage(HandshakeMachine machine) {
		return Optional.empty();
	}

	/** Called exactly once: when the handshake ended, successfully or not. */
	void handshakeEnded() {
	}

	/** How long to wait after the handshake before the session counts as accepted by the peer. */
	Duration confirmationWindow(HandshakeMachine machine) {
		return Duration.ZERO;
	}

	/** How long to hold the application's first frames after a v1/v2 handshake (v3 sessions are never held). */
	Duration firstFrameDelay() {
		return Duration.ZERO;
	}

	/** Runs the application on the open session; completes when it is done with the session. */
	abstract Mono<Void> application(SwsReactiveSession session);

	/** The error that ends {@link #run()} after this side refused the handshake, or null to end quietly. */
	@Nullable Throwable handshakeFailed(HandshakeFailure failure) {
		return null;
	}

	/** The error that ends {@link #run()} after the peer closed during the handshake, or null to end quietly. */
	@Nullable Throwable closedDuringHandshake(int closeCode) {
		return null;
	}

	/** The failure to count when the peer closed during the handshake with {@code closeCode}. */
	FailureReason closedDuringHandshakeReason(int closeCode) {
		return FailureReason.ofErrorCloseCode(closeCode).orElse(FailureReason.REFUSED_BY_PEER);
	}

	/**
	 * Runs the connection: the handshake, then the application. Completes when the application is
	 * done and everything it sent was handed to the transport, or when the handshake failed.
	 */
	Mono<Void> run() {
		Mono<Void> sending = this.transport.send(Flux.concat(this.segments.asFlux())).onErrorResume((ex) -> {
			if (this.logger.isDebugEnabled()) {
				this.logger.debug("SWS " + this.role + " session " + this.transport.getId() + ": sending ended: " + ex);
			}
			return Mono.empty();
		});
		Mono<Void> lifecycle = Mono.defer(() -> {
			start();
			return this.established.asMono();
		}).flatMap(this::runApplication).then(Mono.fromRunnable(this::endOutbound));
		return Mono.when(sending, lifecycle).doFinally((signal) -> {
			endOutbound();
			cancelTimer();
			synchronized (this.emitLock) {
				if (this.watchdog != null) {
					this.watchdog.dispose();
				}
			}
			this.inbound.dispose();
		});
	}

	private Mono<Void> runApplication(SwsReactiveSession session) {
		return Mono.defer(() -> application(session)).onErrorResume(SwsSessionLimitException.class, (ex) -> {
			if (this.logger.isDebugEnabled()) {
				this.logger.debug("SWS " + this.role + " session " + this.transport.getId()
						+ " was closed while the handler sent: " + ex.getMessage());
			}
			return Mono.empty();
		}).doFinally((signal) -> {
			session.markClosed();
			this.options.listener().sessionClosed();
			sessionEnded(session);
		});
	}

	/** Called once the application is done with an open session. */
	void sessionEnded(SwsReactiveSession session) {
	}

	private void start() {
		Duration timeout = this.options.handshakeTimeout();
		this.timer = Mono.delay(timeout, this.options.scheduler())
			.subscribe((tick) -> abortHandshake(FailureReason.HANDSHAKE_TIMEOUT, "No complete handshake within " + timeout));
		handshakeStarted();
		HandshakeMachine machine = this.handshake;
		if (machine != null) {
			openingMessage(machine).ifPresent(this::emitFrame);
		}
		this.transport.receive().subscribe(this.inbound);
	}

	private void emitFrame(HandshakeFrame frame) {
		emit(Mono.just(toMessage(frame)));
	}

	private WebSocketMessage toMessage(HandshakeFrame frame) {
		if (frame instanceof HandshakeFrame.Text text) {
			return this.transport.textMessage(text.text());
		}
		byte[] bytes = ((HandshakeFrame.Binary) frame).bytes();
		return new WebSocketMessage(WebSocketMessage.Type.BINARY, this.transport.bufferFactory().wrap(bytes));
	}

	/** Appends a publisher to the outbound stream; false if the stream has ended. */
	private boolean emit(Publisher<WebSocketMessage> segment) {
		synchronized (this.emitLock) {
			return !this.outboundEnded && this.segments.tryEmitNext(segment).isSuccess();
		}
	}

	private void endOutbound() {
		synchronized (this.emitLock) {
			if (!this.outboundEnded) {
				this.outboundEnded = true;
				this.segments.tryEmitComplete();
			}
		}
	}

	private void cancelTimer() {
		Disposable current = this.timer;
		if (current != null) {
			current.dispose();
		}
	}

	/** Fails the handshake from outside (its timer, or the server's eviction); no-op once it ended. */
	void abortHandshake(FailureReason reason, String detail) {
		HandshakeMachine machine = this.handshake;
		if (machine != null) {
			machine.abort(reason, detail).ifPresent(this::onHandshakeFailure);
		}
	}

	private void onHandshakeFrame(HandshakeMachine machine, WebSocketMessage message) {
		DataBuffer payload = message.getPayload();
		HandshakeStep step;
		switch (message.getType()) {
			case TEXT -> {
				if (payload.readableByteCount() > 3L * machine.getMaxMessageChars()) {
					abortHandshake(FailureReason.MESSAGE_TOO_LARGE,
							payload.readableByteCount() + " bytes of text during the handshake");
					return;
				}
				byte[] bytes = bytes(payload);
				String text;
				try {
					text = StrictUtf8.decode(bytes, 0, bytes.length);
				}
				catch (JsonFormatException ex) {
					abortHandshake(FailureReason.INVALID_UTF8, "A text frame that is not UTF-8 during the handshake");
					return;
				}
				step = machine.receive(text);
			}
			case BINARY -> {
				if (payload.readableByteCount() > machine.getMaxBinaryMessageBytes()) {
					abortHandshake(FailureReason.MESSAGE_TOO_LARGE,
							payload.readableByteCount() + " bytes during the handshake");
					return;
				}
				step = machine.receive(bytes(payload));
			}
			default -> {
				this.inbound.request(1); // pings and pongs are not part of the handshake
				return;
			}
		}
		if (step instanceof HandshakeStep.Reply reply) {
			emitFrame(reply.frame());
			this.inbound.request(1);
		}
		else if (step instanceof HandshakeStep.Established done) {
			onEstablished(machine, done);
		}
		else if (step instanceof HandshakeStep.Failed failed) {
			onHandshakeFailure(failed.failure());
		}
	}

	private void onEstablished(HandshakeMachine machine, HandshakeStep.Established done) {
		done.finalFrame().ifPresent(this::emitFrame);
		SwsReactiveSession opened = new SwsReactiveSession(this, done.peer());
		this.channel = done.channel();
		this.session = opened;
		this.handshake = null;
		cancelTimer();
		Duration window = confirmationWindow(machine);
		if (window.isZero()) {
			open(opened);
		}
		else {
			this.timer = Mono.delay(window, this.options.scheduler()).subscribe((tick) -> open(opened));
		}
	}

	private void open(SwsReactiveSession opened) {
		if (!this.handshakeFinished.compareAndSet(false, true)) {
			return; // the peer closed during the confirmation window
		}
		handshakeEnded();
		PeerIdentity peer = opened.getPeer();
		this.options.listener().handshakeSucceeded(peer.getVersion(), elapsed());
		if (this.logger.isDebugEnabled()) {
			this.logger.debug("SWS " + this.role + " handshake done on session " + this.transport.getId() + " with " + peer);
		}
		Duration hold = peer.getVersion().needsFirstFrameHold() ? firstFrameDelay() : Duration.ZERO;
		if (!hold.isZero()) {
			emit(Mono.delay(hold, this.options.scheduler()).then(Mono.empty()));
		}
		this.established.tryEmitValue(opened);
	}

	private Duration elapsed() {
		return Duration.between(this.openedAt, this.options.clock().instant());
	}

	private void onHandshakeFailure(HandshakeFailure failure) {
		if (!this.handshakeFinished.compareAndSet(false, true)) {
			return;
		}
		cancelTimer();
		HandshakeMachine machine = this.handshake;
		this.handshake = null;
		handshakeEnded();
		this.options.listener()
			.handshakeFailed((machine != null) ? machine.getVersion().orElse(null) : null, failure.reason(), elapsed());
		if (this.logger.isDebugEnabled()) {
			this.logger.debug("SWS " + this.role + " handshake failed on session " + this.transport.getId() + " (close "
					+ failure.closeCode() + "): " + failure);
		}
		closeTransport(new CloseStatus(failure.closeCode()));
		resolve(handshakeFailed(failure));
	}

	private void onClosedDuringHandshake(int closeCode) {
		cancelTimer();
		HandshakeMachine machine = this.handshake;
		SwsReactiveSession unconfirmed = this.session;
		ProtocolVersion version = (unconfirmed != null) ? unconfirmed.getPeer().getVersion()
				: ((machine != null) ? machine.getVersion().orElse(null) : null);
		this.handshake = null;
		handshakeEnded();
		FailureReason reason = (unconfirmed != null) ? FailureReason.REFUSED_BY_PEER : closedDuringHandshakeReason(closeCode);
		this.options.listener().handshakeFailed(version, reason, elapsed());
		if (this.logger.isDebugEnabled()) {
			this.logger.debug("SWS " + this.role + " handshake failed on session " + this.transport.getId()
					+ ": closed during the handshake with " + closeCode + " (" + reason.getTag() + ")");
		}
		resolve(closedDuringHandshake(closeCode));
	}

	private void resolve(@Nullable Throwable error) {
		if (error != null) {
			this.established.tryEmitError(error);
		}
		else {
			this.established.tryEmitEmpty();
		}
	}

	private void onDataFrame(SecureChannel secure, WebSocketMessage message) {
		switch (message.getType()) {
			case PING, PONG -> this.inbound.deliver(
					new WebSocketMessage(message.getType(), this.transport.bufferFactory().wrap(bytes(message.getPayload()))));
			case TEXT -> {
				// as a servlet container does, invalid UTF-8 is refused before the frame's type
				byte[] text = bytes(message.getPayload());
				if (StrictUtf8.isValid(text, 0, text.length)) {
					failSession(FailureReason.UNEXPECTED_FRAME_TYPE, "Text frame after the handshake");
				}
				else {
					failSession(FailureReason.INVALID_UTF8, "A text frame that is not UTF-8");
				}
			}
			case BINARY -> {
				int maxFrame = this.options.maxMessageSize() + SecureChannel.OVERHEAD;
				int length = message.getPayload().readableByteCount();
				if (length > maxFrame) {
					failSession(FailureReason.MESSAGE_TOO_LARGE, length + " bytes exceed " + maxFrame);
					return;
				}
				byte[] plaintext;
				try {
					plaintext = secure.open(bytes(message.getPayload()));
				}
				catch (SwsProtocolException ex) {
					failSession(ex.getReason(), ex.getDetail());
					return;
				}
				this.options.listener().messageReceived(plaintext.length);
				WebSocketMessage delivered = toApplicationMessage(plaintext);
				if (delivered == null) {
					failSession(FailureReason.INVALID_UTF8, "A message for a handler that takes text only is not valid UTF-8");
					return;
				}
				this.inbound.deliver(delivered);
			}
		}
	}

	/**
	 * The message for the application as {@link SwsReactiveOptions#inboundMessages()} says, or
	 * {@code null} if text is required and this is not UTF-8.
	 */
	private @Nullable WebSocketMessage toApplicationMessage(byte[] plaintext) {
		InboundMessageType type = this.options.inboundMessages();
		DataBuffer payload = this.transport.bufferFactory().wrap(plaintext);
		if (type == InboundMessageType.BINARY) {
			return new WebSocketMessage(WebSocketMessage.Type.BINARY, payload);
		}
		if (StrictUtf8.isValid(plaintext, 0, plaintext.length)) {
			return new WebSocketMessage(WebSocketMessage.Type.TEXT, payload);
		}
		return (type == InboundMessageType.TEXT_IF_UTF8) ? new WebSocketMessage(WebSocketMessage.Type.BINARY, payload) : null;
	}

	/** Closes an established session with the reason's code, and ends the application's inbound stream. */
	void failSession(FailureReason reason, String detail) {
		this.options.listener().sessionFailed(reason);
		if (this.logger.isDebugEnabled()) {
			this.logger.debug("SWS " + this.role + " session " + this.transport.getId() + " failed (close "
					+ reason.getCloseCode() + "): " + reason.getTag() + ": " + detail);
		}
		closeTransport(new CloseStatus(reason.getCloseCode()));
		this.inbound.finish(null);
	}

	private void closeTransport(CloseStatus status) {
		this.closedLocally = true;
		SwsReactiveSession open = this.session;
		if (open != null) {
			open.markClosed();
		}
		this.transport.close(status).onErrorResume((ex) -> Mono.empty()).subscribe();
		this.closed.tryEmitEmpty();
	}

	// ---- what the session calls

	Flux<WebSocketMessage> receive() {
		return Flux.create(this.inbound::attach, FluxSink.OverflowStrategy.ERROR);
	}

	/**
	 * Appends the application's messages to the outbound stream. Each is sealed and written in
	 * turn, once the outbound buffer has room for it.
	 */
	Mono<Void> send(Publisher<WebSocketMessage> messages) {
		return Mono.defer(() -> {
			Sinks.Empty<Void> done = Sinks.empty();
			Sinks.Empty<Void> cancelled = Sinks.empty();
			Flux<WebSocketMessage> segment = Flux.from(messages)
				.concatMap(this::seal, 0)
				.takeUntilOther(cancelled.asMono())
				.takeUntilOther(this.closed.asMono())
				.doOnComplete(() -> endedBeforeSending(done))
				.onErrorResume((ex) -> {
					done.tryEmitError(ex);
					return Mono.empty();
				})
				.doOnCancel(() -> endedBeforeSending(done));
			if (!emit(segment)) {
				endedBeforeSending(done);
			}
			return done.asMono().doOnCancel(cancelled::tryEmitEmpty);
		});
	}

	private void endedBeforeSending(Sinks.Empty<Void> done) {
		SwsSessionLimitException limit = this.limitExceeded;
		if (limit != null) {
			done.tryEmitError(limit);
		}
		else {
			done.tryEmitEmpty();
		}
	}

	private Mono<WebSocketMessage> seal(WebSocketMessage message) {
		WebSocketMessage.Type type = message.getType();
		byte[] payload = bytes(message.getPayload());
		DataBufferUtils.release(message.getPayload());
		if (type == WebSocketMessage.Type.PING || type == WebSocketMessage.Type.PONG) {
			return Mono.just(new WebSocketMessage(type, this.transport.bufferFactory().wrap(payload)));
		}
		int size = payload.length + SecureChannel.OVERHEAD;
		return this.budget.acquire(size).then(Mono.fromCallable(() -> frame(payload, size)));
	}

	/**
	 * Watches the frames that wait for the peer while any do: once none has been written for the
	 * send time limit, the peer counts as not reading and the session is closed with 4500.
	 */
	private void watchWrites() {
		synchronized (this.emitLock) {
			if (this.watchdog != null || this.closedLocally) {
				return;
			}
			this.watchdog = this.options.scheduler()
				.schedule(this::checkWrites, this.options.sendTimeLimit().toMillis(), TimeUnit.MILLISECONDS);
		}
	}

	private void checkWrites() {
		long limit = this.options.sendTimeLimit().toMillis();
		long stalled = this.budget.stalledFor();
		synchronized (this.emitLock) {
			this.watchdog = null;
			if (this.closedLocally || stalled == 0) {
				return;
			}
			if (stalled < limit) {
				this.watchdog = this.options.scheduler().schedule(this::checkWrites, limit - stalled, TimeUnit.MILLISECONDS);
				return;
			}
		}
		String detail = "the peer read none of " + this.budget.getOutstanding() + " waiting bytes within "
				+ this.options.sendTimeLimit();
		this.limitExceeded = new SwsSessionLimitException(FailureReason.SEND_TIME_LIMIT,
				"SWS session " + this.transport.getId() + " closed: " + detail);
		failSession(FailureReason.SEND_TIME_LIMIT, detail);
		endOutbound();
		// the close frame waits behind what the peer does not read: give it the same time, then drop the connection
		this.options.scheduler().schedule(() -> NettyFrames.abort(this.transport), limit, TimeUnit.MILLISECONDS);
	}

	private WebSocketMessage frame(byte[] plaintext, int size) {
		SecureChannel secure = this.channel;
		if (secure == null || this.closedLocally) {
			this.budget.release(size);
			SwsSessionLimitException limit = this.limitExceeded;
			throw (limit != null) ? limit : new IllegalStateException("SWS session " + this.transport.getId() + " is closed");
		}
		byte[] sealed;
		try {
			sealed = secure.seal(plaintext);
		}
		catch (SwsProtocolException ex) {
			this.budget.release(size);
			failSession(ex.getReason(), ex.getDetail());
			throw ex;
		}
		this.options.listener().messageSent(plaintext.length);
		DataBufferFactory factory = this.transport.bufferFactory();
		DataBuffer frame;
		if (this.nettyFrames) {
			frame = NettyFrames.wrap(factory, sealed, () -> this.budget.release(size));
			watchWrites();
		}
		else {
			// other transports: their own demand is the only backpressure there is
			frame = factory.wrap(sealed);
			this.budget.release(size);
		}
		return new WebSocketMessage(WebSocketMessage.Type.BINARY, frame);
	}

	/** The channel, once the handshake succeeded (tests move its counters through it). */
	@Nullable SecureChannel getChannel() {
		return this.channel;
	}

	long getBufferedBytes() {
		return this.budget.getOutstanding();
	}

	Mono<Void> close(CloseStatus status) {
		return Mono.defer(() -> {
			this.closedLocally = true;
			SwsReactiveSession open = this.session;
			if (open != null) {
				open.markClosed();
			}
			return this.transport.close(status);
		});
	}

	boolean isClosedLocally() {
		return this.closedLocally;
	}

	private static byte[] bytes(DataBuffer buffer) {
		byte[] bytes = new byte[buffer.readableByteCount()];
		buffer.toByteBuffer(buffer.readPosition(), java.nio.ByteBuffer.wrap(bytes), 0, bytes.length);
		return bytes;
	}

	/**
	 * The one subscriber of the transport's inbound stream: one frame at a time during the
	 * handshake, then the application's demand.
	 */
	private final class Inbound extends BaseSubscriber<WebSocketMessage> {

		private @Nullable FluxSink<WebSocketMessage> sink;

		private boolean finished;

		private @Nullable Throwable error;

		@Override
		protected void hookOnSubscribe(Subscription subscription) {
			request(1);
		}

		@Override
		protected void hookOnNext(WebSocketMessage message) {
			try {
				HandshakeMachine machine = SwsReactiveConnection.this.handshake;
				SecureChannel secure = SwsReactiveConnection.this.channel;
				if (NettyFrames.hasReservedBits(message)) {
					refuse(FailureReason.MALFORMED_MESSAGE, "A frame with reserved bits set");
				}
				else if (machine != null && secure == null) {
					onHandshakeFrame(machine, message);
				}
				else if (secure != null && SwsReactiveConnection.this.handshakeFinished.get()) {
					onDataFrame(secure, message);
				}
			}
			catch (RuntimeException ex) {
				SwsReactiveConnection.this.logger.debug("SWS " + SwsReactiveConnection.this.role + " session "
						+ SwsReactiveConnection.this.transport.getId() + " failed on an inbound frame", ex);
				refuse(FailureReason.INTERNAL_ERROR, "Internal error: " + ex.getClass().getSimpleName());
			}
		}

		/** Fails the handshake, or the session once there is one. */
		private void refuse(FailureReason reason, String detail) {
			if (SwsReactiveConnection.this.session == null) {
				abortHandshake(reason, detail);
			}
			else {
				failSession(reason, detail);
			}
		}

		@Override
		protected void hookOnComplete() {
			closedByPeer(null);
		}

		@Override
		protected void hookOnError(Throwable throwable) {
			closedByPeer(throwable);
		}

		/**
		 * The transport's inbound stream ended: the peer closed, or the transport refused a frame
		 * (and closed with the code it reports). A refusal is counted as SWS's own refusals are:
		 * during the handshake, it is this side's refusal of the handshake.
		 */
		private void closedByPeer(@Nullable Throwable throwable) {
			OptionalInt refusal = NettyFrames.refusalCloseCode(throwable);
			Mono<Integer> closeCode = refusal.isPresent() ? Mono.just(refusal.getAsInt())
					: SwsReactiveConnection.this.transport.closeStatus()
						.map(CloseStatus::getCode)
						.timeout(Duration.ofSeconds(1), Mono.empty(), SwsReactiveConnection.this.options.scheduler())
						.defaultIfEmpty(CloseStatus.NO_CLOSE_FRAME.getCode())
						.onErrorReturn(CloseStatus.NO_CLOSE_FRAME.getCode());
			if (refusal.isPresent() && SwsReactiveConnection.this.handshake != null) {
				// the transport refused a handshake frame: this side refused the handshake, as if SWS had
				FailureReason reason = FailureReason.ofErrorCloseCode(refusal.getAsInt())
					.orElse(FailureReason.MALFORMED_MESSAGE);
				abortHandshake(reason, "The transport refused a handshake frame (close " + refusal.getAsInt() + ")");
			}
			if (refusal.isPresent() && !SwsReactiveConnection.this.closedLocally) {
				// the transport refused a frame: make sure the peer learns why, whoever closes first
				SwsReactiveConnection.this.transport.close(new CloseStatus(refusal.getAsInt()))
					.onErrorResume((ex) -> Mono.empty())
					.subscribe();
			}
			if (SwsReactiveConnection.this.handshakeFinished.compareAndSet(false, true)) {
				closeCode.subscribe(SwsReactiveConnection.this::onClosedDuringHandshake);
			}
			else if (SwsReactiveConnection.this.session != null && !SwsReactiveConnection.this.closedLocally) {
				closeCode.subscribe((code) -> FailureReason.ofErrorCloseCode(code).ifPresent((reason) -> {
					SwsReactiveConnection.this.options.listener().sessionFailed(reason);
					if (SwsReactiveConnection.this.logger.isDebugEnabled()) {
						SwsReactiveConnection.this.logger.debug("SWS " + SwsReactiveConnection.this.role + " session "
								+ SwsReactiveConnection.this.transport.getId() + " failed: closed with " + code + " ("
								+ reason.getTag() + ")");
					}
				}));
			}
			finish(refusal.isPresent() ? null : throwable);
		}

		/** Attaches the application's subscriber (once), which then drives the reading. */
		void attach(FluxSink<WebSocketMessage> subscriber) {
			boolean done;
			Throwable failure;
			synchronized (this) {
				if (this.sink != null) {
					subscriber.error(new IllegalStateException("receive() of an SWS session can be subscribed once"));
					return;
				}
				this.sink = subscriber;
				done = this.finished;
				failure = this.error;
			}
			if (done) {
				terminate(subscriber, failure);
				return;
			}
			subscriber.onRequest(this::request);
			subscriber.onCancel(this::dispose);
		}

		void deliver(WebSocketMessage message) {
			FluxSink<WebSocketMessage> subscriber;
			synchronized (this) {
				subscriber = this.sink;
			}
			if (subscriber != null) {
				subscriber.next(message);
			}
		}

		/** Ends the application's inbound stream: completes it, or errors it with the transport's error. */
		void finish(@Nullable Throwable throwable) {
			FluxSink<WebSocketMessage> subscriber;
			synchronized (this) {
				if (this.finished) {
					return;
				}
				this.finished = true;
				this.error = throwable;
				subscriber = this.sink;
			}
			if (subscriber != null) {
				terminate(subscriber, throwable);
			}
		}

		private void terminate(FluxSink<WebSocketMessage> subscriber, @Nullable Throwable throwable) {
			if (throwable != null) {
				subscriber.error(throwable);
			}
			else {
				subscriber.complete();
			}
		}

	}

}
