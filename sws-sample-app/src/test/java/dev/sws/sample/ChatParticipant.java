package dev.sws.sample;

import java.lang.reflect.Type;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

import org.springframework.messaging.converter.JacksonJsonMessageConverter;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;

import dev.sws.cert.NaclCert;
import dev.sws.cert.TrustPolicy;
import dev.sws.crypto.BoxKeyPair;
import dev.sws.crypto.RandomSource;
import dev.sws.protocol.ClientHandshakeSettings;
import dev.sws.protocol.ProtocolVersion;
import dev.sws.sample.chat.ChatMessage;
import dev.sws.socket.SwsStompClient;
import dev.sws.socket.SwsWebSocketClient;

/**
 * One chat user on the Java STOMP client over SWS v2: joins {@code /topic/chat} (waiting for the
 * broker's receipt, so the subscription is in place), sends, and keeps everything it receives and
 * every error it is told about.
 */
public final class ChatParticipant implements AutoCloseable {

	public static final Duration WAIT = Duration.ofSeconds(30);

	private final String name;

	private final SwsStompClient stomp;

	private final StompSession session;

	private final List<ChatMessage> received = new CopyOnWriteArrayList<>();

	private final List<Long> arrivals = new CopyOnWriteArrayList<>();

	private final List<String> errors = new CopyOnWriteArrayList<>();

	private final AtomicInteger sent = new AtomicInteger();

	private ChatParticipant(String name, SwsStompClient stomp, StompSession session) {
		this.name = name;
		this.stomp = stomp;
		this.session = session;
	}

	/**
	 * Joins the chat of one instance.
	 * @param port the instance's port on 127.0.0.1
	 * @param name the nickname
	 * @param ca the CA that signs the instance's certificate
	 * @return the participant, subscribed
	 * @throws Exception if it cannot join in time
	 */
	public static ChatParticipant join(int port, String name, NaclCert ca) throws Exception {
		SwsStompClient stomp = new SwsStompClient(SwsWebSocketClient
			.builder(ClientHandshakeSettings.builder(BoxKeyPair.generate(RandomSource.secure()), ProtocolVersion.V2)
				.serverCertVerifier(TrustPolicy.builder().trustAnchor(ca).build()))
			.build());
		stomp.setMessageConverter(new JacksonJsonMessageConverter());
		Errors errors = new Errors();
		StompSession session = stomp.connectAsync("ws://127.0.0.1:" + port + "/chat", errors)
			.get(WAIT.toSeconds(), TimeUnit.SECONDS);
		ChatParticipant participant = new ChatParticipant(name, stomp, session);
		errors.target = participant.errors;
		CompletableFuture<Void> subscribed = new CompletableFuture<>();
		StompHeaders headers = new StompHeaders();
		headers.setDestination("/topic/chat");
		headers.setReceipt("subscribed-" + name);
		session.subscribe(headers, participant.new Receiver()).addReceiptTask(() -> subscribed.complete(null));
		subscribed.get(WAIT.toSeconds(), TimeUnit.SECONDS);
		return participant;
	}

	public void say(String text) {
		this.session.send("/app/chat.send", new ChatMessage(this.name, text, null));
		this.sent.incrementAndGet();
	}

	/** How many messages this participant has sent so far. */
	public int sent() {
		return this.sent.get();
	}

	/** When each received message arrived, in {@link System#nanoTime()}. */
	public List<Long> arrivals() {
		return List.copyOf(this.arrivals);
	}

	public String name() {
		return this.name;
	}

	public boolean isConnected() {
		return this.session.isConnected();
	}

	public List<ChatMessage> received() {
		return List.copyOf(this.received);
	}

	public List<String> errors() {
		return List.copyOf(this.errors);
	}

	/**
	 * Waits until the received messages satisfy a condition.
	 * @param description what is awaited, for the failure message
	 * @param condition the condition on everything received so far
	 * @param wait the longest wait
	 * @throws InterruptedException if interrupted
	 */
	public void await(String description, Predicate<List<ChatMessage>> condition, Duration wait) throws InterruptedException {
		long deadline = System.nanoTime() + wait.toNanos();
		while (!condition.test(received())) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError(this.name + " did not see " + description + " within " + wait + "; received "
						+ this.received.size() + " messages, errors " + this.errors);
			}
			synchronized (this.received) {
				this.received.wait(50);
			}
		}
	}

	/**
	 * Waits until the session is closed.
	 * @param wait the longest wait
	 * @throws InterruptedException if interrupted
	 */
	public void awaitDisconnected(Duration wait) throws InterruptedException {
		long deadline = System.nanoTime() + wait.toNanos();
		while (this.session.isConnected()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError(this.name + " is still connected after " + wait);
			}
			Thread.sleep(20);
		}
	}

	@Override
	public void close() {
		try {
			if (this.session.isConnected()) {
				this.session.disconnect();
			}
		}
		finally {
			this.stomp.close();
		}
	}

	private final class Receiver implements StompFrameHandler {

		@Override
		public Type getPayloadType(StompHeaders headers) {
			return ChatMessage.class;
		}

		@Override
		public void handleFrame(StompHeaders headers, @Nullable Object payload) {
			ChatParticipant.this.arrivals.add(System.nanoTime());
			ChatParticipant.this.received.add((ChatMessage) payload);
			synchronized (ChatParticipant.this.received) {
				ChatParticipant.this.received.notifyAll();
			}
		}

	}

	/** Records STOMP ERROR frames and lost connections. */
	private static final class Errors extends StompSessionHandlerAdapter {

		volatile List<String> target = new CopyOnWriteArrayList<>();

		@Override
		public void handleException(StompSession session, @Nullable StompCommand command, StompHeaders headers,
				byte[] payload, Throwable exception) {
			this.target.add("exception: " + exception.getMessage());
		}

		@Override
		public void handleFrame(StompHeaders headers, @Nullable Object payload) {
			this.target.add("ERROR frame: " + headers.getFirst("message"));
		}

		@Override
		public void handleTransportError(StompSession session, Throwable exception) {
			this.target.add("transport: " + exception);
		}

	}

}
