package dev.sws.sample.broker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded Artemis as a STOMP client sees it, over a plain socket: its logins, the chat's
 * topic (and nothing else), and a restart on the same port.
 */
class EmbeddedStompBrokerTests {

	final EmbeddedStompBroker broker = EmbeddedStompBroker.start("127.0.0.1", 0, Map.of("chat", "s3cret"));

	@AfterEach
	void close() {
		this.broker.close();
	}

	@Test
	void onlyTheConfiguredLoginsMayConnect() throws IOException {
		try (StompSocket wrong = new StompSocket(this.broker.port())) {
			assertThat(wrong.connect("chat", "guess")).startsWith("ERROR");
		}
		try (StompSocket right = new StompSocket(this.broker.port())) {
			assertThat(right.connect("chat", "s3cret")).startsWith("CONNECTED");
		}
	}

	@Test
	void theChatTopicReachesEverySubscriber() throws IOException {
		try (StompSocket first = new StompSocket(this.broker.port());
				StompSocket second = new StompSocket(this.broker.port());
				StompSocket sender = new StompSocket(this.broker.port())) {
			for (StompSocket socket : new StompSocket[] { first, second, sender }) {
				assertThat(socket.connect("chat", "s3cret")).startsWith("CONNECTED");
			}
			for (StompSocket subscriber : new StompSocket[] { first, second }) {
				assertThat(subscriber.exchange("SUBSCRIBE\nid:t\ndestination:/topic/chat\nreceipt:t\n\n")).startsWith("RECEIPT");
			}
			sender.send("SEND\ndestination:/topic/chat\n\nto all");
			assertThat(first.read()).startsWith("MESSAGE").endsWith("to all");
			assertThat(second.read()).startsWith("MESSAGE").endsWith("to all");
		}
	}

	/** What a client could send through the relay if the chat's frame guard let it. */
	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "SUBSCRIBE\nid:q\ndestination:/queue/work\nreceipt:r\n\n",
			"SUBSCRIBE\nid:t\ndestination:/topic/other\nreceipt:r\n\n",
			"SEND\ndestination:/queue/work\nreceipt:r\n\nkept",
			"SEND\ndestination:/topic/other\nreceipt:r\n\nanyone?",
			"SEND\ndestination:chat.log\nreceipt:r\n\nkept",
			"SUBSCRIBE\nid:d\ndestination:/topic/chat\ndurable-subscription-name:kept\nreceipt:r\n\n" })
	void noFrameCreatesAnAddressOrADurableQueue(String frame) throws IOException {
		try (StompSocket client = new StompSocket(this.broker.port())) {
			assertThat(client.exchange("CONNECT\naccept-version:1.2\nhost:/\nlogin:chat\npasscode:s3cret\nclient-id:c\n\n"))
				.startsWith("CONNECTED");
			assertThat(client.exchange(frame)).startsWith("ERROR");
		}
		assertThat(this.broker.addressNames()).containsExactly(EmbeddedStompBroker.CHAT_ADDRESS);
		assertThat(this.broker.durableQueueNames()).isEmpty();
	}

	@Test
	void aStoppedBrokerStartsAgainOnItsPort() throws IOException {
		int port = this.broker.port();
		this.broker.stop();
		assertThat(this.broker.isRunning()).isFalse();
		this.broker.start();
		assertThat(this.broker.port()).isEqualTo(port);
		try (StompSocket socket = new StompSocket(port)) {
			assertThat(socket.connect("chat", "s3cret")).startsWith("CONNECTED");
		}
	}

	/** STOMP frames as text over a socket, one frame per read. */
	static final class StompSocket implements AutoCloseable {

		private final Socket socket;

		private final InputStream in;

		StompSocket(int port) throws IOException {
			this.socket = new Socket("127.0.0.1", port);
			this.socket.setSoTimeout(5000);
			this.in = this.socket.getInputStream();
		}

		String connect(String login, String passcode) throws IOException {
			return exchange("CONNECT\naccept-version:1.2\nhost:/\nlogin:" + login + "\npasscode:" + passcode + "\n\n");
		}

		String exchange(String frame) throws IOException {
			send(frame);
			return read();
		}

		void send(String frame) throws IOException {
			this.socket.getOutputStream().write((frame + "\0").getBytes(StandardCharsets.UTF_8));
		}

		String read() throws IOException {
			ByteArrayOutputStream frame = new ByteArrayOutputStream();
			int b;
			while ((b = this.in.read()) != 0) {
				if (b < 0) {
					throw new IOException("closed after " + frame);
				}
				if (frame.size() > 0 || b != '\n') {
					frame.write(b);
				}
			}
			return frame.toString(StandardCharsets.UTF_8);
		}

		/** A frame, or {@code null} if none comes within half a second. */
		String readOrNull() throws IOException {
			this.socket.setSoTimeout(500);
			try {
				return read();
			}
			catch (SocketTimeoutException ex) {
				return null;
			}
			finally {
				this.socket.setSoTimeout(5000);
			}
		}

		@Override
		public void close() throws IOException {
			this.socket.close();
		}

	}

}
