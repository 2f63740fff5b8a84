package dev.sws.bench;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import org.springframework.http.HttpHeaders;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

import dev.sws.crypto.BoxKeyPair;
import dev.sws.crypto.RandomSource;
import dev.sws.protocol.ClientHandshake;
import dev.sws.protocol.ClientHandshakeSettings;
import dev.sws.protocol.HandshakeFrame;
import dev.sws.protocol.HandshakeStep;
import dev.sws.protocol.ProtocolVersion;
import dev.sws.protocol.SecureChannel;
import dev.sws.protocol.ServerHandshakeSettings;
import dev.sws.websocket.SwsServerWebSocketHandlerDecorator;
import dev.sws.websocket.SwsWebSocketHandlerDecoratorFactory;

/**
 * The server's CPU and allocation cost of one echoed message, without the network: the SWS
 * decorator (decrypt, hand the message to an echo handler, encrypt the reply) against the same
 * echo handler on a plain session. The difference is what SWS adds per message on the server. Run
 * with {@code -prof gc} for bytes allocated per message.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DataPathBenchmark {

	@Param({ "64", "1024", "65536" })
	int size;

	private SwsWebSocketHandlerDecoratorFactory server;

	private SwsServerWebSocketHandlerDecorator decorator;

	private EchoHandler plainEcho;

	private LastMessageSession swsTransport;

	private LastMessageSession plainTransport;

	private SecureChannel clientChannel;

	private byte[] payload;

	@Setup(Level.Trial)
	public void setUp() throws Exception {
		BoxKeyPair serverKeys = BoxKeyPair.generate(RandomSource.secure());
		this.server = SwsWebSocketHandlerDecoratorFactory.builder(ServerHandshakeSettings.builder(serverKeys))
			.firstFrameDelay(java.time.Duration.ZERO)
			.maxMessageSize(1 << 20)
			.build();
		this.decorator = this.server.decorate(new EchoHandler());
		this.plainEcho = new EchoHandler();
		this.swsTransport = new LastMessageSession("sws");
		this.plainTransport = new LastMessageSession("plain");
		ClientHandshake client = new ClientHandshake(ClientHandshakeSettings
			.builder(BoxKeyPair.generate(RandomSource.secure()), ProtocolVersion.V1)
			.pinnedServerKeys(List.of(serverKeys.getPublicKey()))
			.build(), "localhost");
		this.decorator.afterConnectionEstablished(this.swsTransport);
		this.decorator.handleMessage(this.swsTransport, new TextMessage(((HandshakeFrame.Text) client.start()).text()));
		HandshakeStep.Established done = (HandshakeStep.Established) client
			.receive(((TextMessage) this.swsTransport.last()).getPayload());
		this.decorator.handleMessage(this.swsTransport, new TextMessage(((HandshakeFrame.Text) done.finalFrame().orElseThrow()).text()));
		this.clientChannel = done.channel();
		this.payload = RandomSource.secure().bytes(this.size);
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.server.close();
	}

	/** One message through SWS: the client's encryption, the server's work, the client's decryption. */
	@Benchmark
	public byte[] swsRoundTrip() throws Exception {
		this.decorator.handleMessage(this.swsTransport, new BinaryMessage(this.clientChannel.seal(this.payload)));
		return this.clientChannel.open(bytes(this.swsTransport.last()));
	}

	/** The client's share of {@link #swsRoundTrip}, to subtract: sealing and opening one message. */
	@Benchmark
	public byte[] clientCryptoOnly() {
		return this.clientChannel.seal(this.payload);
	}

	/** The same echo handler on a plain session. */
	@Benchmark
	public Object plainRoundTrip() throws Exception {
		this.plainEcho.handleMessage(this.plainTransport, new BinaryMessage(this.payload));
		return this.plainTransport.last();
	}

	private static byte[] bytes(WebSocketMessage<?> message) {
		ByteBuffer payload = ((BinaryMessage) message).getPayload();
		byte[] bytes = new byte[payload.remaining()];
		payload.get(bytes);
		return bytes;
	}

	/** A transport that keeps only the last message sent. */
	static final class LastMessageSession implements WebSocketSession {

		private final String id;

		private final Map<String, Object> attributes = new ConcurrentHashMap<>();

		private @Nullable WebSocketMessage<?> last;

		LastMessageSession(String id) {
			this.id = id;
		}

		WebSocketMessage<?> last() {
			if (this.last == null) {
				throw new IllegalStateException("Nothing was sent on session " + this.id);
			}
			return this.last;
		}

		@Override
		public String getId() {
			return this.id;
		}

		@Override
		public URI getUri() {
			return URI.create("ws://localhost/bench");
		}

		@Override
		public HttpHeaders getHandshakeHeaders() {
			return new HttpHeaders();
		}

		@Override
		public Map<String, Object> getAttributes() {
			return this.attributes;
		}

		@Override
		public @Nullable Principal getPrincipal() {
			return null;
		}

		@Override
		public @Nullable InetSocketAddress getLocalAddress() {
			return null;
		}

		@Override
		public @Nullable InetSocketAddress getRemoteAddress() {
			return null;
		}

		@Override
		public @Nullable String getAcceptedProtocol() {
			return null;
		}

		@Override
		public void setTextMessageSizeLimit(int messageSizeLimit) {
		}

		@Override
		public int getTextMessageSizeLimit() {
			return 8192;
		}

		@Override
		public void setBinaryMessageSizeLimit(int messageSizeLimit) {
		}

		@Override
		public int getBinaryMessageSizeLimit() {
			return 8192;
		}

		@Override
		public List<WebSocketExtension> getExtensions() {
			return List.of();
		}

		@Override
		public void sendMessage(WebSocketMessage<?> message) {
			this.last = message;
		}

		@Override
		public boolean isOpen() {
			return true;
		}

		@Override
		public void close() {
		}

		@Override
		public void close(CloseStatus status) {
		}

	}

}
