package dev.sws.webflux;

import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;

import dev.sws.cert.TrustPolicy;
import dev.sws.crypto.BoxKeyPair;
import dev.sws.crypto.RandomSource;
import dev.sws.protocol.ClientHandshakeSettings;
import dev.sws.protocol.FailureReason;
import dev.sws.protocol.PeerIdentity;
import dev.sws.protocol.ProtocolVersion;
import dev.sws.protocol.ServerHandshakeSettings;
import dev.sws.protocol.SwsHandshakeException;
import dev.sws.testsupport.TestPki;
import dev.sws.testsupport.hostile.HostileClient;
import dev.sws.testsupport.hostile.RawWebSocket;
import dev.sws.websocket.SwsWebSocketClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reactive server decorator on a real Reactor Netty server: round trips in every version with
 * the reactive client and the servlet side's client, limits and close codes against hand-played
 * peers, and the bound on what a peer that stops reading makes the server buffer.
 */
class SwsReactiveServerTests {

	private static final TestPki PKI = TestPki.create("webflux-test-ca");

	private static final Duration WAIT = Duration.ofSeconds(10);

	private ReactiveTestServer server;

	@AfterEach
	void stop() {
		if (this.server != null) {
			this.server.close();
		}
	}

	private static TrustPolicy trust() {
		return TrustPolicy.builder().trustAnchor(PKI.ca.getCertificate()).build();
	}

	private static ServerHandshakeSettings.Builder allVersions() {
		return ServerHandshakeSettings.builder(PKI.serverKeys)
			.versions(EnumSet.of(ProtocolVersion.V1, ProtocolVersion.V2, ProtocolVersion.V3))
			.certificate(PKI.serverCert);
	}

	private static SwsReactiveServer requiringClientCertificates() {
		return SwsReactiveServer.builder(ServerHandshakeSettings.builder(PKI.serverKeys)
			.versions(EnumSet.of(ProtocolVersion.V2))
			.certificate(PKI.serverCert)
			.requireClientCert(trust())).build();
	}

	/** Echoes every message as it came: text as text, binary as binary. */
	static final WebSocketHandler ECHO = (session) -> session.send(session.receive()
		.map((message) -> new WebSocketMessage(message.getType(), message.getPayload())));

	private URI start(SwsReactiveServer sws, WebSocketHandler handler) {
		this.server = ReactiveTestServer.start(sws, Map.of("/echo", sws.decorate(handler)));
		return this.server.uri("/echo");
	}

	private static List<String> roundTrip(SwsReactiveWebSocketClient client, URI uri, List<String> messages) {
		List<String> echoed = new CopyOnWriteArrayList<>();
		client.execute(uri, (session) -> session.send(Flux.fromIterable(messages).map(session::textMessage))
			.and(session.receive()
				.take(messages.size())
				.map(WebSocketMessage::getPayloadAsText)
				.doOnNext(echoed::add)))
			.block(WAIT);
		return echoed;
	}

	@Test
	void v1RoundTripWithTheReactiveClient() {
		URI uri = start(SwsReactiveServer.builder(allVersions()).build(), ECHO);
		SwsReactiveWebSocketClient client = SwsReactiveWebSocketClient
			.builder(ClientHandshakeSettings.builder(BoxKeyPair.generate(RandomSource.secure()), ProtocolVersion.V1)
				.pinnedServerKeys(List.of(PKI.serverKeys.getPublicKey())))
			.build();
		assertThat(roundTrip(client, uri, List.of("one", "two", "three"))).containsExactly("one", "two", "three");
	}

	@Test
	void v2RoundTripWithAClientCertificate() {
		AtomicReference<PeerIdentity> seen = new AtomicReference<>();
		SwsReactiveServer sws = requiringClientCertificates();
		URI uri = start(sws, (session) -> {
			seen.set(SwsReactiveSession.peerOf(session));
			return ECHO.handle(session);
		});
		SwsReactiveWebSocketClient client = SwsReactiveWebSocketClient
			.builder(ClientHandshakeSettings.builder(PKI.clientKeys, ProtocolVersion.V2)
				.serverCertVerifier(trust())
				.certificate(PKI.clientCert))
			.build();
		assertThat(roundTrip(client, uri, List.of("hello"))).containsExactly("hello");
		assertThat(seen.get().getVersion()).isEqualTo(ProtocolVersion.V2);
		assertThat(seen.get().getCertificate()).contains(PKI.clientCert);
	}

