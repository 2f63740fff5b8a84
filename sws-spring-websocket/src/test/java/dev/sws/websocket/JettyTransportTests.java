package dev.sws.websocket;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.UpgradeRequest;
import org.eclipse.jetty.websocket.api.UpgradeResponse;
import org.junit.jupiter.api.Test;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.jetty.JettyWebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.springframework.web.socket.handler.WebSocketSessionDecorator;

import dev.sws.crypto.BoxKeyPair;
import dev.sws.crypto.RandomSource;
import dev.sws.internal.crypto.Nonce;
import dev.sws.internal.crypto.SecretBoxKey;
import dev.sws.protocol.FailureReason;
import dev.sws.protocol.PeerIdentity;
import dev.sws.protocol.ProtocolVersion;
import dev.sws.protocol.SecureChannel;
import dev.sws.protocol.ServerHandshakeSettings;
import dev.sws.testsupport.FakeWebSocketSession;
import dev.sws.testsupport.ManualTaskScheduler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What SWS does for Jetty, on Spring's session over a stand-in for Jetty's native session: the
 * whole-message limits are raised to what SWS accepts (never lowered; a JSR-356 transport is left
 * alone), and a session closed because its peer does not read is aborted if the peer has not
 * answered the close within the send time limit, while the application is told 4500.
 */
class JettyTransportTests {

	/** Jetty's default {@code maxBinaryMessageSize} and {@code maxTextMessageSize}. */
	private static final long JETTY_DEFAULT = 64 * 1024;

	private static final Duration SEND_TIME_LIMIT = Duration.ofSeconds(2);

	@Test
	void raisesTheLimitsOfAJettySessionToWhatSwsAccepts() {
		Map<String, Long> limits = new HashMap<>();
		JettyWebSocketSession session = jettySession(limits, JETTY_DEFAULT);
		assertThat(ContainerLimits.fit(session, 2 * 1024 * 1024 + SecureChannel.OVERHEAD, 40_000)).isTrue();
		assertThat(limits).containsEntry("MaxBinaryMessageSize", 2L * 1024 * 1024 + SecureChannel.OVERHEAD)
			.containsEntry("MaxTextMessageSize", 120_000L);
	}

	@Test
	void neverLowersAJettyLimit() {
		Map<String, Long> limits = new HashMap<>();
		JettyWebSocketSession session = jettySession(limits, 16L * 1024 * 1024);
		assertThat(ContainerLimits.fit(session, 1024, 1024)).isTrue();
		assertThat(limits).containsEntry("MaxBinaryMessageSize", 16L * 1024 * 1024)
			.containsEntry("MaxTextMessageSize", 16L * 1024 * 1024);
	}

	@Test
	void findsTheJettySessionBehindDecorators() {
		Map<String, Long> limits = new HashMap<>();
		WebSocketSessionDecorator decorated = new WebSocketSessionDecorator(jettySession(limits, JETTY_DEFAULT));
		assertThat(ContainerLimits.fit(decorated, 100_000, 100)).isTrue();
		assertThat(limits).containsEntry("MaxBinaryMessageSize", 100_000L)
			.containsEntry("MaxTextMessageSize", JETTY_DEFAULT);
	}

	@Test
	void leavesATransportThatDeliversPartialMessagesAlone() {
		assertThat(ContainerLimits.fit(new FakeWebSocketSession(), 2 * 1024 * 1024, 40_000)).isFalse();
	}

	@Test
	void theServerDecoratorFitsAJettySessionBeforeTheHandshake() throws Exception {
		ManualTaskScheduler scheduler = new ManualTaskScheduler();
		SwsWebSocketHandlerDecoratorFactory server = SwsWebSocketHandlerDecoratorFactory
			.builder(ServerHandshakeSettings.builder(BoxKeyPair.generate(RandomSource.secure()))
				.versions(EnumSet.of(ProtocolVersion.V1)))
			.maxMessageSize(3 * 1024 * 1024)
			.scheduler(scheduler)
			.ioExecutor(Runnable::run)
			.clock(scheduler.getClock())
			.handshakeTimeout(Duration.ofSeconds(5))
			.build();
		Map<String, Long> limits = new HashMap<>();
		server.decorate(new TextWebSocketHandler()).afterConnectionEstablished(jettySession(limits, JETTY_DEFAULT));
		assertThat(limits.get("MaxBinaryMessageSize")).isEqualTo(3L * 1024 * 1024 + SecureChannel.OVERHEAD);
		assertThat(limits.get("MaxTextMessageSize")).isGreaterThanOrEqualTo(JETTY_DEFAULT);
		server.close();
	}

	@Test
	void aSessionClosedForALimitIsAbortedIfThePeerHasNotAnsweredTheCloseWithinTheSendTimeLimit() {
		List<String> calls = new ArrayList<>();
		Deque<Runnable> io = new ArrayDeque<>();
		ManualTaskScheduler scheduler = new ManualTaskScheduler();
		SwsWebSocketSession session = swsSession(jettySession(new HashMap<>(), JETTY_DEFAULT, calls), scheduler, io);
		session.closeForLimit(FailureReason.OUTBOUND_BUFFER_FULL, "test");
		assertThat(calls).containsExactly("close 4500");
		scheduler.advance(SEND_TIME_LIMIT.minusMillis(1));
		assertThat(io).isEmpty();
		scheduler.advance(Duration.ofMillis(1));
		assertThat(calls).as("nothing on the timer thread").containsExactly("close 4500");
		io.forEach(Runnable::run);
		assertThat(calls).containsExactly("close 4500", "disconnect");
		assertThat(session.closeStatusForApplication(CloseStatus.NO_CLOSE_FRAME)).isEqualTo(CloseStatus.SESSION_NOT_RELIABLE);
	}

