package dev.sws.websocket;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.BinaryWebSocketHandler;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.springframework.web.socket.handler.WebSocketHandlerDecoratorFactory;

import dev.sws.crypto.BoxKeyPair;
import dev.sws.crypto.RandomSource;
import dev.sws.protocol.ClientHandshake;
import dev.sws.protocol.ClientHandshakeSettings;
import dev.sws.protocol.FailureReason;
import dev.sws.protocol.HandshakeFrame;
import dev.sws.protocol.HandshakeStep;
import dev.sws.protocol.PeerIdentity;
import dev.sws.protocol.ProtocolVersion;
import dev.sws.protocol.SecureChannel;
import dev.sws.protocol.ServerHandshakeSettings;
import dev.sws.testsupport.FakeWebSocketSession;
import dev.sws.testsupport.ManualTaskScheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The server decorator with a fake transport session and a hand-driven scheduler: the test plays
 * the SWS client with the core {@link ClientHandshake}.
 */
class SwsWebSocketHandlerDecoratorTests {

	private final BoxKeyPair serverKeys = BoxKeyPair.generate(RandomSource.secure());

	private final ManualTaskScheduler scheduler = new ManualTaskScheduler();

	private final RecordingListener listener = new RecordingListener();

	private SwsWebSocketHandlerDecoratorFactory server(Duration firstFrameDelay, int maxPending, int maxMessageSize, InboundMessageMode mode) {
		return SwsWebSocketHandlerDecoratorFactory
			.builder(ServerHandshakeSettings.builder(this.serverKeys).versions(EnumSet.of(ProtocolVersion.V1)))
			.maxMessageSize(maxMessageSize)
			.inboundMode(mode)
			.scheduler(this.scheduler)
			.ioExecutor(Runnable::run)
			.clock(this.scheduler.getClock())
			.listener(this.listener)
			.firstFrameDelay(firstFrameDelay)
			.maxPendingHandshakes(maxPending)
			.build();
	}

	private SwsWebSocketHandlerDecoratorFactory server() {
		return server(Duration.ZERO, 10, 1024 * 1024, InboundMessageMode.AUTO);
	}

	/** The client side of one connection, played by hand. */
	final class Peer {

		final FakeWebSocketSession transport = new FakeWebSocketSession();

		final ClientHandshake handshake = new ClientHandshake(ClientHandshakeSettings
			.builder(BoxKeyPair.generate(RandomSource.secure()), ProtocolVersion.V1)
			.pinnedServerKeys(List.of(SwsWebSocketHandlerDecoratorTests.this.serverKeys.getPublicKey()))
			.build(), "localhost");

		SecureChannel channel;

		void connect(SwsServerWebSocketHandlerDecorator decorator) throws Exception {
			decorator.afterConnectionEstablished(this.transport);
			decorator.handleMessage(this.transport, new TextMessage(((HandshakeFrame.Text) this.handshake.start()).text()));
			List<WebSocketMessage<?>> replies = this.transport.drain();
			assertThat(replies).hasSize(1);
			HandshakeStep step = this.handshake.receive(((TextMessage) replies.get(0)).getPayload());
			HandshakeStep.Established established = (HandshakeStep.Established) step;
			this.channel = established.channel();
			decorator.handleMessage(this.transport, new TextMessage(((HandshakeFrame.Text) established.finalFrame().orElseThrow()).text()));
		}

		BinaryMessage frame(String text) {
			return new BinaryMessage(this.channel.seal(text.getBytes(StandardCharsets.UTF_8)));
		}

		List<String> receivedTexts() {
			List<String> texts = new ArrayList<>();
			for (WebSocketMessage<?> message : this.transport.drain()) {
				assertThat(message).isInstanceOf(BinaryMessage.class);
				ByteBuffer payload = ((BinaryMessage) message).getPayload();
				byte[] frame = new byte[payload.remaining()];
				payload.get(frame);
				texts.add(new String(this.channel.open(frame), StandardCharsets.UTF_8));
			}
			return texts;
		}

	}

