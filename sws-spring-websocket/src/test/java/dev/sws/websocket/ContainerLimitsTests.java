package dev.sws.websocket;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;

import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.UpgradeRequest;
import org.eclipse.jetty.websocket.api.UpgradeResponse;
import org.junit.jupiter.api.Test;

import org.springframework.web.socket.adapter.jetty.JettyWebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.springframework.web.socket.handler.WebSocketSessionDecorator;

import dev.sws.crypto.BoxKeyPair;
import dev.sws.crypto.RandomSource;
import dev.sws.protocol.ProtocolVersion;
import dev.sws.protocol.SecureChannel;
import dev.sws.protocol.ServerHandshakeSettings;
import dev.sws.testsupport.FakeWebSocketSession;
import dev.sws.testsupport.ManualTaskScheduler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The container limits of a transport that delivers whole messages only (Spring's session over
 * Jetty's native API, here over a stand-in Jetty session with Jetty's defaults) are raised to what
 * SWS accepts, never lowered, and a JSR-356 transport is left alone.
 */
class ContainerLimitsTests {

	/** Jetty's default {@code maxBinaryMessageSize} and {@code maxTextMessageSize}. */
	private static final long JETTY_DEFAULT = 64 * 1024;

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

	/**
	 * Spring's session over a stand-in Jetty session: its limits live in {@code limits} (keyed
	 * {@code MaxBinaryMessageSize} and {@code MaxTextMessageSize}), and what Spring reads of the
	 * upgrade is empty.
	 */
	private static JettyWebSocketSession jettySession(Map<String, Long> limits, long initial) {
		limits.put("MaxBinaryMessageSize", initial);
		limits.put("MaxTextMessageSize", initial);
		Object upgrade = Proxy.newProxyInstance(ContainerLimitsTests.class.getClassLoader(),
				new Class<?>[] { UpgradeRequest.class, UpgradeResponse.class }, (proxy, method, args) -> null);
		Session nativeSession = (Session) Proxy.newProxyInstance(ContainerLimitsTests.class.getClassLoader(),
				new Class<?>[] { Session.class }, (proxy, method, args) -> {
					String name = method.getName();
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