	@Test
	void aSessionWhosePeerAnsweredTheCloseIsNotAborted() {
		List<String> calls = new ArrayList<>();
		Deque<Runnable> io = new ArrayDeque<>();
		ManualTaskScheduler scheduler = new ManualTaskScheduler();
		SwsWebSocketSession session = swsSession(jettySession(new HashMap<>(), JETTY_DEFAULT, calls), scheduler, io);
		session.closeForLimit(FailureReason.SEND_TIME_LIMIT, "test");
		session.markClosed();
		scheduler.advance(SEND_TIME_LIMIT);
		io.forEach(Runnable::run);
		assertThat(calls).containsExactly("close 4500");
	}

	@Test
	void aJsr356TransportIsLeftToItsClose() {
		Deque<Runnable> io = new ArrayDeque<>();
		ManualTaskScheduler scheduler = new ManualTaskScheduler();
		FakeWebSocketSession transport = new FakeWebSocketSession();
		SwsWebSocketSession session = swsSession(transport, scheduler, io);
		session.closeForLimit(FailureReason.OUTBOUND_BUFFER_FULL, "test");
		assertThat(ContainerAbort.isNeeded(transport)).isFalse();
		assertThat(scheduler.pendingTasks()).isZero();
		assertThat(session.closeStatusForApplication(CloseStatus.NORMAL)).isEqualTo(CloseStatus.SESSION_NOT_RELIABLE);
	}

	@Test
	void aSessionThatSwsDidNotCloseReportsTheTransportsStatus() {
		SwsWebSocketSession session = swsSession(new FakeWebSocketSession(), new ManualTaskScheduler(), new ArrayDeque<>());
		assertThat(session.closeStatusForApplication(CloseStatus.GOING_AWAY)).isEqualTo(CloseStatus.GOING_AWAY);
	}

	private static SwsWebSocketSession swsSession(WebSocketSession transport, ManualTaskScheduler scheduler,
			Deque<Runnable> io) {
		SecretBoxKey key = SecretBoxKey.random(RandomSource.secure());
		Nonce nonce = Nonce.random(RandomSource.secure());
		SwsSessionOptions options = new SwsSessionOptions(Duration.ofSeconds(2), 1024 * 1024, InboundMessageMode.AUTO,
				300_000, SEND_TIME_LIMIT, scheduler, io::add, scheduler.getClock(), new SwsWebSocketHandlerDecoratorTests.RecordingListener());
		return new SwsWebSocketSession(transport, SecureChannel.secretBox(key, nonce, key, nonce),
				new PeerIdentity(ProtocolVersion.V1, new byte[32], null), SwsRole.SERVER, options);
	}

	/**
	 * Spring's session over a stand-in Jetty session: its limits live in {@code limits} (keyed
	 * {@code MaxBinaryMessageSize} and {@code MaxTextMessageSize}), and what Spring reads of the
	 * upgrade is empty.
	 */
	private static JettyWebSocketSession jettySession(Map<String, Long> limits, long initial) {
		return jettySession(limits, initial, new ArrayList<>());
	}

	private static JettyWebSocketSession jettySession(Map<String, Long> limits, long initial, List<String> calls) {
		limits.put("MaxBinaryMessageSize", initial);
		limits.put("MaxTextMessageSize", initial);
		Object upgrade = Proxy.newProxyInstance(JettyTransportTests.class.getClassLoader(),
				new Class<?>[] { UpgradeRequest.class, UpgradeResponse.class }, (proxy, method, args) -> null);
		Session nativeSession = (Session) Proxy.newProxyInstance(JettyTransportTests.class.getClassLoader(),
				new Class<?>[] { Session.class }, (proxy, method, args) -> {
					String name = method.getName();
					for (Object arg : (args != null) ? args : new Object[0]) {
						if (arg instanceof Callback callback) {
							calls.add(name + ((args[0] instanceof Integer code) ? " " + code : ""));
							callback.succeed();
						}
					}
					if (name.equals("disconnect")) {
						calls.add(name);
					}
					if (name.startsWith("getMax") && limits.containsKey(name.substring(3))) {
						return limits.get(name.substring(3));
					}
					if (name.startsWith("setMax") && limits.containsKey(name.substring(3))) {
						limits.put(name.substring(3), (Long) args[0]);
						return null;
					}
					return switch (name) {
						case "getUpgradeRequest", "getUpgradeResponse" -> upgrade;
						case "isOpen" -> true;
						case "hashCode" -> System.identityHashCode(proxy);
						case "equals" -> proxy == args[0];
						case "toString" -> "stand-in Jetty session";
						default -> null;
					};
				});
		JettyWebSocketSession session = new JettyWebSocketSession(Map.of());
		session.initializeNativeSession(nativeSession);
		return session;
	}

}