	/** STOMP's transport registration takes the factory itself: {@code addDecoratorFactory(swsServer)}. */
	@Test
	void isASpringDecoratorFactoryWhoseDecoratorsKnowIt() {
		SwsWebSocketHandlerDecoratorFactory server = server();
		WebSocketHandlerDecoratorFactory factory = server;
		RecordingHandler handler = new RecordingHandler();
		assertThat(factory.decorate(handler)).isInstanceOfSatisfying(SwsServerWebSocketHandlerDecorator.class,
				(decorator) -> {
					assertThat(decorator.getDelegate()).isSameAs(handler);
					assertThat(decorator.getFactory()).isSameAs(server);
				});
	}

	@Test
	void delegateSeesTheSessionOnlyAfterTheHandshakeAndMessagesDecrypted() throws Exception {
		RecordingHandler handler = new RecordingHandler();
		SwsServerWebSocketHandlerDecorator decorator = server().decorate(handler);
		Peer peer = new Peer();
		decorator.afterConnectionEstablished(peer.transport);
		assertThat(handler.opened).isEmpty();
		decorator.handleMessage(peer.transport, new TextMessage(((HandshakeFrame.Text) peer.handshake.start()).text()));
		assertThat(handler.opened).isEmpty();
		HandshakeStep.Established established = (HandshakeStep.Established) peer.handshake
			.receive(((TextMessage) peer.transport.drain().get(0)).getPayload());
		peer.channel = established.channel();
		decorator.handleMessage(peer.transport, new TextMessage(((HandshakeFrame.Text) established.finalFrame().orElseThrow()).text()));
		assertThat(handler.opened).hasSize(1);
		WebSocketSession session = handler.opened.get(0);
		assertThat(session).isInstanceOf(SwsWebSocketSession.class);

		decorator.handleMessage(peer.transport, peer.frame("hello"));
		assertThat(handler.received).hasSize(1);
		assertThat(((TextMessage) handler.received.get(0)).getPayload()).isEqualTo("hello");

		session.sendMessage(new TextMessage("world"));
		session.sendMessage(new BinaryMessage("bytes".getBytes(StandardCharsets.UTF_8)));
		assertThat(peer.receivedTexts()).containsExactly("world", "bytes");
		assertThat(this.listener.events).contains("handshake-ok:V1", "received:5", "sent:5");
	}

	@Test
	void peerIdentityIsExposedThroughAttributesAndPrincipal() throws Exception {
		RecordingHandler handler = new RecordingHandler();
		Peer peer = new Peer();
		peer.connect(server().decorate(handler));
		WebSocketSession session = handler.opened.get(0);
		PeerIdentity identity = SwsWebSocketSession.peerOf(session);
		assertThat(identity).isNotNull();
		assertThat(identity.getVersion()).isEqualTo(ProtocolVersion.V1);
		assertThat(session.getPrincipal()).isInstanceOf(SwsPrincipal.class);
		assertThat(session.getPrincipal().getName()).isEqualTo("sws-key:" + identity.getFingerprint());
		assertThat(((SwsWebSocketSession) session).getPeer()).isSameAs(identity);
	}

	@Test
	void httpPrincipalTakesPrecedence() throws Exception {
		RecordingHandler handler = new RecordingHandler();
		Peer peer = new Peer();
		peer.transport.setPrincipal(() -> "alice");
		peer.connect(server().decorate(handler));
		assertThat(handler.opened.get(0).getPrincipal().getName()).isEqualTo("alice");
	}

	@Test
	void failedHandshakeClosesWithItsCodeAndTheDelegateSeesNothing() throws Exception {
		RecordingHandler handler = new RecordingHandler();
		SwsServerWebSocketHandlerDecorator decorator = server().decorate(handler);
		FakeWebSocketSession malformed = new FakeWebSocketSession();
		decorator.afterConnectionEstablished(malformed);
		decorator.handleMessage(malformed, new TextMessage("{\"opc\":\"0\"}"));
		assertThat(malformed.closeStatus().getCode()).isEqualTo(1002);
		decorator.handleMessage(malformed, new TextMessage("more"));
		decorator.afterConnectionClosed(malformed, CloseStatus.PROTOCOL_ERROR);

		FakeWebSocketSession binary = new FakeWebSocketSession();
		decorator.afterConnectionEstablished(binary);
		decorator.handleMessage(binary, new BinaryMessage(new byte[10]));
		assertThat(binary.closeStatus().getCode()).isEqualTo(1003);

		assertThat(handler.opened).isEmpty();
		assertThat(handler.received).isEmpty();
		assertThat(handler.closed).isEmpty();
		assertThat(this.listener.events).contains("handshake-failed:malformed-message",
				"handshake-failed:unexpected-frame-type");
	}

