package dev.sws.websocket;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.handler.SessionLimitExceededException;

import dev.sws.crypto.BoxKeyPair;
import dev.sws.crypto.RandomSource;
import dev.sws.internal.crypto.Nonce;
import dev.sws.internal.crypto.SecretBoxKey;
import dev.sws.protocol.PeerIdentity;
import dev.sws.protocol.ProtocolVersion;
import dev.sws.protocol.SecureChannel;
import dev.sws.protocol.ServerHandshakeSettings;
import dev.sws.testsupport.FakeWebSocketSession;
import dev.sws.testsupport.ManualTaskScheduler;
import dev.sws.websocket.SwsWebSocketHandlerDecoratorTests.RecordingListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The encrypting session's outbound queue with a transport whose writes can be held: counter
 * order under concurrency, the buffer and send-time limits, the first-frame hold, and timers that
 * hand their I/O to the executor.
 */
class SwsWebSocketSessionTests {

	private static final int LIMIT = 300_000;

	private static final Duration SEND_TIME_LIMIT = Duration.ofSeconds(2);

	private final ManualTaskScheduler scheduler = new ManualTaskScheduler();

	private final RecordingListener listener = new RecordingListener();

	private final ExecutorService senders = Executors.newCachedThreadPool();

	/** Tasks handed to the I/O executor, run when the test says so. */
	private final ArrayDeque<Runnable> ioTasks = new ArrayDeque<>();

	private final SecretBoxKey key = SecretBoxKey.random(RandomSource.secure());

	private final Nonce nonce = Nonce.random(RandomSource.secure());

	@AfterEach
	void stop() {
		this.senders.shutdownNow();
	}

	private SwsSessionOptions options() {
		return new SwsSessionOptions(Duration.ofSeconds(2), 1024 * 1024, InboundMessageMode.AUTO, LIMIT,
				SEND_TIME_LIMIT, this.scheduler, this.ioTasks::add, this.scheduler.getClock(), this.listener);
	}

	private SwsWebSocketSession session(GatedSession transport, OpenSessions sessions) {
		SwsWebSocketSession session = new SwsWebSocketSession(transport, SecureChannel.secretBox(this.key, this.nonce, this.key,
				this.nonce), new PeerIdentity(ProtocolVersion.V1, new byte[32], null), SwsRole.SERVER, options());
		sessions.add(session);
		return session;
	}

	private void runIoTasks() {
		Runnable task;
		while ((task = this.ioTasks.poll()) != null) {
			task.run();
		}
	}

	@Test
	void framesGoOutInCounterOrderWhatEverThreadWrites() throws Exception {
		GatedSession transport = new GatedSession();
		SwsWebSocketSession session = session(transport, new OpenSessions(options()));
		List<Future<?>> sent = new ArrayList<>();
		for (int t = 0; t < 4; t++) {
			int thread = t;
			sent.add(this.senders.submit(() -> {
				for (int i = 0; i < 200; i++) {
					session.sendMessage(new TextMessage(thread + ":" + i));
				}
				return null;
			}));
		}
		for (Future<?> future : sent) {
			future.get(20, TimeUnit.SECONDS);
		}
		SecureChannel peer = SecureChannel.secretBox(this.key, this.nonce, this.key, this.nonce);
		List<WebSocketMessage<?>> frames = transport.drain();
		assertThat(frames).hasSize(800);
		for (WebSocketMessage<?> frame : frames) {
			peer.open(bytes(frame)); // throws unless the frames are in counter order
		}
		assertThat(session.getBufferedBytes()).isZero();
	}