	@Test
	void v2ClientWithoutTheRequiredCertificateIsRefusedWithATypedFailure() {
		SwsReactiveServer sws = requiringClientCertificates();
		URI uri = start(sws, ECHO);
		SwsReactiveWebSocketClient client = SwsReactiveWebSocketClient
			.builder(ClientHandshakeSettings.builder(BoxKeyPair.generate(RandomSource.secure()), ProtocolVersion.V2)
				.serverCertVerifier(trust()))
			.build();
		assertThat(failureOf(client, uri)).isInstanceOfSatisfying(SwsHandshakeException.class, (ex) -> {
			assertThat(ex.getKind()).isEqualTo(SwsHandshakeException.Kind.REFUSED_BY_CLIENT);
			assertThat(ex.getReason()).contains(FailureReason.CERT_MISSING);
		});
	}

	@Test
	void aClientCertificateTheServerRefusesAfterTheHandshakeEndsTheClientWithTheServersCloseCode() {
		TestPki other = TestPki.create("untrusted-ca");
		SwsReactiveServer sws = requiringClientCertificates();
		URI uri = start(sws, ECHO);
		SwsReactiveWebSocketClient client = SwsReactiveWebSocketClient
			.builder(ClientHandshakeSettings.builder(other.clientKeys, ProtocolVersion.V2)
				.serverCertVerifier(trust())
				.certificate(other.clientCert))
			.build();
		assertThat(failureOf(client, uri)).isInstanceOfSatisfying(SwsHandshakeException.class, (ex) -> {
			assertThat(ex.getKind()).isEqualTo(SwsHandshakeException.Kind.CLOSED_BY_SERVER);
			assertThat(ex.getCloseCode()).hasValue(FailureReason.CERT_UNTRUSTED_ISSUER.getCloseCode());
		});
	}

	@Test
	void aServerKeyThatIsNotPinnedIsRefusedByTheClient() {
		URI uri = start(SwsReactiveServer.builder(allVersions()).build(), ECHO);
		SwsReactiveWebSocketClient client = SwsReactiveWebSocketClient
			.builder(ClientHandshakeSettings.builder(BoxKeyPair.generate(RandomSource.secure()), ProtocolVersion.V1)
				.pinnedServerKeys(List.of(BoxKeyPair.generate(RandomSource.secure()).getPublicKey())))
			.build();
		assertThat(failureOf(client, uri)).isInstanceOfSatisfying(SwsHandshakeException.class, (ex) -> {
			assertThat(ex.getKind()).isEqualTo(SwsHandshakeException.Kind.REFUSED_BY_CLIENT);
			assertThat(ex.getReason()).contains(FailureReason.PIN_MISMATCH);
		});
	}

	@Test
	void aServerThatCannotBeReachedIsAConnectFailure() {
		URI uri = start(SwsReactiveServer.builder(allVersions()).build(), ECHO);
		this.server.close();
		this.server = null;
		SwsReactiveWebSocketClient client = SwsReactiveWebSocketClient
			.builder(ClientHandshakeSettings.builder(BoxKeyPair.generate(RandomSource.secure()), ProtocolVersion.V1)
				.pinnedServerKeys(List.of(PKI.serverKeys.getPublicKey())))
			.build();
		assertThat(failureOf(client, uri)).isInstanceOfSatisfying(SwsHandshakeException.class,
				(ex) -> assertThat(ex.getKind()).isEqualTo(SwsHandshakeException.Kind.CONNECT_FAILED));
	}

	private static Throwable failureOf(SwsReactiveWebSocketClient client, URI uri) {
		AtomicReference<Throwable> failure = new AtomicReference<>();
		client.execute(uri, (session) -> Mono.error(new AssertionError("the handler must not run")))
			.onErrorResume((ex) -> {
				failure.set(ex);
				return Mono.empty();
			})
			.block(WAIT);
		return failure.get();
	}