	@Test
	void peerClosingDuringTheHandshakeIsReportedOnceAsRefusedByPeer() throws Exception {
		SwsWebSocketHandlerDecoratorFactory server = server();
		RecordingHandler handler = new RecordingHandler();
		SwsServerWebSocketHandlerDecorator decorator = server.decorate(handler);
		Peer peer = new Peer();
		decorator.afterConnectionEstablished(peer.transport);
		decorator.handleMessage(peer.transport, new TextMessage(((HandshakeFrame.Text) peer.handshake.start()).text()));
		assertThat(peer.transport.drain()).hasSize(1);
		// how the original client refuses a server certificate: it just closes
		// (docs/protocol/sws-v1-v2.md section 6.1)
		decorator.afterConnectionClosed(peer.transport, CloseStatus.NORMAL);
		assertThat(this.listener.events).containsExactly("handshake-failed:refused-by-peer");
		assertThat(server.getPendingHandshakes()).isZero();
		assertThat(handler.opened).isEmpty();
		assertThat(handler.closed).isEmpty();

		FakeWebSocketSession malformed = new FakeWebSocketSession();
		decorator.afterConnectionEstablished(malformed);
		decorator.handleMessage(malformed, new TextMessage("{}"));
		decorator.afterConnectionClosed(malformed, malformed.closeStatus());
		assertThat(this.listener.events).containsExactly("handshake-failed:refused-by-peer",
				"handshake-failed:malformed-message");
	}

	@Test
	void textFrameAfterTheHandshakeCloses1003() throws Exception {
		RecordingHandler handler = new RecordingHandler();
		SwsServerWebSocketHandlerDecorator decorator = server().decorate(handler);
		Peer peer = new Peer();
		peer.connect(decorator);
		decorator.handleMessage(peer.transport, new TextMessage("plain"));
		assertThat(peer.transport.closeStatus().getCode()).isEqualTo(1003);
		assertThat(handler.received).isEmpty();
	}

	@Test
	void tamperedFrameCloses1008AndIsNeverDelivered() throws Exception {
		RecordingHandler handler = new RecordingHandler();
		SwsServerWebSocketHandlerDecorator decorator = server().decorate(handler);
		Peer peer = new Peer();
		peer.connect(decorator);
		byte[] frame = peer.channel.seal("secret".getBytes(StandardCharsets.UTF_8));
		frame[frame.length - 1] ^= 1;
		decorator.handleMessage(peer.transport, new BinaryMessage(frame));
		assertThat(peer.transport.closeStatus().getCode()).isEqualTo(1008);
		assertThat(handler.received).isEmpty();
		assertThat(this.listener.events).contains("session-failed:decrypt-failed");
		List<WebSocketSession> opened = handler.opened;
		assertThatIllegalStateException().isThrownBy(() -> opened.get(0).sendMessage(new TextMessage("late")));
	}

	@Test
	void oversizedFrameCloses1009BeforeDecrypting() throws Exception {
		RecordingHandler handler = new RecordingHandler();
		SwsServerWebSocketHandlerDecorator decorator = server(Duration.ZERO, 10, 100, InboundMessageMode.AUTO).decorate(handler);
		Peer peer = new Peer();
		peer.connect(decorator);
		decorator.handleMessage(peer.transport, peer.frame("x".repeat(100)));
		assertThat(handler.received).hasSize(1);
		// Random bytes: if they were decrypted, this would close with 1008 instead.
		decorator.handleMessage(peer.transport, new BinaryMessage(new byte[117]));
		assertThat(peer.transport.closeStatus().getCode()).isEqualTo(1009);
		assertThat(handler.received).hasSize(1);
	}

	@Test
	void textHandlersGetTextAndInvalidUtf8Closes1007() throws Exception {
		TextCollector handler = new TextCollector();
		SwsServerWebSocketHandlerDecorator decorator = server().decorate(handler);
		assertThat(decorator.getInboundMode()).isEqualTo(InboundMessageMode.TEXT);
		Peer peer = new Peer();
		peer.connect(decorator);
		decorator.handleMessage(peer.transport, peer.frame("héllo"));
		assertThat(handler.texts).containsExactly("héllo");
		decorator.handleMessage(peer.transport, new BinaryMessage(peer.channel.seal(new byte[] { (byte) 0xC3, 0x28 })));
		assertThat(peer.transport.closeStatus().getCode()).isEqualTo(1007);
		assertThat(handler.texts).hasSize(1);
	}

