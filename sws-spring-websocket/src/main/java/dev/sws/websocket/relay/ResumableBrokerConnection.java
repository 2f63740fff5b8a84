package dev.sws.websocket.relay;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;

import org.jspecify.annotations.Nullable;

import org.springframework.messaging.Message;
import org.springframework.messaging.simp.stomp.StompBrokerRelayMessageHandler;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.simp.stomp.StompTcpConnectionHandler;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.messaging.tcp.ReconnectStrategy;
import org.springframework.messaging.tcp.TcpConnection;
import org.springframework.messaging.tcp.TcpConnectionHandler;

/**
 * The connection the relay sees for one of its sessions: it stays open while the broker
 * connections underneath come and go (see {@link OutageTolerantRelayClient}). Every state change
 * happens under one lock; the relay's handler is called outside it.
 */
// write() and connect() report their own failures (through writeFailed and the connection
// handler): the futures they return serve only the callers that wait for them
@SuppressWarnings("FutureReturnValueIgnored")
final class ResumableBrokerConnection implements TcpConnection<byte[]> {

	/** RabbitMQ's ERROR frame when it closes connections, for example on shutdown. */
	private static final String CONNECTION_FORCED = "connection_forced";

	/** The receipts asked for by this client rather than by the relay's clients. */
	private static final String RECEIPT_PREFIX = "sws-relay-";

	/** How long a new broker connection may take to answer the CONNECT sent again. */
	private static final Duration RESUME_TIMEOUT = Duration.ofSeconds(10);

	private static final byte[] EMPTY = new byte[0];

	private static final byte[] HEARTBEAT = { '\n' };

	private enum State {

		/** Until the broker's first CONNECTED frame: everything is passed through. */
		OPENING,

		/** Established: frames pass through, subscriptions are recorded. */
		OPEN,

		/** The broker connection is lost: frames are held, reconnection is attempted. */
		HELD,

		/** A new broker connection is up; the CONNECT frame was sent again. */
		RESUMING,

		/** Re-subscribed; outbound frames are still held until the settle time has passed. */
		SETTLING,

		/** The broker sent an ERROR frame: the rest is passed through until the connection closes. */
		ENDING,

		CLOSED

	}

	private final OutageTolerantRelayClient client;

	private final TcpConnectionHandler<byte[]> handler;

	private final @Nullable ReconnectStrategy openingStrategy;

	private final Object lock = new Object();

	private State state = State.OPENING;

	private @Nullable Attempt attempt;

	private int openingFailures;

	private final SessionReplay replay;

	private @Nullable Instant outageStarted;

	private long heartbeatToClientMillis;

	private long receipts;

	private @Nullable Runnable writeIdleTask;

	private long writeIdleMillis;

	private long readIdleMillis;

	private @Nullable ScheduledFuture<?> reconnectTask;

	private @Nullable ScheduledFuture<?> deadlineTask;

	private @Nullable ScheduledFuture<?> settleTask;

	private @Nullable ScheduledFuture<?> heartbeatTask;

	ResumableBrokerConnection(OutageTolerantRelayClient client, TcpConnectionHandler<byte[]> handler,
			@Nullable ReconnectStrategy openingStrategy) {
		this.client = client;
		this.handler = handler;
		this.openingStrategy = openingStrategy;
		this.replay = new SessionReplay(client.getPolicy().bufferSize());
	}

	TcpConnectionHandler<byte[]> handler() {
		return this.handler;
	}

	/** The relay connects its "system" session with a reconnect strategy, and client sessions without. */
	boolean isSystemSession() {
		return this.openingStrategy != null;
	}

	boolean isHeld() {
		synchronized (this.lock) {
			return this.state == State.HELD || this.state == State.RESUMING || this.state == State.SETTLING;
		}
	}

	CompletableFuture<@Nullable Void> connect() {
		Attempt next = new Attempt();
		synchronized (this.lock) {
			if (this.state != State.OPENING && this.state != State.HELD) {
				return CompletableFuture.completedFuture(null);
			}
			this.attempt = next;
		}
		return this.client.delegate().connectAsync(next);
	}

	// ---- the relay's side

