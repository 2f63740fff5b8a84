package dev.sws.examples;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.sws.cert.CertFiles;
import dev.sws.cert.TrustPolicy;
import dev.sws.crypto.BoxKeyPair;
import dev.sws.crypto.RandomSource;
import dev.sws.protocol.ClientHandshake;
import dev.sws.protocol.ClientHandshakeSettings;
import dev.sws.protocol.HandshakeFrame;
import dev.sws.protocol.HandshakeStep;
import dev.sws.protocol.ProtocolVersion;
import dev.sws.protocol.SecureChannel;

/**
 * An SWS client in plain Java: {@code sws-core} for the protocol and the JDK's
 * {@link java.net.http.WebSocket} for the transport, nothing else (no Spring). It verifies the
 * server's certificate against a CA, sends one message and prints the echo. The same code speaks
 * v2 (the default) and v3: the handshake tells it which frames to send.
 *
 * <pre>
 * java -cp sws-core.jar:lazysodium-java.jar:jna.jar:jackson-core.jar:jspecify.jar:slf4j-api.jar \
 *     dev.sws.examples.PlainJavaEchoClient ws://localhost:8080/echo ca-cert.json "hello" [2|3]
 * </pre>
 */
public final class PlainJavaEchoClient {

	private PlainJavaEchoClient() {
	}

	/**
	 * Connects, sends the message and prints its echo.
	 * @param args the endpoint URI, the CA certificate file, the message
	 * @throws Exception if anything fails; the process then exits with a stack trace
	 */
	public static void main(String[] args) throws Exception {
		URI uri = URI.create(args[0]);
		ProtocolVersion version = (args.length > 3) ? ProtocolVersion.valueOf("V" + args[3]) : ProtocolVersion.V2;
		ClientHandshakeSettings settings = ClientHandshakeSettings
			.builder(BoxKeyPair.generate(RandomSource.secure()), version)
			.serverCertVerifier(TrustPolicy.builder().trustAnchor(CertFiles.readCaCert(Path.of(args[1]))).build())
			.build();
		ClientHandshake handshake = new ClientHandshake(settings, uri.getHost());

		Frames frames = new Frames();
		WebSocket webSocket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(uri, frames).join();
		send(webSocket, handshake.start());
		HandshakeStep step;
		do {
			Object inbound = frames.next();
			step = (inbound instanceof String text) ? handshake.receive(text) : handshake.receive((byte[]) inbound);
			if (step instanceof HandshakeStep.Reply reply) {
				send(webSocket, reply.frame());
			}
		}
		while (step instanceof HandshakeStep.Reply);
		if (step instanceof HandshakeStep.Failed failed) {
			webSocket.sendClose(failed.failure().closeCode(), "").join();
			throw new IllegalStateException("The server was refused: " + failed.failure());
		}
		HandshakeStep.Established established = (HandshakeStep.Established) step;
		established.finalFrame().ifPresent((frame) -> send(webSocket, frame));
		SecureChannel channel = established.channel();

		webSocket.sendBinary(ByteBuffer.wrap(channel.seal(args[2].getBytes(StandardCharsets.UTF_8))), true).join();
		byte[] echo = channel.open((byte[]) frames.next());
		System.out.println("echo: " + new String(echo, StandardCharsets.UTF_8));
		System.out.println("server: " + established.peer());
		webSocket.sendClose(WebSocket.NORMAL_CLOSURE, "").join();
	}

	/** Sends a handshake message as the frame type its version uses: text in v1 and v2, binary in v3. */
	private static void send(WebSocket webSocket, HandshakeFrame frame) {
		if (frame instanceof HandshakeFrame.Text text) {
			webSocket.sendText(text.text(), true).join();
		}
		else {
			webSocket.sendBinary(ByteBuffer.wrap(((HandshakeFrame.Binary) frame).bytes()), true).join();
		}
	}

	/** Joins fragments into whole messages: a text message as a String, a binary one as bytes. */
	private static final class Frames implements WebSocket.Listener {

		private final BlockingQueue<Object> messages = new LinkedBlockingQueue<>();

		private final StringBuilder text = new StringBuilder();

		private final java.io.ByteArrayOutputStream binary = new java.io.ByteArrayOutputStream();

		Object next() throws InterruptedException {
			Object message = this.messages.poll(10, TimeUnit.SECONDS);
			if (message == null) {
				throw new IllegalStateException("Nothing from the server within 10 s");
			}
			return message;
		}

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			this.text.append(data);
			if (last) {
				this.messages.add(this.text.toString());
				this.text.setLength(0);
			}
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
			byte[] bytes = new byte[data.remaining()];
			data.get(bytes);
			this.binary.writeBytes(bytes);
			if (last) {
				this.messages.add(this.binary.toByteArray());
				this.binary.reset();
			}
			webSocket.request(1);
			return null;
		}

	}

}