	@Test
	void binaryHandlersGetBytes() throws Exception {
		BinaryCollector handler = new BinaryCollector();
		SwsServerWebSocketHandlerDecorator decorator = server().decorate(handler);
		assertThat(decorator.getInboundMode()).isEqualTo(InboundMessageMode.BINARY);
		Peer peer = new Peer();
		peer.connect(decorator);
		decorator.handleMessage(peer.transport, new BinaryMessage(peer.channel.seal(new byte[] { (byte) 0xC3, 0x28 })));
		assertThat(handler.sizes).containsExactly(2);
	}

	@Test
	void handshakeTimeoutCloses1008AndFreesThePendingSlot() throws Exception {
		SwsWebSocketHandlerDecoratorFactory server = server();
		RecordingHandler handler = new RecordingHandler();
		SwsServerWebSocketHandlerDecorator decorator = server.decorate(handler);
		FakeWebSocketSession silent = new FakeWebSocketSession();
		decorator.afterConnectionEstablished(silent);
		assertThat(server.getPendingHandshakes()).isEqualTo(1);
		this.scheduler.advance(Duration.ofMillis(1999));
		assertThat(silent.closeStatus()).isNull();
		this.scheduler.advance(Duration.ofMillis(1));
		assertThat(silent.closeStatus().getCode()).isEqualTo(1008);
		assertThat(server.getPendingHandshakes()).isZero();
		decorator.afterConnectionClosed(silent, silent.closeStatus());
		assertThat(server.getPendingHandshakes()).isZero();
		assertThat(decorator.getConnectionCount()).isZero();
		assertThat(this.listener.events).contains("handshake-failed:handshake-timeout");
	}

	@Test
	void completedHandshakeCancelsItsTimer() throws Exception {
		Peer peer = new Peer();
		peer.connect(server().decorate(new RecordingHandler()));
		// what remains is the send-time watchdog, which runs while sessions are open
		assertThat(this.scheduler.pendingTasks()).isOne();
		this.scheduler.advance(Duration.ofSeconds(5));
		assertThat(peer.transport.closeStatus()).isNull();
		assertThat(this.listener.events).noneMatch((event) -> event.startsWith("handshake-failed"));
	}

	@Test
	void atTheCapANewConnectionClosesTheOldestPendingHandshake1013() throws Exception {
		SwsWebSocketHandlerDecoratorFactory server = server(Duration.ZERO, 2, 1024, InboundMessageMode.AUTO);
		RecordingHandler handler = new RecordingHandler();
		SwsServerWebSocketHandlerDecorator decorator = server.decorate(handler);
		SwsServerWebSocketHandlerDecorator other = server.decorate(new RecordingHandler());
		FakeWebSocketSession first = new FakeWebSocketSession();
		FakeWebSocketSession second = new FakeWebSocketSession();
		decorator.afterConnectionEstablished(first);
		other.afterConnectionEstablished(second);
		Peer newcomer = new Peer();
		newcomer.connect(decorator);
		assertThat(first.closeStatus().getCode()).isEqualTo(1013);
		assertThat(second.closeStatus()).isNull();
		assertThat(newcomer.transport.closeStatus()).isNull();
		assertThat(handler.opened).hasSize(1);
		assertThat(server.getPendingHandshakes()).isEqualTo(1);
		assertThat(decorator.getConnectionCount()).isEqualTo(1);
		assertThat(this.listener.events).containsOnlyOnce("handshake-failed:too-many-pending");
		decorator.afterConnectionClosed(first, first.closeStatus());
		assertThat(server.getPendingHandshakes()).isEqualTo(1);
		// the second connection's handshake timer, and the send-time watchdog of the open session
		assertThat(this.scheduler.pendingTasks()).isEqualTo(2);
		FakeWebSocketSession third = new FakeWebSocketSession();
		FakeWebSocketSession fourth = new FakeWebSocketSession();
		decorator.afterConnectionEstablished(third);
		decorator.afterConnectionEstablished(fourth);
		assertThat(second.closeStatus().getCode()).isEqualTo(1013);
		assertThat(third.closeStatus()).isNull();
		assertThat(server.getPendingHandshakes()).isEqualTo(2);
	}