	@Override
	public CompletableFuture<@Nullable Void> sendAsync(Message<byte[]> message) {
		StompHeaderAccessor accessor = SessionReplay.accessor(message);
		StompCommand command = accessor.getCommand();
		Runnable after = null;
		CompletableFuture<@Nullable Void> result;
		synchronized (this.lock) {
			switch (this.state) {
				case OPEN -> {
					this.replay.record(message, true);
					result = (command == StompCommand.SEND) ? writeSend(message) : write(message);
				}
				case OPENING, ENDING -> {
					this.replay.record(message, true);
					result = write(message);
				}
				case SETTLING -> {
					if (command == StompCommand.SEND) {
						after = hold(message);
						result = CompletableFuture.completedFuture(null);
					}
					else {
						if (command == StompCommand.DISCONNECT) {
							flushHeld();
						}
						this.replay.record(message, true);
						result = write(message);
					}
				}
				case HELD, RESUMING -> {
					after = whileHeld(accessor, message);
					result = CompletableFuture.completedFuture(null);
				}
				default -> result = CompletableFuture.completedFuture(null);
			}
		}
		if (after != null) {
			after.run();
		}
		return result;
	}

	/** A frame the relay sends while there is no broker session: held, recorded or answered here. */
	private @Nullable Runnable whileHeld(StompHeaderAccessor accessor, Message<byte[]> message) {
		StompCommand command = accessor.getCommand();
		if (command == null) {
			return null;
		}
		switch (command) {
			case SEND -> {
				return hold(message);
			}
			case SUBSCRIBE -> {
				this.replay.record(message, false);
				return this.replay.isResumable() ? null : giveUp("a client-acknowledged subscription cannot be resumed");
			}
			case UNSUBSCRIBE -> {
				this.replay.record(message, false);
				String receipt = accessor.getReceipt();
				return (receipt != null) ? () -> this.handler.handleMessage(receipt(receipt)) : null;
			}
			case DISCONNECT -> {
				String receipt = accessor.getReceipt();
				this.client.dropped(close(State.CLOSED));
				return (receipt != null) ? () -> {
					this.handler.handleMessage(receipt(receipt));
					this.handler.afterConnectionClosed();
				} : null;
			}
			default -> {
				return giveUp(command + " frames cannot be resumed");
			}
		}
	}

	@Override
	public void onReadInactivity(Runnable runnable, long duration) {
		synchronized (this.lock) {
			Attempt current = this.attempt;
			if (current == null || current.connection == null) {
				return;
			}
			if (this.state == State.OPENING) {
				// the relay's wait for CONNECTED
				current.connection.onReadInactivity(() -> {
					if (isOpening()) {
						runnable.run();
					}
				}, duration);
			}
			else {
				// the system session's heartbeat watch: a silent broker is a lost connection, not a closed session
				this.readIdleMillis = duration;
				current.connection.onReadInactivity(() -> stalled(current), duration);
			}
		}
	}

	@Override
	public void onWriteInactivity(Runnable runnable, long duration) {
		synchronized (this.lock) {
			this.writeIdleTask = runnable;
			this.writeIdleMillis = duration;
			Attempt current = this.attempt;
			if (current != null && current.connection != null) {
				current.connection.onWriteInactivity(runnable, duration);
			}
		}
	}

	@Override
	public void close() {
		Runnable reopen = null;
		synchronized (this.lock) {
			if (this.state == State.CLOSED) {
				return;
			}
			if (isSystemSession() && !this.client.isShuttingDown()) {
				// as Reactor Netty does for the system session: a closed connection is connected again
				close(State.OPENING);
				reopen = this::retryOpening;
			}
			else {
				this.client.dropped(close(State.CLOSED));
			}
		}
		if (reopen != null) {
			reopen.run();
		}
	}

	// ---- the broker's side, one Attempt per broker connection

	private void connected(Attempt source, TcpConnection<byte[]> connection) {
		Runnable action = null;
		synchronized (this.lock) {
			if (source != this.attempt || (this.state != State.OPENING && this.state != State.HELD)) {
				connection.close();
				return;
			}
			source.connection = connection;
			if (this.state == State.OPENING) {
				action = () -> this.handler.afterConnected(this);
			}
			else {
				this.state = State.RESUMING;
				connection.onReadInactivity(() -> resumeStalled(source), RESUME_TIMEOUT.toMillis());
				Message<byte[]> connect = this.replay.connectAgain();
				if (connect != null) {
					write(connect);
				}
			}
		}
		if (action != null) {
			action.run();
		}
	}

