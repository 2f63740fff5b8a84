package dev.sws.websocket.relay;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.messaging.simp.stomp.StompBrokerRelayMessageHandler;
import org.springframework.messaging.tcp.ReconnectStrategy;
import org.springframework.messaging.tcp.TcpConnectionHandler;
import org.springframework.messaging.tcp.TcpOperations;
import org.springframework.scheduling.TaskScheduler;

/**
 * The TCP client of Spring's {@link StompBrokerRelayMessageHandler}, made to ride out a broker
 * restart without closing anyone's WebSocket.
 * <p>On its own, the relay answers the loss of the broker by sending every client a STOMP ERROR
 * frame, which makes Spring close their WebSocket sessions, and refuses every frame until its
 * "system" session is back. This client sits between the relay and the real TCP client (Reactor
 * Netty, plain or TLS), and gives the relay one connection per session that outlives the broker
 * connection underneath. When the broker connection of an established session is lost, the relay
 * is not told: the session's frames are held, heartbeats to its client go on, and every
 * {@link RelayOutagePolicy#reconnectInterval()} a new broker connection is tried. Once one is
 * made, the session's original CONNECT frame is sent again, the broker's second CONNECTED frame
 * is swallowed, the session's live subscriptions are sent again, and after
 * {@link RelayOutagePolicy#settleTime()} the held frames follow in their order. Receipts
 * requested before the outage are not requested twice.
 * <p>What cannot be resumed is closed as the relay would have closed it: sessions with
 * client-acknowledged subscriptions or an open transaction (the broker forgets both), sessions
 * that send more than {@link RelayOutagePolicy#bufferSize()} during the outage, sessions still
 * held after {@link RelayOutagePolicy#maxDuration()}, and sessions whose CONNECT the broker
 * refuses when it is back. Until a session's first CONNECTED frame everything is passed through,
 * so that clients connecting during an outage are refused, as they are by the relay alone.
 * <p>Delivery: with {@link RelayOutagePolicy#resendUnconfirmed()} every SEND frame asks for a
 * receipt (which the relay's client never sees), and the frames whose receipt had not come when
 * the broker went away are held and sent again; frames sent in the instant between the broker
 * processing them and its receipt reaching this client may then be delivered twice. Without it,
 * delivery is at most once: frames the broker had not processed when it went away are lost, and
 * nothing is sent twice. Either way, messages the broker had accepted but not yet delivered to a
 * subscription are lost if the broker loses them (non-durable subscriptions do).
 * <p>Use it as the relay's TCP client, over the real one:
 * <pre class="code">
 * ReactorNettyTcpClient&lt;byte[]&gt; tcp = StompBrokerTcpClient.create("broker.internal", 61613, Duration.ofSeconds(5), null);
 * OutageTolerantRelayClient client = new OutageTolerantRelayClient(tcp, scheduler,
 * 		new RelayOutagePolicy(Duration.ofSeconds(60), Duration.ofSeconds(1), Duration.ofSeconds(2), 1 &lt;&lt; 20, true));
 * registry.enableStompBrokerRelay("/topic").setTcpClient(client).setTaskScheduler(scheduler);
 * </pre>
 */
public final class OutageTolerantRelayClient implements TcpOperations<byte[]> {

	private static final Log logger = LogFactory.getLog(OutageTolerantRelayClient.class);

	private final TcpOperations<byte[]> delegate;

	private final TaskScheduler scheduler;

	private final RelayOutagePolicy policy;

	private final Set<ResumableBrokerConnection> connections = ConcurrentHashMap.newKeySet();

	private final AtomicLong connectionsLost = new AtomicLong();

	private final AtomicLong connectionsResumed = new AtomicLong();

	private final AtomicLong sessionsClosed = new AtomicLong();

	private final AtomicLong framesHeld = new AtomicLong();

	private final AtomicLong framesFlushed = new AtomicLong();

	private final AtomicLong framesDropped = new AtomicLong();

	private final AtomicLong framesResent = new AtomicLong();

	private final AtomicLong failedWrites = new AtomicLong();

	private volatile boolean shuttingDown;

	/**
	 * Creates a client.
	 * @param delegate the client that makes the real connections to the broker
	 * @param scheduler the scheduler of reconnection attempts, heartbeats and timeouts
	 * @param policy how sessions are held through an outage
	 */
	public OutageTolerantRelayClient(TcpOperations<byte[]> delegate, TaskScheduler scheduler, RelayOutagePolicy policy) {
		this.delegate = delegate;
		this.scheduler = scheduler;
		this.policy = policy;
	}

