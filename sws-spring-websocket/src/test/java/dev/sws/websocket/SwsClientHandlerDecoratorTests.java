package dev.sws.websocket;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;

import dev.sws.cert.TrustPolicy;
import dev.sws.protocol.ClientHandshakeSettings;
import dev.sws.protocol.HandshakeFrame;
import dev.sws.protocol.HandshakeStep;
import dev.sws.protocol.ProtocolVersion;
import dev.sws.protocol.SecureChannel;
import dev.sws.protocol.ServerHandshake;
import dev.sws.protocol.ServerHandshakeSettings;
import dev.sws.protocol.SwsHandshakeException;
import dev.sws.testsupport.FakeWebSocketSession;
import dev.sws.testsupport.ManualTaskScheduler;
import dev.sws.testsupport.TestPki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * The client decorator with a fake transport, a hand-driven scheduler and the server played by
 * the core {@link ServerHandshake}.
 */
class SwsClientHandlerDecoratorTests {

	private static final TestPki PKI = TestPki.create("client-decorator-tests");

	private final ManualTaskScheduler scheduler = new ManualTaskScheduler();

	private final ExecutorService ioExecutor = Executors.newSingleThreadExecutor();

	@AfterEach
	void stop() {
		this.ioExecutor.shutdownNow();
	}

	/**
	 * With a server that requires a client certificate, the session opens for the application
	 * when the confirmation window ends, on the I/O executor; a data frame the server sends at that
	 * moment arrives on the container's thread. The application must see it only after its
	 * {@code afterConnectionEstablished} returned, never during it.
	 */
	@Test
	void dataArrivingWhileTheApplicationOpensWaitsUntilItsOpeningReturned() throws Exception {
		OpeningHandler application = new OpeningHandler();
		CompletableFuture<WebSocketSession> result = new CompletableFuture<>();
		SwsSessionOptions options = new SwsSessionOptions(Duration.ofSeconds(2), 1024 * 1024, InboundMessageMode.AUTO,
				1024 * 1024, Duration.ofSeconds(10), this.scheduler, this.ioExecutor, this.scheduler.getClock(),
				SwsEventListener.NONE);
		SwsClientWebSocketHandlerDecorator decorator = new SwsClientWebSocketHandlerDecorator(application,
				ClientHandshakeSettings.builder(PKI.clientKeys, ProtocolVersion.V2)
					.serverCertVerifier(TrustPolicy.builder().trustAnchor(PKI.ca.getCertificate()).build())
					.certificate(PKI.clientCert)
					.build(),
				"localhost", options, new OpenSessions(options), result);
		ServerHandshake server = new ServerHandshake(ServerHandshakeSettings.builder(PKI.serverKeys)
			.versions(EnumSet.of(ProtocolVersion.V2))
			.certificate(PKI.serverCert)
			.requireClientCert(TrustPolicy.builder().trustAnchor(PKI.ca.getCertificate()).build())
			.build());
		FakeWebSocketSession transport = new FakeWebSocketSession();

		decorator.afterConnectionEstablished(transport);
		HandshakeStep hello = server.receive(((TextMessage) transport.drain().get(0)).getPayload());
		decorator.handleMessage(transport, new TextMessage(((HandshakeFrame.Text) ((HandshakeStep.Reply) hello).frame()).text()));
		HandshakeStep ready = server.receive(((TextMessage) transport.drain().get(0)).getPayload());
		SecureChannel serverChannel = ((HandshakeStep.Established) ready).channel();
		assertThat(application.events).isEmpty();

		this.scheduler.advance(Duration.ofSeconds(1)); // the confirmation window ends
		assertThat(application.opening.await(10, TimeUnit.SECONDS)).as("the application is opening").isTrue();
		AtomicReference<Exception> failure = new AtomicReference<>();
		Thread container = new Thread(() -> {
			try {
				decorator.handleMessage(transport,
						new BinaryMessage(serverChannel.seal("first".getBytes(StandardCharsets.UTF_8))));
			}
			catch (Exception ex) {
				failure.set(ex);
			}
		}, "container");
		container.start();
		await().atMost(Duration.ofSeconds(10))
			.until(() -> container.getState() == Thread.State.BLOCKED || !application.received.isEmpty());
		assertThat(application.received).as("messages delivered while the application was opening").isEmpty();

		application.finishOpening.countDown();
		container.join(10_000);
		assertThat(failure.get()).isNull();
		assertThat(application.events).containsExactly("opening", "opened", "message:first");
		assertThat(result).isCompleted();
	}

	/**
	 * v3 needs no confirmation window: the session opens when the server's ready message arrives,
	 * at once (the clock never moves here), even though the server required a client certificate.
	 */
	@Test
	void aV3SessionOpensOnTheReadyMessageWithoutAConfirmationWindow() throws Exception {
		RecordingApplication application = new RecordingApplication();
		CompletableFuture<WebSocketSession> result = new CompletableFuture<>();
		SwsClientWebSocketHandlerDecorator decorator = v3Client(application, result);
		ServerHandshake server = v3Server(PKI);
		FakeWebSocketSession transport = new FakeWebSocketSession();

		decorator.afterConnectionEstablished(transport);
		HandshakeStep message2 = server.receive(bytes(transport.drain().get(0)));
		decorator.handleMessage(transport, new BinaryMessage(((HandshakeFrame.Binary) ((HandshakeStep.Reply) message2).frame()).bytes()));
		HandshakeStep established = server.receive(bytes(transport.drain().get(0)));
		assertThat(result).as("not before the ready message").isNotDone();
		HandshakeStep.Established done = (HandshakeStep.Established) established;
		decorator.handleMessage(transport, new BinaryMessage(((HandshakeFrame.Binary) done.finalFrame().orElseThrow()).bytes()));

		assertThat(result).as("open on the ready message, no window").isCompleted();
		assertThat(application.events).containsExactly("opened");
		decorator.handleMessage(transport, new BinaryMessage(done.channel().seal("hi".getBytes(StandardCharsets.UTF_8))));
		assertThat(application.events).containsExactly("opened", "message:hi");
	}