	private void connectFailed(Attempt source, Throwable failure) {
		Runnable action = null;
		synchronized (this.lock) {
			if (source != this.attempt) {
				return;
			}
			if (this.state == State.OPENING) {
				if (isSystemSession()) {
					action = () -> {
						this.handler.afterConnectFailure(failure);
						retryOpening();
					};
				}
				else {
					close(State.CLOSED);
					action = () -> this.handler.afterConnectFailure(failure);
				}
			}
			else if (this.state == State.HELD) {
				scheduleReconnect();
			}
		}
		if (action != null) {
			action.run();
		}
	}

	private void received(Attempt source, Message<byte[]> message) {
		StompHeaderAccessor accessor = SessionReplay.accessor(message);
		StompCommand command = accessor.getCommand();
		Runnable action = () -> this.handler.handleMessage(message);
		synchronized (this.lock) {
			if (source != this.attempt) {
				return;
			}
			switch (this.state) {
				case OPENING -> {
					if (command == StompCommand.CONNECTED) {
						this.state = State.OPEN;
						this.openingFailures = 0;
						this.heartbeatToClientMillis = this.replay.heartbeatToClient(message);
					}
					else if (command == StompCommand.ERROR) {
						this.state = State.ENDING;
					}
				}
				case OPEN, SETTLING -> {
					if (command == StompCommand.RECEIPT && this.replay.confirm(accessor.getReceiptId())) {
						action = null;
					}
					else if (command == StompCommand.ERROR && CONNECTION_FORCED.equals(accessor.getMessage())) {
						action = lost();
					}
					else if (command == StompCommand.ERROR) {
						this.state = State.ENDING;
					}
				}
				case RESUMING -> {
					if (command == StompCommand.CONNECTED) {
						action = null;
						resubscribe(source);
					}
					else if (command == StompCommand.ERROR) {
						// the broker refuses the session now: the client learns why, as without an outage
						int dropped = this.replay.dropHeld();
						cancelTimers();
						this.state = State.ENDING;
						this.client.closed(this, "the broker refused to resume it: " + accessor.getMessage(), dropped);
					}
					else {
						action = null;
					}
				}
				case ENDING -> {
				}
				default -> action = null;
			}
		}
		if (action != null) {
			action.run();
		}
	}

	private void closedByBroker(Attempt source, @Nullable Throwable failure) {
		Runnable action = null;
		synchronized (this.lock) {
			if (source != this.attempt) {
				return;
			}
			Runnable passOn = () -> {
				if (failure != null) {
					this.handler.handleFailure(failure);
				}
				else {
					this.handler.afterConnectionClosed();
				}
			};
			switch (this.state) {
				case OPEN, SETTLING, RESUMING -> action = lost();
				case OPENING, ENDING -> {
					if (isSystemSession() && !this.client.isShuttingDown()) {
						close(State.OPENING);
						action = () -> {
							passOn.run();
							retryOpening();
						};
					}
					else {
						close(State.CLOSED);
						action = passOn;
					}
				}
				default -> {
				}
			}
		}
		if (action != null) {
			action.run();
		}
	}

	private void stalled(Attempt source) {
		Runnable action = null;
		synchronized (this.lock) {
			if (source == this.attempt && (this.state == State.OPEN || this.state == State.SETTLING
					|| this.state == State.RESUMING)) {
				action = lost();
			}
		}
		if (action != null) {
			action.run();
		}
	}

	private void resumeStalled(Attempt source) {
		boolean resuming;
		synchronized (this.lock) {
			resuming = source == this.attempt && this.state == State.RESUMING;
		}
		if (resuming) {
			stalled(source);
		}
	}

	private void writeFailed(Attempt source) {
		this.client.failedWrite();
		stalled(source);
	}

	// ---- transitions, all under the lock