	@Override
	public CompletableFuture<@Nullable Void> connectAsync(TcpConnectionHandler<byte[]> handler) {
		return open(new ResumableBrokerConnection(this, handler, null));
	}

	@Override
	public CompletableFuture<@Nullable Void> connectAsync(TcpConnectionHandler<byte[]> handler,
			ReconnectStrategy reconnectStrategy) {
		return open(new ResumableBrokerConnection(this, handler, reconnectStrategy));
	}

	private CompletableFuture<@Nullable Void> open(ResumableBrokerConnection connection) {
		if (this.shuttingDown) {
			IllegalStateException ex = new IllegalStateException("Shutting down.");
			connection.handler().afterConnectFailure(ex);
			return CompletableFuture.failedFuture(ex);
		}
		this.connections.add(connection);
		return connection.connect();
	}

	@Override
	public CompletableFuture<@Nullable Void> shutdownAsync() {
		this.shuttingDown = true;
		this.connections.forEach(ResumableBrokerConnection::close);
		return this.delegate.shutdownAsync();
	}

	/**
	 * Returns what happened so far.
	 * @return the counters
	 */
	public Stats getStats() {
		int held = (int) this.connections.stream().filter(ResumableBrokerConnection::isHeld).count();
		return new Stats(this.connections.size(), held, this.connectionsLost.get(), this.connectionsResumed.get(),
				this.sessionsClosed.get(), this.framesHeld.get(), this.framesFlushed.get(), this.framesDropped.get(),
				this.framesResent.get(), this.failedWrites.get());
	}

	@Override
	public String toString() {
		return "OutageTolerantRelayClient[" + this.delegate + "]";
	}

	TcpOperations<byte[]> delegate() {
		return this.delegate;
	}

	TaskScheduler scheduler() {
		return this.scheduler;
	}

	/**
	 * Returns how sessions are held through an outage.
	 * @return the policy
	 */
	public RelayOutagePolicy getPolicy() {
		return this.policy;
	}

	boolean isShuttingDown() {
		return this.shuttingDown;
	}

	void removed(ResumableBrokerConnection connection) {
		this.connections.remove(connection);
	}

	void lost(ResumableBrokerConnection connection) {
		this.connectionsLost.incrementAndGet();
		if (connection.isSystemSession()) {
			logger.warn("Lost the connection to the STOMP broker; holding client sessions for up to "
					+ this.policy.maxDuration().toSeconds() + " s while reconnecting every "
					+ this.policy.reconnectInterval().toMillis() + " ms");
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("Broker connection lost in " + connection + ", holding it");
		}
	}

	void resumed(ResumableBrokerConnection connection, Duration outage, int flushed) {
		this.connectionsResumed.incrementAndGet();
		this.framesFlushed.addAndGet(flushed);
		if (connection.isSystemSession()) {
			logger.info("Connection to the STOMP broker re-established after " + outage.toMillis() + " ms");
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("Resumed " + connection + " after " + outage.toMillis() + " ms, " + flushed + " held frames sent");
		}
	}

	void closed(ResumableBrokerConnection connection, String reason, int dropped) {
		this.sessionsClosed.incrementAndGet();
		this.framesDropped.addAndGet(dropped);
		logger.warn("Closing " + connection + ": " + reason + (dropped > 0 ? " (" + dropped + " held frames dropped)" : ""));
	}

	void held() {
		this.framesHeld.incrementAndGet();
	}

	void dropped(int frames) {
		this.framesDropped.addAndGet(frames);
	}

	void resent(int frames) {
		this.framesResent.addAndGet(frames);
	}

	void failedWrite() {
		this.failedWrites.incrementAndGet();
	}

	/**
	 * What the client did so far.
	 *
	 * @param sessions the sessions open now, the relay's "system" session included
	 * @param heldSessions the sessions held through an outage now
	 * @param connectionsLost broker connections lost while their session was established
	 * @param connectionsResumed sessions resumed on a new broker connection
	 * @param sessionsClosed sessions closed because they could not be held or resumed
	 * @param framesHeld frames held during outages
	 * @param framesFlushed held frames sent after a resumption
	 * @param framesDropped held frames dropped because their session was closed
	 * @param framesResent SEND frames held to be sent again because the broker went away before
	 * their receipt came (see {@link RelayOutagePolicy#resendUnconfirmed()})
	 * @param failedWrites frames whose write to the broker failed (lost, unless sent again)
	 */
	public record Stats(int sessions, int heldSessions, long connectionsLost, long connectionsResumed,
			long sessionsClosed, long framesHeld, long framesFlushed, long framesDropped, long framesResent,
			long failedWrites) {

	}

}