	/**
	 * A v3 server that refuses the client's certificate closes with 1008 instead of sending ready:
	 * the client reports the server's close and the application never sees a session.
	 */
	@Test
	void aV3ServerThatRefusesTheCertificateIsAFailedHandshakeNotASession() throws Exception {
		RecordingApplication application = new RecordingApplication();
		CompletableFuture<WebSocketSession> result = new CompletableFuture<>();
		SwsClientWebSocketHandlerDecorator decorator = v3Client(application, result);
		ServerHandshake server = v3Server(TestPki.create("another-ca"));
		FakeWebSocketSession transport = new FakeWebSocketSession();

		decorator.afterConnectionEstablished(transport);
		HandshakeStep message2 = server.receive(bytes(transport.drain().get(0)));
		decorator.handleMessage(transport, new BinaryMessage(((HandshakeFrame.Binary) ((HandshakeStep.Reply) message2).frame()).bytes()));
		HandshakeStep refused = server.receive(bytes(transport.drain().get(0)));
		assertThat(refused).isInstanceOf(HandshakeStep.Failed.class);
		decorator.afterConnectionClosed(transport, new CloseStatus(((HandshakeStep.Failed) refused).failure().closeCode()));

		assertThat(result).isCompletedExceptionally();
		assertThat(catchThrowable(result::get).getCause()).isInstanceOfSatisfying(SwsHandshakeException.class, (failure) -> {
			assertThat(failure.getKind()).isEqualTo(SwsHandshakeException.Kind.CLOSED_BY_SERVER);
			assertThat(failure.getCloseCode()).hasValue(1008);
		});
		assertThat(application.events).isEmpty();
	}

	private SwsClientWebSocketHandlerDecorator v3Client(WebSocketHandler application,
			CompletableFuture<WebSocketSession> result) {
		SwsSessionOptions options = new SwsSessionOptions(Duration.ofSeconds(2), 1024 * 1024, InboundMessageMode.AUTO,
				1024 * 1024, Duration.ofSeconds(10), this.scheduler, this.ioExecutor, this.scheduler.getClock(),
				SwsEventListener.NONE);
		return new SwsClientWebSocketHandlerDecorator(application,
				ClientHandshakeSettings.builder(PKI.clientKeys, ProtocolVersion.V3)
					.serverCertVerifier(TrustPolicy.builder().trustAnchor(PKI.ca.getCertificate()).build())
					.certificate(PKI.clientCert)
					.build(),
				"localhost", options, new OpenSessions(options), result);
	}

	/** A v3 server with our PKI's keys that requires client certificates signed by {@code clientCa}. */
	private static ServerHandshake v3Server(TestPki clientCa) {
		return new ServerHandshake(ServerHandshakeSettings.builder(PKI.serverKeys)
			.versions(EnumSet.of(ProtocolVersion.V3))
			.certificate(PKI.serverCert)
			.requireClientCert(TrustPolicy.builder().trustAnchor(clientCa.ca.getCertificate()).build())
			.build());
	}

	private static byte[] bytes(WebSocketMessage<?> message) {
		ByteBuffer payload = ((BinaryMessage) message).getPayload().duplicate();
		byte[] bytes = new byte[payload.remaining()];
		payload.get(bytes);
		return bytes;
	}

	/** Records the application's view of the session. */
	static final class RecordingApplication extends AbstractWebSocketHandler {

		final List<String> events = new CopyOnWriteArrayList<>();

		@Override
		public void afterConnectionEstablished(WebSocketSession session) {
			this.events.add("opened");
		}

		@Override
		public void handleMessage(WebSocketSession session, WebSocketMessage<?> message) {
			this.events.add("message:" + ((TextMessage) message).getPayload());
		}

	}

	/** Blocks in {@code afterConnectionEstablished} until told to finish; records every call. */
	static final class OpeningHandler extends AbstractWebSocketHandler {

		final List<String> events = new CopyOnWriteArrayList<>();

		final List<String> received = new CopyOnWriteArrayList<>();

		final CountDownLatch opening = new CountDownLatch(1);

		final CountDownLatch finishOpening = new CountDownLatch(1);

		@Override
		public void afterConnectionEstablished(WebSocketSession session) throws Exception {
			this.events.add("opening");
			this.opening.countDown();
			this.finishOpening.await(10, TimeUnit.SECONDS);
			this.events.add("opened");
		}

		@Override
		public void handleMessage(WebSocketSession session, WebSocketMessage<?> message) {
			String text = ((TextMessage) message).getPayload();
			this.received.add(text);
			this.events.add("message:" + text);
		}

	}

}