	/** The broker connection of an established session is gone: hold the session, or close it. */
	private @Nullable Runnable lost() {
		State before = this.state;
		Attempt gone = this.attempt;
		this.attempt = null;
		if (gone != null && gone.connection != null) {
			gone.connection.close();
		}
		cancel(this.settleTask);
		this.state = State.HELD;
		int unconfirmed = this.replay.holdUnconfirmed();
		if (unconfirmed > 0) {
			this.client.resent(unconfirmed);
		}
		if (before != State.RESUMING) {
			this.outageStarted = now();
			this.client.lost(this);
			if (!this.replay.isResumable()) {
				return giveUp("client-acknowledged subscriptions and transactions cannot be resumed");
			}
			this.deadlineTask = schedule(this::deadlinePassed, this.client.getPolicy().maxDuration());
			scheduleHeartbeatToClient();
		}
		scheduleReconnect();
		return null;
	}

	private void resubscribe(Attempt source) {
		TcpConnection<byte[]> connection = source.connection;
		if (connection == null) {
			return;
		}
		this.replay.subscribeAgain().forEach(this::write);
		if (this.readIdleMillis > 0) {
			connection.onReadInactivity(() -> stalled(source), this.readIdleMillis);
		}
		if (this.writeIdleTask != null) {
			connection.onWriteInactivity(this.writeIdleTask, this.writeIdleMillis);
		}
		cancel(this.deadlineTask);
		cancel(this.heartbeatTask);
		this.state = State.SETTLING;
		this.settleTask = schedule(this::settled, this.client.getPolicy().settleTime());
	}

	private void settled() {
		synchronized (this.lock) {
			if (this.state != State.SETTLING) {
				return;
			}
			int flushed = flushHeld();
			this.state = State.OPEN;
			Duration outage = (this.outageStarted != null) ? Duration.between(this.outageStarted, now()) : Duration.ZERO;
			this.client.resumed(this, outage, flushed);
		}
	}

	private int flushHeld() {
		List<Message<byte[]>> held = this.replay.takeHeld();
		for (Message<byte[]> frame : held) {
			if (SessionReplay.accessor(frame).getCommand() == StompCommand.SEND) {
				writeSend(frame);
			}
			else {
				write(frame);
			}
		}
		return held.size();
	}

	private @Nullable Runnable hold(Message<byte[]> message) {
		if (!this.replay.hold(message)) {
			return giveUp("it sent more than " + this.client.getPolicy().bufferSize() + " bytes during a broker outage");
		}
		this.client.held();
		return null;
	}

	private void deadlinePassed() {
		Runnable action;
		synchronized (this.lock) {
			if (this.state != State.HELD && this.state != State.RESUMING) {
				return;
			}
			action = giveUp("the broker did not come back within " + this.client.getPolicy().maxDuration().toSeconds() + " s");
		}
		action.run();
	}

	/** Closes the session as the relay would have at the start of the outage. */
	private Runnable giveUp(String reason) {
		boolean reopen = isSystemSession() && !this.client.isShuttingDown();
		int dropped = close(reopen ? State.OPENING : State.CLOSED);
		this.client.closed(this, reason, dropped);
		return () -> {
			this.handler.afterConnectionClosed();
			if (reopen) {
				retryOpening();
			}
		};
	}

	/**
	 * Forgets the broker connection, the timers and everything held or recorded.
	 * @return how many held frames were dropped
	 */
	private int close(State next) {
		Attempt gone = this.attempt;
		this.attempt = null;
		if (gone != null && gone.connection != null) {
			gone.connection.close();
		}
		cancelTimers();
		this.readIdleMillis = 0;
		this.writeIdleTask = null;
		this.state = next;
		if (next == State.CLOSED) {
			this.client.removed(this);
		}
		return this.replay.clear();
	}

	private void retryOpening() {
		ReconnectStrategy strategy = this.openingStrategy;
		Long delay;
		synchronized (this.lock) {
			if (strategy == null || this.state != State.OPENING) {
				return;
			}
			delay = strategy.getTimeToNextAttempt(++this.openingFailures);
			if (delay != null) {
				this.reconnectTask = schedule(this::connect, Duration.ofMillis(delay));
			}
		}
	}