	@Test
	void v3RoundTripWithTheReactiveClient() {
		AtomicReference<PeerIdentity> seen = new AtomicReference<>();
		URI uri = start(SwsReactiveServer.builder(allVersions()).build(), (session) -> {
			seen.set(SwsReactiveSession.peerOf(session));
			return ECHO.handle(session);
		});
		SwsReactiveWebSocketClient client = SwsReactiveWebSocketClient
			.builder(ClientHandshakeSettings.builder(BoxKeyPair.generate(RandomSource.secure()), ProtocolVersion.V3)
				.serverCertVerifier(trust()))
			.build();
		assertThat(roundTrip(client, uri, List.of("a", "b"))).containsExactly("a", "b");
		assertThat(seen.get().getVersion()).isEqualTo(ProtocolVersion.V3);
	}

	@Test
	void largeBinaryMessagesRoundTripWhole() {
		URI uri = start(SwsReactiveServer.builder(allVersions()).build(), ECHO);
		SwsReactiveWebSocketClient client = SwsReactiveWebSocketClient
			.builder(ClientHandshakeSettings.builder(BoxKeyPair.generate(RandomSource.secure()), ProtocolVersion.V3)
				.serverCertVerifier(trust()))
			.build();
		byte[] big = new byte[512 * 1024];
		new java.util.Random(7).nextBytes(big);
		AtomicReference<byte[]> echoed = new AtomicReference<>();
		client.execute(uri, (session) -> session.send(Mono.just(session.binaryMessage((factory) -> factory.wrap(big))))
			.and(session.receive().take(1).doOnNext((message) -> {
				byte[] bytes = new byte[message.getPayload().readableByteCount()];
				message.getPayload().read(bytes);
				echoed.set(bytes);
			})))
			.block(WAIT);
		assertThat(echoed.get()).isEqualTo(big);
	}

	@Test
	void servletSideJavaClientTalksToTheReactiveServer() throws Exception {
		URI uri = start(SwsReactiveServer.builder(allVersions()).build(), ECHO);
		CompletableFuture<String> echo = new CompletableFuture<>();
		try (SwsWebSocketClient client = new SwsWebSocketClient(
				ClientHandshakeSettings.builder(PKI.clientKeys, ProtocolVersion.V2).serverCertVerifier(trust()).build())) {
			WebSocketSession session = client.execute(new TextWebSocketHandler() {
				@Override
				protected void handleTextMessage(WebSocketSession s, TextMessage message) {
					echo.complete(message.getPayload());
				}
			}, null, uri).get(10, TimeUnit.SECONDS);
			session.sendMessage(new TextMessage("from the servlet side"));
			assertThat(echo.get(10, TimeUnit.SECONDS)).isEqualTo("from the servlet side");
			session.close();
		}
	}

	@Test
	void handshakeTimeoutClosesWith1008() throws Exception {
		URI uri = start(SwsReactiveServer.builder(allVersions()).handshakeTimeout(Duration.ofMillis(300)).build(), ECHO);
		try (RawWebSocket ws = RawWebSocket.connect(uri, WAIT)) {
			assertThat(ws.awaitClose(WAIT)).isEqualTo(1008);
		}
	}

	@Test
	void textFrameAfterTheHandshakeClosesWith1003() throws Exception {
		URI uri = start(SwsReactiveServer.builder(allVersions()).firstFrameDelay(Duration.ZERO).build(), ECHO);
		try (HostileClient client = HostileClient.connect(uri, 1)) {
			client.handshake(null);
			client.roundTrip("fine");
			client.ws.sendText("not encrypted");
			assertThat(client.awaitClose()).isEqualTo(1003);
		}
	}

	@Test
	void frameThatDoesNotDecryptClosesWith1008() throws Exception {
		URI uri = start(SwsReactiveServer.builder(allVersions()).build(), ECHO);
		try (HostileClient client = HostileClient.connect(uri, 1)) {
			client.handshake(null);
			client.ws.sendBinary(new byte[64]);
			assertThat(client.awaitClose()).isEqualTo(1008);
		}
	}