	@Test
	void anEvictedHandshakeThatCompletesMeanwhileStaysClosed() throws Exception {
		SwsWebSocketHandlerDecoratorFactory server = server(Duration.ZERO, 1, 1024, InboundMessageMode.AUTO);
		RecordingHandler handler = new RecordingHandler();
		SwsServerWebSocketHandlerDecorator decorator = server.decorate(handler);
		Peer evicted = new Peer();
		decorator.afterConnectionEstablished(evicted.transport);
		decorator.handleMessage(evicted.transport, new TextMessage(((HandshakeFrame.Text) evicted.handshake.start()).text()));
		HandshakeStep.Established established = (HandshakeStep.Established) evicted.handshake
			.receive(((TextMessage) evicted.transport.drain().get(0)).getPayload());
		decorator.afterConnectionEstablished(new FakeWebSocketSession());
		assertThat(evicted.transport.closeStatus().getCode()).isEqualTo(1013);
		decorator.handleMessage(evicted.transport, new TextMessage(((HandshakeFrame.Text) established.finalFrame().orElseThrow()).text()));
		assertThat(handler.opened).isEmpty();
		assertThat(server.getPendingHandshakes()).isEqualTo(1);
	}

	@Test
	void closesTheServerDidNotDecideAreCountedByTheirCode() throws Exception {
		SwsServerWebSocketHandlerDecorator decorator = server().decorate(new RecordingHandler());
		FakeWebSocketSession invalidUtf8 = new FakeWebSocketSession();
		decorator.afterConnectionEstablished(invalidUtf8);
		decorator.afterConnectionClosed(invalidUtf8, new CloseStatus(1007));
		FakeWebSocketSession gone = new FakeWebSocketSession();
		decorator.afterConnectionEstablished(gone);
		decorator.afterConnectionClosed(gone, CloseStatus.GOING_AWAY);
		assertThat(this.listener.events).containsExactly("handshake-failed:invalid-utf8", "handshake-failed:refused-by-peer");

		Peer framingError = new Peer();
		framingError.connect(decorator);
		decorator.afterConnectionClosed(framingError.transport, CloseStatus.PROTOCOL_ERROR);
		Peer tampered = new Peer();
		tampered.connect(decorator);
		decorator.handleMessage(tampered.transport, new BinaryMessage(new byte[40]));
		decorator.afterConnectionClosed(tampered.transport, tampered.transport.closeStatus());
		assertThat(this.listener.events).containsSubsequence("session-failed:malformed-message", "closed",
				"session-failed:decrypt-failed", "closed");
		assertThat(this.listener.events).containsOnlyOnce("session-failed:decrypt-failed");
	}

	@Test
	void firstFramesWaitForTheDelayWithoutBlockingAndKeepTheirOrder() throws Exception {
		RecordingHandler handler = new RecordingHandler() {
			@Override
			public void afterConnectionEstablished(WebSocketSession session) {
				super.afterConnectionEstablished(session);
				try {
					session.sendMessage(new TextMessage("welcome"));
					session.sendMessage(new TextMessage("second"));
				}
				catch (java.io.IOException ex) {
					throw new IllegalStateException(ex);
				}
			}
		};
		SwsServerWebSocketHandlerDecorator decorator = server(Duration.ofMillis(50), 10, 1024, InboundMessageMode.AUTO)
			.decorate(handler);
		Peer peer = new Peer();
		peer.connect(decorator);
		assertThat(peer.transport.sent()).isEmpty();
		this.scheduler.advance(Duration.ofMillis(49));
		assertThat(peer.transport.sent()).isEmpty();
		this.scheduler.advance(Duration.ofMillis(1));
		handler.opened.get(0).sendMessage(new TextMessage("third"));
		assertThat(peer.receivedTexts()).containsExactly("welcome", "second", "third");
	}