	@Test
	void aPeerThatDoesNotReadIsClosedWith4500OnceTheBufferOverflows() throws Exception {
		GatedSession transport = new GatedSession();
		transport.closeGate();
		SwsWebSocketSession session = session(transport, new OpenSessions(options()));
		Future<?> blocked = this.senders.submit(() -> {
			session.sendMessage(new BinaryMessage(new byte[99_000]));
			return null;
		});
		assertThat(transport.writing.await(10, TimeUnit.SECONDS)).isTrue();
		// the frame being written no longer waits; three more fit, the fourth overflows
		for (int i = 0; i < 3; i++) {
			session.sendMessage(new BinaryMessage(new byte[99_000]));
		}
		assertThat(session.getBufferedBytes()).isEqualTo(3 * (99_000 + SecureChannel.OVERHEAD));
		assertThatExceptionOfType(SessionLimitExceededException.class)
			.isThrownBy(() -> session.sendMessage(new BinaryMessage(new byte[99_000])))
			.satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(CloseStatus.SESSION_NOT_RELIABLE));
		assertThat(transport.closeStatus()).isEqualTo(CloseStatus.SESSION_NOT_RELIABLE);
		assertThat(session.getBufferedBytes()).as("what waited is dropped with the session").isZero();
		assertThat(this.listener.events).containsOnlyOnce("session-failed:outbound-buffer-full");
		assertThat(session.isClosedBySending()).isTrue();
		transport.openGate();
		assertThat(blocked).failsWithin(Duration.ofSeconds(10));
		assertThat(transport.sent()).as("nothing written after the close").isEmpty();
	}

	@Test
	void aWriteStuckLongerThanTheSendTimeLimitIsClosedByTheWatchdogEvenIfNothingElseIsSent() throws Exception {
		GatedSession transport = new GatedSession();
		transport.closeGate();
		OpenSessions sessions = new OpenSessions(options());
		SwsWebSocketSession session = session(transport, sessions);
		Future<?> blocked = this.senders.submit(() -> {
			session.sendMessage(new TextMessage("stuck"));
			return null;
		});
		assertThat(transport.writing.await(10, TimeUnit.SECONDS)).isTrue();
		this.scheduler.advance(SEND_TIME_LIMIT);
		runIoTasks();
		assertThat(transport.closeStatus()).as("not yet over the limit").isNull();
		this.scheduler.advance(Duration.ofSeconds(1));
		assertThat(transport.closeStatus()).as("the watchdog's timer does not close the session itself").isNull();
		runIoTasks();
		assertThat(transport.closeStatus()).isEqualTo(CloseStatus.SESSION_NOT_RELIABLE);
		assertThat(this.listener.events).containsOnlyOnce("session-failed:send-time-limit");
		assertThat(sessions.size()).isZero();
		transport.openGate();
		assertThat(blocked).failsWithin(Duration.ofSeconds(10));
	}

	@Test
	void aSendThatFindsAWriteStuckTooLongClosesTheSession() throws Exception {
		GatedSession transport = new GatedSession();
		transport.closeGate();
		SwsWebSocketSession session = session(transport, new OpenSessions(options()));
		this.senders.submit(() -> {
			session.sendMessage(new TextMessage("stuck"));
			return null;
		});
		assertThat(transport.writing.await(10, TimeUnit.SECONDS)).isTrue();
		this.scheduler.advance(SEND_TIME_LIMIT.plusMillis(1));
		assertThatExceptionOfType(SessionLimitExceededException.class)
			.isThrownBy(() -> session.sendMessage(new TextMessage("behind")));
		assertThat(this.listener.events).containsOnlyOnce("session-failed:send-time-limit");
		transport.openGate();
	}

	@Test
	void heldFramesCountAgainstTheLimitAndAreWrittenInOrderOnRelease() throws Exception {
		GatedSession transport = new GatedSession();
		SwsWebSocketSession session = session(transport, new OpenSessions(options()));
		session.hold();
		session.sendMessage(new TextMessage("one"));
		session.sendMessage(new PingMessage(ByteBuffer.wrap(new byte[] { 1 })));
		session.sendMessage(new TextMessage("two"));
		assertThat(transport.sent()).isEmpty();
		assertThat(session.getBufferedBytes()).isEqualTo(3 + 16 + 1 + 3 + 16);
		session.releaseHeld();
		List<WebSocketMessage<?>> frames = transport.drain();
		assertThat(frames).hasSize(3);
		assertThat(frames.get(1)).isInstanceOf(PingMessage.class);
		SecureChannel peer = SecureChannel.secretBox(this.key, this.nonce, this.key, this.nonce);
		assertThat(new String(peer.open(bytes(frames.get(0))))).isEqualTo("one");
		assertThat(new String(peer.open(bytes(frames.get(2))))).isEqualTo("two");

		GatedSession second = new GatedSession();
		SwsWebSocketSession held = session(second, new OpenSessions(options()));
		held.hold();
		held.sendMessage(new BinaryMessage(new byte[LIMIT - 16]));
		assertThatExceptionOfType(SessionLimitExceededException.class)
			.isThrownBy(() -> held.sendMessage(new TextMessage("one too many")));
		assertThat(second.closeStatus()).isEqualTo(CloseStatus.SESSION_NOT_RELIABLE);
		assertThat(second.sent()).isEmpty();
	}

	@Test
	void aCloseWritesWhatWaitsFirstHeldFramesIncluded() throws Exception {
		GatedSession transport = new GatedSession();
		SwsWebSocketSession session = session(transport, new OpenSessions(options()));
		session.hold();
		session.sendMessage(new TextMessage("last words"));
		session.close(CloseStatus.POLICY_VIOLATION);
		List<WebSocketMessage<?>> frames = transport.drain();
		assertThat(frames).hasSize(1);
		SecureChannel peer = SecureChannel.secretBox(this.key, this.nonce, this.key, this.nonce);
		assertThat(new String(peer.open(bytes(frames.get(0))))).isEqualTo("last words");
		assertThat(transport.closeStatus()).isEqualTo(CloseStatus.POLICY_VIOLATION);
		assertThat(session.getBufferedBytes()).isZero();
	}

	/**
	 * The race behind a STOMP ERROR frame that never arrived: the thread releasing the held
	 * frames has taken the ERROR frame off the queue and is writing it when STOMP closes the
	 * session. The close frame must wait for that write, not overtake it.
	 */
	@Test
	void aCloseWaitsForTheWriteInProgressSoTheLastMessageGoesOutFirst() throws Exception {
		GatedSession transport = new GatedSession();
		SwsWebSocketSession session = session(transport, new OpenSessions(options()));
		session.hold();
		session.sendMessage(new TextMessage("ERROR"));
		transport.closeGate();
		Future<?> release = this.senders.submit(session::releaseHeld);
		assertThat(transport.writing.await(5, TimeUnit.SECONDS)).isTrue();
		Future<?> close = this.senders.submit(() -> {
			session.close(CloseStatus.PROTOCOL_ERROR);
			return null;
		});
		Thread.sleep(200);
		assertThat(transport.closeStatus()).as("no close while the last message is being written").isNull();
		transport.openGate();
		close.get(5, TimeUnit.SECONDS);
		release.get(5, TimeUnit.SECONDS);
		List<WebSocketMessage<?>> frames = transport.drain();
		assertThat(frames).hasSize(1);
		SecureChannel peer = SecureChannel.secretBox(this.key, this.nonce, this.key, this.nonce);
		assertThat(new String(peer.open(bytes(frames.get(0))))).isEqualTo("ERROR");
		assertThat(transport.closeStatus()).isEqualTo(CloseStatus.PROTOCOL_ERROR);
	}

	@Test
	void timersHandTheirTransportWorkToTheIoExecutor() throws Exception {
		SwsWebSocketHandlerDecoratorFactory server = SwsWebSocketHandlerDecoratorFactory
			.builder(ServerHandshakeSettings.builder(BoxKeyPair.generate(RandomSource.secure()))
				.versions(EnumSet.of(ProtocolVersion.V1)))
			.scheduler(this.scheduler)
			.ioExecutor(this.ioTasks::add)
			.clock(this.scheduler.getClock())
			.build();
		SwsServerWebSocketHandlerDecorator decorator = server.decorate(new RecordingHandler());
		FakeWebSocketSession silent = new FakeWebSocketSession();
		decorator.afterConnectionEstablished(silent);
		this.scheduler.advance(Duration.ofSeconds(2));
		assertThat(silent.closeStatus()).as("closed by the timer thread").isNull();
		assertThat(this.ioTasks).hasSize(1);
		runIoTasks();
		assertThat(silent.closeStatus().getCode()).isEqualTo(1008);
	}

	private static byte[] bytes(WebSocketMessage<?> message) {
		ByteBuffer payload = ((BinaryMessage) message).getPayload().duplicate();
		byte[] bytes = new byte[payload.remaining()];
		payload.get(bytes);
		return bytes;
	}

	/** A transport whose writes wait at a gate, outside its lock, as a socket with a full buffer. */
	static final class GatedSession extends FakeWebSocketSession {

		final CountDownLatch writing = new CountDownLatch(1);

		private volatile CountDownLatch gate = new CountDownLatch(0);

		void closeGate() {
			this.gate = new CountDownLatch(1);
		}

		void openGate() {
			this.gate.countDown();
		}

		@Override
		public void sendMessage(WebSocketMessage<?> message) {
			this.writing.countDown();
			try {
				if (!this.gate.await(20, TimeUnit.SECONDS)) {
					throw new IllegalStateException("The gate stayed closed");
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
			super.sendMessage(message);
		}

	}

}