	@Test
	void oversizedFrameClosesWith1009BeforeDecryption() throws Exception {
		URI uri = start(SwsReactiveServer.builder(allVersions()).maxMessageSize(1024).build(), ECHO);
		try (HostileClient client = HostileClient.connect(uri, 1)) {
			client.handshake(null);
			client.ws.sendBinary(new byte[1024 + 16 + 1]);
			assertThat(client.awaitClose()).isEqualTo(1009);
		}
	}

	@Test
	void replayedClientHelloIsRefusedWith1008() throws Exception {
		URI uri = start(SwsReactiveServer.builder(allVersions()).build(), ECHO);
		String hello;
		try (HostileClient first = HostileClient.connect(uri, 1)) {
			hello = first.hello();
			first.ws.nextText(WAIT);
		}
		try (RawWebSocket replay = RawWebSocket.connect(uri, WAIT)) {
			replay.sendText(hello);
			assertThat(replay.awaitClose(WAIT)).isEqualTo(FailureReason.REPLAYED_HELLO.getCloseCode());
		}
	}

	@Test
	void theOldestPendingHandshakeMakesRoomWith1013() throws Exception {
		// a handshake timeout far away: only the cap may close the oldest, however slow the machine
		SwsReactiveServer sws = SwsReactiveServer.builder(allVersions())
			.maxPendingHandshakes(2)
			.handshakeTimeout(Duration.ofSeconds(30))
			.build();
		URI uri = start(sws, ECHO);
		try (RawWebSocket oldest = RawWebSocket.connect(uri, WAIT)) {
			// Reactor Netty may start two connections' handlers in either order: the oldest must
			// be pending before the second connects
			awaitPending(sws, 1);
			try (RawWebSocket second = RawWebSocket.connect(uri, WAIT)) {
				awaitPending(sws, 2);
				try (HostileClient newest = HostileClient.connect(uri, 1)) {
					assertThat(oldest.awaitClose(WAIT)).isEqualTo(1013);
					newest.handshake(null);
					newest.roundTrip("still served");
				}
			}
		}
	}

	private static void awaitPending(SwsReactiveServer sws, int count) throws InterruptedException {
		long deadline = System.nanoTime() + WAIT.toNanos();
		while (sws.getPendingHandshakes() < count && System.nanoTime() < deadline) {
			Thread.onSpinWait();
			Thread.sleep(5);
		}
		assertThat(sws.getPendingHandshakes()).isEqualTo(count);
	}

	/**
	 * A handler that sends without end to a peer that stops reading: the session takes no more
	 * from the handler's publisher than the outbound buffer has room for, the buffered bytes stay
	 * under that limit plus one message at every message the handler produces, and the session is
	 * closed with 4500 once a message waited for the send time limit.
	 */
	@Test
	void peerThatStopsReadingStopsThePublisherAndBufferedBytesStayBounded() throws Exception {
		int limit = 256 * 1024;
		int messageSize = 64 * 1024;
		SwsReactiveServer sws = SwsReactiveServer.builder(allVersions())
			.maxOutboundBuffer(limit)
			.sendTimeLimit(Duration.ofMillis(500))
			.firstFrameDelay(Duration.ZERO)
			.build();
		AtomicLong produced = new AtomicLong();
		AtomicLong maxBuffered = new AtomicLong();
		AtomicReference<Throwable> ended = new AtomicReference<>();
		CountDownLatch closed = new CountDownLatch(1);
		URI uri = start(sws, (session) -> {
			SwsReactiveSession sws1 = (SwsReactiveSession) session;
			byte[] payload = new byte[messageSize];
			return session.send(Flux.<WebSocketMessage>generate((sink) -> {
				produced.incrementAndGet();
				maxBuffered.accumulateAndGet(sws1.getBufferedBytes(), Math::max);
				sink.next(session.binaryMessage((factory) -> factory.wrap(payload)));
			})).doOnError(ended::set).doFinally((signal) -> closed.countDown());
		});
		try (HostileClient client = HostileClient.connectToStopReading(uri, 1)) {
			client.handshake(null);
			assertThat(closed.await(30, TimeUnit.SECONDS)).as(() -> "produced " + produced + ", max buffered " + maxBuffered
					+ ", buffered now " + sws.getBufferedBytes()).isTrue();
			assertThat(ended.get()).isInstanceOfSatisfying(SwsSessionLimitException.class,
					(ex) -> assertThat(ex.getReason()).isEqualTo(FailureReason.SEND_TIME_LIMIT));
			assertThat(maxBuffered.get()).isLessThanOrEqualTo(limit + messageSize + 16);
			// what the handler produced: the buffer, Netty's 64 KiB high-water mark and the sockets' buffers
			assertThat(produced.get() * messageSize).isLessThan(limit + 16L * 1024 * 1024);
			assertThat(client.awaitClose()).isEqualTo(4500);
		}
		assertThat(sws.getBufferedBytes()).isZero();
	}

