package dev.sws.sample;

import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

import org.springframework.messaging.converter.JacksonJsonMessageConverter;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.web.socket.WebSocketHttpHeaders;

import dev.sws.cert.NaclCert;
import dev.sws.cert.TrustPolicy;
import dev.sws.crypto.BoxKeyPair;
import dev.sws.crypto.RandomSource;
import dev.sws.protocol.ClientHandshakeSettings;
import dev.sws.protocol.ProtocolVersion;
import dev.sws.sample.chat.ChatConfiguration;
import dev.sws.sample.chat.ChatMessage;
import dev.sws.sample.chat.ChatPost;
import dev.sws.websocket.SwsStompClient;
import dev.sws.websocket.SwsWebSocketClient;

/**
 * One chat user on the Java STOMP client over SWS v2: joins with a nickname and subscribes to
 * {@code /topic/chat} (waiting for the broker's receipt, so the subscription is in place), sends,
 * and keeps everything it receives and every error it is told about. It can also send the frames
 * a hostile client would.
 */
public final class ChatParticipant implements AutoCloseable {

	/** The longest wait for anything a participant expects. */
	public static final Duration WAIT = Duration.ofSeconds(30);

	private static final int ATTEMPTS = 3;

	private static final String ERROR_FRAME = "ERROR frame: ";

	private final String name;

	private final SwsStompClient stomp;

	private final StompSession session;

	private final List<ChatMessage> received = new CopyOnWriteArrayList<>();

	private final List<Long> arrivals = new CopyOnWriteArrayList<>();

	private final Errors errors;

	private final AtomicInteger sent = new AtomicInteger();

	private ChatParticipant(String name, SwsStompClient stomp, StompSession session, Errors errors) {
		this.name = name;
		this.stomp = stomp;
		this.session = session;
		this.errors = errors;
	}

	/**
	 * Joins the chat of one instance in relay mode under a nickname, and waits for the broker's
	 * receipt of the subscription.
	 * @param port the instance's port on 127.0.0.1
	 * @param name the nickname
	 * @param ca the CA that signs the instance's certificate
	 * @return the participant, subscribed
	 * @throws Exception if it cannot join in time
	 */
	public static ChatParticipant join(int port, String name, NaclCert ca) throws Exception {
		return connect(port, name, nickname(name), client(ca, null, null)).subscribe();
	}

	/**
	 * Joins the chat of one instance with any broker under a nickname, and says hello: its own
	 * hello coming back shows that its subscription is in place (the simple broker sends no
	 * receipts).
	 * @param port the instance's port on 127.0.0.1
	 * @param name the nickname
	 * @param ca the CA that signs the instance's certificate
	 * @return the participant, subscribed
	 * @throws Exception if it cannot join in time
	 */
	public static ChatParticipant enter(int port, String name, NaclCert ca) throws Exception {
		return connect(port, name, nickname(name), client(ca, null, null)).sayHello();
	}

	/**
	 * Joins the chat with a client certificate, and says hello (as {@link #enter}).
	 * @param port the instance's port on 127.0.0.1
	 * @param name the participant's name in the test's reports
	 * @param connectHeaders the headers of the CONNECT frame
	 * @param ca the CA that signs the instance's certificate
	 * @param keys the client's key pair
	 * @param certificate the client's certificate, for {@code keys}
	 * @return the participant, subscribed
	 * @throws Exception if it cannot join in time
	 */
	public static ChatParticipant enter(int port, String name, StompHeaders connectHeaders, NaclCert ca,
			BoxKeyPair keys, NaclCert certificate) throws Exception {
		return connect(port, name, connectHeaders, client(ca, keys, certificate)).sayHello();
	}