	private void scheduleReconnect() {
		this.reconnectTask = schedule(this::connect, this.client.getPolicy().reconnectInterval());
	}

	private void scheduleHeartbeatToClient() {
		if (this.heartbeatToClientMillis > 0 && !isSystemSession()) {
			this.heartbeatTask = schedule(this::heartbeatToClient, Duration.ofMillis(this.heartbeatToClientMillis));
		}
	}

	/** Keeps the client from timing out the broker's heartbeats while there is no broker. */
	private void heartbeatToClient() {
		synchronized (this.lock) {
			if (this.state != State.HELD && this.state != State.RESUMING) {
				return;
			}
			scheduleHeartbeatToClient();
		}
		StompHeaderAccessor heartbeat = StompHeaderAccessor.createForHeartbeat();
		heartbeat.setLeaveMutable(true);
		this.handler.handleMessage(MessageBuilder.createMessage(HEARTBEAT, heartbeat.getMessageHeaders()));
	}

	private void cancelTimers() {
		cancel(this.reconnectTask);
		cancel(this.deadlineTask);
		cancel(this.settleTask);
		cancel(this.heartbeatTask);
	}

	// ---- helpers, under the lock

	/** A SEND frame: with a receipt to wait for if the policy says so, so that it can be sent again. */
	private CompletableFuture<@Nullable Void> writeSend(Message<byte[]> message) {
		if (!this.client.getPolicy().resendUnconfirmed()) {
			return write(message);
		}
		return write(this.replay.expectReceipt(message, RECEIPT_PREFIX + (++this.receipts)));
	}

	private CompletableFuture<@Nullable Void> write(Message<byte[]> message) {
		Attempt current = this.attempt;
		TcpConnection<byte[]> connection = (current != null) ? current.connection : null;
		if (current == null || connection == null) {
			this.client.failedWrite();
			return CompletableFuture.completedFuture(null);
		}
		CompletableFuture<@Nullable Void> result = new CompletableFuture<>();
		connection.sendAsync(message).whenComplete((done, failure) -> {
			if (failure != null) {
				// handled on another thread: the failure may be reported inside sendAsync, under this lock
				schedule(() -> writeFailed(current), Duration.ZERO);
			}
			result.complete(null);
		});
		return result;
	}

	private boolean isOpening() {
		synchronized (this.lock) {
			return this.state == State.OPENING;
		}
	}

	private @Nullable ScheduledFuture<?> schedule(Runnable task, Duration delay) {
		try {
			return this.client.scheduler().schedule(task, now().plus(delay));
		}
		catch (RuntimeException ex) {
			// the scheduler is shut down with the application
			return null;
		}
	}

	private Instant now() {
		return this.client.scheduler().getClock().instant();
	}

	private static void cancel(@Nullable ScheduledFuture<?> task) {
		if (task != null) {
			task.cancel(false);
		}
	}

	private static Message<byte[]> receipt(String receiptId) {
		StompHeaderAccessor accessor = StompHeaderAccessor.create(StompCommand.RECEIPT);
		accessor.setReceiptId(receiptId);
		accessor.setLeaveMutable(true);
		return MessageBuilder.createMessage(EMPTY, accessor.getMessageHeaders());
	}

	@Override
	public String toString() {
		String session = (this.handler instanceof StompTcpConnectionHandler<?> stomp) ? stomp.getSessionId() : "?";
		return "broker session " + (StompBrokerRelayMessageHandler.SYSTEM_SESSION_ID.equals(session) ? "(system)" : session);
	}

	/** The handler of one real broker connection; events of a superseded one are ignored. */
	private final class Attempt implements TcpConnectionHandler<byte[]> {

		volatile @Nullable TcpConnection<byte[]> connection;

		@Override
		public void afterConnected(TcpConnection<byte[]> connection) {
			connected(this, connection);
		}

		@Override
		public void afterConnectFailure(Throwable ex) {
			connectFailed(this, ex);
		}

		@Override
		public void handleMessage(Message<byte[]> message) {
			received(this, message);
		}

		@Override
		public void handleFailure(Throwable ex) {
			closedByBroker(this, ex);
		}

		@Override
		public void afterConnectionClosed() {
			closedByBroker(this, null);
		}

	}

}
