package dev.sws.websocket;

import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

import org.springframework.web.socket.WebSocketSession;

import dev.sws.protocol.HandshakeMachine;

/**
 * The state of one SWS connection inside a decorator: the transport session, the handshake
 * while it runs, and the encrypting session once it is established.
 */
final class SwsConnection {

	final WebSocketSession transport;

	final Instant openedAt;

	/** The handshake while it runs, {@code null} once the session is established. */
	private volatile @Nullable HandshakeMachine handshake;

	/** The encrypting session, {@code null} until it is established. */
	private volatile @Nullable SwsWebSocketSession session;

	private volatile @Nullable ScheduledFuture<?> timer;

	private final AtomicBoolean handshakeFinished = new AtomicBoolean();

	private @Nullable FragmentBuffer fragments;

	/** 0: not established; 1: established, waiting for the peer to confirm; 2: open; 3: closed. */
	private final AtomicInteger phase = new AtomicInteger();

	/** Set once the delegate's {@code afterConnectionEstablished} has returned (or thrown). */
	private volatile boolean delegateOpened;

	SwsConnection(WebSocketSession transport, HandshakeMachine handshake, Instant openedAt) {
		this.transport = transport;
		this.handshake = handshake;
		this.openedAt = openedAt;
	}

	/** The fragment buffer, created on first use (the container calls one session sequentially). */
	FragmentBuffer fragments() {
		if (this.fragments == null) {
			this.fragments = new FragmentBuffer();
		}
		return this.fragments;
	}

	@Nullable HandshakeMachine handshake() {
		return this.handshake;
	}

	@Nullable SwsWebSocketSession session() {
		return this.session;
	}

	void established(SwsWebSocketSession session) {
		this.session = session;
		this.handshake = null; // nothing of the handshake is needed any more
		cancelTimer();
	}

	/** Marks the handshake finished; true only for the first caller. */
	boolean finishHandshake() {
		return this.handshakeFinished.compareAndSet(false, true);
	}

	/** Marks the session established but not yet confirmed by the peer. */
	void awaitConfirmation() {
		this.phase.set(1);
	}

	/** True only for the caller that moves the session from waiting (or just established) to open. */
	boolean confirm() {
		return this.phase.compareAndSet(1, 2) || this.phase.compareAndSet(0, 2);
	}

	/** True if the session is open for the delegate. */
	boolean isOpen() {
		return this.phase.get() == 2;
	}

	/** Records that the delegate's opening callback has returned. */
	void delegateOpened() {
		this.delegateOpened = true;
	}

	/** True once the delegate's opening callback has returned: data may go straight to it. */
	boolean isDelegateOpened() {
		return this.delegateOpened;
	}

	/** True only for the caller that closes a session the peer never confirmed. */
	boolean closeUnconfirmed() {
		return this.phase.compareAndSet(1, 3);
	}

	void timer(ScheduledFuture<?> timer) {
		this.timer = timer;
	}

	void cancelTimer() {
		ScheduledFuture<?> current = this.timer;
		if (current != null) {
			current.cancel(false);
			this.timer = null;
		}
	}

}