	/**
	 * The first-frame hold is for the original v1/v2 clients; a v3 session starts with the ready
	 * message, which goes out with the handshake's end, followed at once by what the handler sends.
	 */
	@Test
	void v3SessionsSendTheReadyMessageAndTheirFirstFramesAtOnce() throws Exception {
		RecordingHandler handler = new RecordingHandler() {
			@Override
			public void afterConnectionEstablished(WebSocketSession session) {
				super.afterConnectionEstablished(session);
				try {
					session.sendMessage(new TextMessage("welcome"));
				}
				catch (java.io.IOException ex) {
					throw new IllegalStateException(ex);
				}
			}
		};
		SwsServerWebSocketHandlerDecorator decorator = SwsWebSocketHandlerDecoratorFactory
			.builder(ServerHandshakeSettings.builder(this.serverKeys).versions(EnumSet.of(ProtocolVersion.V1, ProtocolVersion.V3)))
			.scheduler(this.scheduler)
			.ioExecutor(Runnable::run)
			.clock(this.scheduler.getClock())
			.listener(this.listener)
			.firstFrameDelay(Duration.ofMillis(50))
			.build()
			.decorate(handler);
		FakeWebSocketSession transport = new FakeWebSocketSession();
		ClientHandshake client = new ClientHandshake(ClientHandshakeSettings.builder(ProtocolVersion.V3)
			.pinnedServerKeys(List.of(this.serverKeys.getPublicKey()))
			.build(), "localhost");
		decorator.afterConnectionEstablished(transport);
		decorator.handleMessage(transport, new BinaryMessage(((HandshakeFrame.Binary) client.start()).bytes()));
		HandshakeStep message3 = client.receive(payload(transport.drain().get(0)));
		decorator.handleMessage(transport, new BinaryMessage(((HandshakeFrame.Binary) ((HandshakeStep.Reply) message3).frame()).bytes()));

		List<WebSocketMessage<?>> sent = transport.drain();
		assertThat(sent).as("the ready message and the welcome, without advancing the clock").hasSize(2);
		HandshakeStep.Established established = (HandshakeStep.Established) client.receive(payload(sent.get(0)));
		assertThat(new String(established.channel().open(payload(sent.get(1))), StandardCharsets.UTF_8)).isEqualTo("welcome");
		assertThat(handler.opened).hasSize(1);
		assertThat(this.listener.events).contains("handshake-ok:V3");
	}

	private static byte[] payload(WebSocketMessage<?> message) {
		ByteBuffer buffer = ((BinaryMessage) message).getPayload().duplicate();
		byte[] bytes = new byte[buffer.remaining()];
		buffer.get(bytes);
		return bytes;
	}