	@Test
	void handlerSeesDecryptedTextAndBinary() {
		List<WebSocketMessage.Type> types = new CopyOnWriteArrayList<>();
		URI uri = start(SwsReactiveServer.builder(allVersions()).build(), (session) -> session.send(session.receive()
			.doOnNext((message) -> types.add(message.getType()))
			.map((message) -> session.textMessage(message.getType() + ":" + message.getPayloadAsText()))));
		SwsReactiveWebSocketClient client = SwsReactiveWebSocketClient
			.builder(ClientHandshakeSettings.builder(BoxKeyPair.generate(RandomSource.secure()), ProtocolVersion.V1)
				.pinnedServerKeys(List.of(PKI.serverKeys.getPublicKey())))
			.build();
		List<String> echoed = new CopyOnWriteArrayList<>();
		client.execute(uri, (session) -> session.send(Flux.just(session.textMessage("text"),
				session.binaryMessage((factory) -> factory.wrap(new byte[] { (byte) 0xff, 0 }))))
			.and(session.receive().take(2).map(WebSocketMessage::getPayloadAsText).doOnNext(echoed::add)))
			.block(WAIT);
		assertThat(types).containsExactly(WebSocketMessage.Type.TEXT, WebSocketMessage.Type.BINARY);
		assertThat(echoed.get(0)).isEqualTo("TEXT:text");
		assertThat(echoed.get(1)).startsWith("BINARY:");
	}

	@Test
	void binaryInboundMessagesAreBinaryEvenWhenTheyAreText() {
		List<WebSocketMessage.Type> types = new CopyOnWriteArrayList<>();
		URI uri = start(SwsReactiveServer.builder(allVersions()).inboundMessages(InboundMessageType.BINARY).build(),
				(session) -> session.send(session.receive()
					.doOnNext((message) -> types.add(message.getType()))
					.map((message) -> session.textMessage(message.getPayloadAsText()))));
		SwsReactiveWebSocketClient client = SwsReactiveWebSocketClient
			.builder(ClientHandshakeSettings.builder(BoxKeyPair.generate(RandomSource.secure()), ProtocolVersion.V3)
				.pinnedServerKeys(List.of(PKI.serverKeys.getPublicKey())))
			.build();
		assertThat(roundTrip(client, uri, List.of("text"))).containsExactly("text");
		assertThat(types).containsExactly(WebSocketMessage.Type.BINARY);
	}

	@Test
	void aHandlerThatTakesTextOnlyIsNeverHandedBytesThatAreNotUtf8() throws Exception {
		URI uri = start(SwsReactiveServer.builder(allVersions())
			.firstFrameDelay(Duration.ZERO)
			.inboundMessages(InboundMessageType.TEXT)
			.build(), ECHO);
		try (HostileClient client = HostileClient.connect(uri, 1)) {
			client.handshake(null);
			client.roundTrip("fine");
			client.ws.sendBinary(client.sws.channel().seal(new byte[] { (byte) 0xff, 0 }));
			assertThat(client.awaitClose()).isEqualTo(1007);
		}
	}

}