	/**
	 * Connects, does what a chat client should not, and waits for the server to refuse it with an
	 * ERROR frame and close the connection.
	 *
	 * <p>The ERROR frame is best effort: Spring's {@code ConcurrentWebSocketSessionDecorator} drops a
	 * frame that waits behind another one being written when the session is closed, and Spring
	 * closes the session right after an ERROR frame. A refusal that follows the CONNECTED frame
	 * within a millisecond or two may lose its ERROR frame that way, so this tries up to
	 * {@value #ATTEMPTS} times, each on a new connection; every attempt must end with the server
	 * closing the connection.
	 * @param port the instance's port on 127.0.0.1
	 * @param ca the CA that signs the instance's certificate
	 * @param connectHeaders the headers of the CONNECT frame
	 * @param misbehaviour what the client does once connected (nothing if the CONNECT is refused)
	 * @return the ERROR frame's message
	 * @throws Exception if the server accepts the misbehaviour, or sends no ERROR frame
	 */
	public static String refusal(int port, NaclCert ca, StompHeaders connectHeaders,
			Consumer<ChatParticipant> misbehaviour) throws Exception {
		List<List<String>> attempts = new ArrayList<>();
		for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
			List<String> errors = misbehave(port, ca, connectHeaders, misbehaviour);
			if (!errors.isEmpty() && errors.get(0).startsWith(ERROR_FRAME)) {
				return errors.get(0).substring(ERROR_FRAME.length());
			}
			attempts.add(errors);
		}
		throw new AssertionError("The server closed the connection without an ERROR frame " + ATTEMPTS
				+ " times; the client saw " + attempts);
	}

	private static List<String> misbehave(int port, NaclCert ca, StompHeaders connectHeaders,
			Consumer<ChatParticipant> misbehaviour) throws Exception {
		Errors errors = new Errors();
		try (SwsStompClient stomp = client(ca, null, null)) {
			StompSession session;
			try {
				session = stomp.connectAsync(url(port), (WebSocketHttpHeaders) null, connectHeaders, errors)
					.get(WAIT.toSeconds(), TimeUnit.SECONDS);
			}
			catch (ExecutionException refusedAtConnect) {
				// the ERROR frame, if any, came before the connection closed
				return errors.list();
			}
			ChatParticipant participant = new ChatParticipant("mallory", stomp, session, errors);
			misbehaviour.accept(participant);
			participant.awaitDisconnected(WAIT);
			return errors.list();
		}
	}

	/** CONNECT headers that name the client. */
	public static StompHeaders nickname(String name) {
		StompHeaders headers = new StompHeaders();
		headers.set(ChatConfiguration.NICKNAME_HEADER, name);
		return headers;
	}

	private static ChatParticipant connect(int port, String name, StompHeaders connectHeaders, SwsStompClient stomp)
			throws Exception {
		Errors errors = new Errors();
		StompSession session = stomp.connectAsync(url(port), (WebSocketHttpHeaders) null, connectHeaders, errors)
			.get(WAIT.toSeconds(), TimeUnit.SECONDS);
		return new ChatParticipant(name, stomp, session, errors);
	}

	private static String url(int port) {
		return "ws://127.0.0.1:" + port + "/chat";
	}

	private static SwsStompClient client(NaclCert ca, @Nullable BoxKeyPair keys, @Nullable NaclCert certificate) {
		ClientHandshakeSettings.Builder handshake = ClientHandshakeSettings
			.builder((keys != null) ? keys : BoxKeyPair.generate(RandomSource.secure()), ProtocolVersion.V2)
			.serverCertVerifier(TrustPolicy.builder().trustAnchor(ca).build());
		if (certificate != null) {
			handshake.certificate(certificate);
		}
		SwsStompClient stomp = new SwsStompClient(SwsWebSocketClient.builder(handshake).build());
		stomp.setMessageConverter(new JacksonJsonMessageConverter());
		return stomp;
	}

	private ChatParticipant sayHello() throws Exception {
		StompHeaders headers = new StompHeaders();
		headers.setDestination(ChatConfiguration.TOPIC);
		this.session.subscribe(headers, new Receiver());
		String hello = "hello from " + this.name + " " + System.nanoTime();
		say(hello);
		await("its hello", (received) -> received.stream().anyMatch((message) -> hello.equals(message.text())), WAIT);
		return this;
	}

	private ChatParticipant subscribe() throws Exception {
		CompletableFuture<Void> subscribed = new CompletableFuture<>();
		StompHeaders headers = new StompHeaders();
		headers.setDestination(ChatConfiguration.TOPIC);
		headers.setReceipt("subscribed-" + this.name);
		this.session.subscribe(headers, new Receiver()).addReceiptTask(() -> subscribed.complete(null));
		subscribed.get(WAIT.toSeconds(), TimeUnit.SECONDS);
		return this;
	}

	/**
	 * Says something, as every client does: a {@link ChatPost} to {@code /app/chat.send}.
	 * @param text the text
	 */
	public void say(String text) {
		this.session.send(ChatConfiguration.SEND_DESTINATION, new ChatPost(text));
		this.sent.incrementAndGet();
	}

	/**
	 * Sends any payload (as JSON) to any destination.
	 * @param destination the destination
	 * @param payload the payload
	 */
	public void send(String destination, Object payload) {
		this.session.send(destination, payload);
	}

	/**
	 * Sends a SUBSCRIBE frame with any headers; what arrives for it is kept as chat messages.
	 * @param headers the frame's headers, with its destination
	 */
	public void subscribe(StompHeaders headers) {
		this.session.subscribe(headers, new Receiver());
	}

	/** How many messages this participant has sent with {@link #say}. */
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

	/** The STOMP ERROR frames ({@code "ERROR frame: " + message}) and failures seen so far. */
	public List<String> errors() {
		return this.errors.list();
	}

	/**
	 * Waits until the received messages satisfy a condition.
	 * @param description what is awaited, for the failure message
	 * @param condition the condition on everything received so far
	 * @param wait the longest wait
	 * @throws InterruptedException if interrupted
	 */
	public void await(String description, Predicate<List<ChatMessage>> condition, Duration wait)
			throws InterruptedException {
		long deadline = System.nanoTime() + wait.toNanos();
		while (!condition.test(received())) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError(this.name + " did not see " + description + " within " + wait + "; received "
						+ this.received.size() + " messages, errors " + errors());
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
				throw new AssertionError(this.name + " is still connected after " + wait + "; errors " + errors());
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

		private final List<String> list = new CopyOnWriteArrayList<>();

		List<String> list() {
			return List.copyOf(this.list);
		}

		@Override
		public void handleException(StompSession session, @Nullable StompCommand command, StompHeaders headers,
				byte[] payload, Throwable exception) {
			this.list.add("exception: " + exception.getMessage());
		}

		@Override
		public void handleFrame(StompHeaders headers, @Nullable Object payload) {
			this.list.add(ERROR_FRAME + headers.getFirst("message"));
		}

		@Override
		public void handleTransportError(StompSession session, Throwable exception) {
			this.list.add("transport: " + exception);
		}

	}

}