	@Test
	void concurrentSendersNeverDesynchroniseTheCounter() throws Exception {
		RecordingHandler handler = new RecordingHandler();
		Peer peer = new Peer();
		peer.connect(server().decorate(handler));
		WebSocketSession session = handler.opened.get(0);
		int threads = 16;
		int perThread = 1000;
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<?>> futures = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			int thread = t;
			futures.add(pool.submit(() -> {
				start.await();
				for (int i = 0; i < perThread; i++) {
					session.sendMessage(new TextMessage(thread + ":" + i));
				}
				return null;
			}));
		}
		start.countDown();
		for (Future<?> future : futures) {
			future.get(60, TimeUnit.SECONDS);
		}
		pool.shutdown();
		List<String> received = peer.receivedTexts();
		assertThat(received).hasSize(threads * perThread);
		Map<Integer, Integer> next = new ConcurrentHashMap<>();
		for (String text : received) {
			String[] parts = text.split(":");
			int thread = Integer.parseInt(parts[0]);
			int index = Integer.parseInt(parts[1]);
			assertThat(index).as("order of thread %d", thread).isEqualTo(next.getOrDefault(thread, 0));
			next.put(thread, index + 1);
		}
		assertThat(next.values()).containsOnly(perThread);
	}

	@Test
	void partialMessagesAndSendingAfterCloseFailClearly() throws Exception {
		RecordingHandler handler = new RecordingHandler();
		SwsServerWebSocketHandlerDecorator decorator = server().decorate(handler);
		Peer peer = new Peer();
		peer.connect(decorator);
		WebSocketSession session = handler.opened.get(0);
		assertThatIllegalArgumentException().isThrownBy(() -> session.sendMessage(new TextMessage("part", false)))
			.withMessageContaining("whole messages");
		session.close();
		decorator.afterConnectionClosed(peer.transport, CloseStatus.NORMAL);
		assertThat(handler.closed).containsExactly(CloseStatus.NORMAL);
		assertThatIllegalStateException().isThrownBy(() -> session.sendMessage(new TextMessage("late")))
			.withMessageContaining("closed");
		assertThat(this.listener.events).contains("closed");
	}

	@Test
	void otherSessionsGoOnWhenOneFails() throws Exception {
		RecordingHandler handler = new RecordingHandler();
		SwsServerWebSocketHandlerDecorator decorator = server().decorate(handler);
		Peer good = new Peer();
		good.connect(decorator);
		Peer bad = new Peer();
		bad.connect(decorator);
		decorator.handleMessage(bad.transport, new BinaryMessage(new byte[40]));
		assertThat(bad.transport.closeStatus().getCode()).isEqualTo(1008);
		decorator.handleMessage(good.transport, good.frame("still here"));
		assertThat(good.transport.closeStatus()).isNull();
		assertThat(handler.received).hasSize(1);
	}

	@Test
	void fragmentsAreJoinedAndOversizedMessagesRefusedBeforeTheirEnd() throws Exception {
		RecordingHandler handler = new RecordingHandler();
		SwsServerWebSocketHandlerDecorator decorator = server(Duration.ZERO, 10, 100, InboundMessageMode.AUTO).decorate(handler);
		assertThat(decorator.supportsPartialMessages()).isTrue();
		Peer peer = new Peer();
		FakeWebSocketSession transport = peer.transport;
		decorator.afterConnectionEstablished(transport);
		String hello = ((HandshakeFrame.Text) peer.handshake.start()).text();
		decorator.handleMessage(transport, new TextMessage(hello.substring(0, 10), false));
		assertThat(transport.sent()).isEmpty();
		decorator.handleMessage(transport, new TextMessage(hello.substring(10), true));
		HandshakeStep.Established established = (HandshakeStep.Established) peer.handshake
			.receive(((TextMessage) transport.drain().get(0)).getPayload());
		peer.channel = established.channel();
		decorator.handleMessage(transport, new TextMessage(((HandshakeFrame.Text) established.finalFrame().orElseThrow()).text()));

		byte[] frame = peer.channel.seal("joined from three fragments".getBytes(StandardCharsets.UTF_8));
		decorator.handleMessage(transport, new BinaryMessage(java.util.Arrays.copyOfRange(frame, 0, 5), false));
		decorator.handleMessage(transport, new BinaryMessage(java.util.Arrays.copyOfRange(frame, 5, 20), false));
		assertThat(handler.received).isEmpty();
		decorator.handleMessage(transport, new BinaryMessage(java.util.Arrays.copyOfRange(frame, 20, frame.length), true));
		assertThat(((TextMessage) handler.received.get(0)).getPayload()).isEqualTo("joined from three fragments");

		decorator.handleMessage(transport, new BinaryMessage(new byte[100], false));
		assertThat(transport.closeStatus()).isNull();
		decorator.handleMessage(transport, new BinaryMessage(new byte[17], false));
		assertThat(transport.closeStatus().getCode()).isEqualTo(1009);
		assertThat(handler.received).hasSize(1);
	}

	static final class TextCollector extends TextWebSocketHandler {

		final List<String> texts = new ArrayList<>();

		@Override
		protected void handleTextMessage(WebSocketSession session, TextMessage message) {
			this.texts.add(message.getPayload());
		}

	}

	static final class BinaryCollector extends BinaryWebSocketHandler {

		final List<Integer> sizes = new ArrayList<>();

		@Override
		protected void handleBinaryMessage(WebSocketSession session, BinaryMessage message) {
			this.sizes.add(message.getPayloadLength());
		}

	}

	static final class RecordingListener implements SwsEventListener {

		final List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();

		@Override
		public void handshakeSucceeded(SwsRole role, ProtocolVersion version, Duration duration) {
			this.events.add("handshake-ok:" + version);
		}

		@Override
		public void handshakeFailed(SwsRole role, ProtocolVersion version, FailureReason reason, Duration duration) {
			this.events.add("handshake-failed:" + reason.getTag());
		}

		@Override
		public void sessionFailed(SwsRole role, FailureReason reason) {
			this.events.add("session-failed:" + reason.getTag());
		}

		@Override
		public void sessionClosed(SwsRole role) {
			this.events.add("closed");
		}

		@Override
		public void messageReceived(SwsRole role, int plaintextBytes) {
			this.events.add("received:" + plaintextBytes);
		}

		@Override
		public void messageSent(SwsRole role, int plaintextBytes) {
			if (plaintextBytes == 5) {
				this.events.add("sent:5");
			}
		}

	}

}
