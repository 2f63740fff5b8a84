package dev.sws.sample.relay;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The machine's RabbitMQ, a local service on every machine of this project and on CI's, as
 * {@code .ci/rabbitmq-stomp} sets it up: STOMP on {@value #STOMP_PORT}, STOMP over TLS on
 * {@value #STOMP_TLS_PORT} with a certificate for 127.0.0.1 from the CA in {@link #CA_CERTIFICATE},
 * virtual host {@value #VIRTUAL_HOST} and a user that may use /topic destinations there. Tests that
 * use it fail, saying how to set it up, where it does not answer: they are never skipped.
 */
final class LocalRabbitMq {

	static final String HOST = "127.0.0.1";

	static final int STOMP_PORT = 61614;

	static final int STOMP_TLS_PORT = 61615;

	static final String VIRTUAL_HOST = "sws";

	static final String LOGIN = "sws-relay";

	static final String PASSCODE = "sws-relay-test";

	static final Path CA_CERTIFICATE = Path.of("/etc/rabbitmq/sws-tls/ca_certificate.pem");

	private static final String HOW_TO_START = "The scale-out tests need the machine's RabbitMQ with its STOMP plugin: "
			+ "run 'sudo bash .ci/rabbitmq-stomp' from the repository root (it starts RabbitMQ if it is installed but "
			+ "stopped, with rabbitmq-server -detached; install it with 'apt-get install rabbitmq-server').";

	private LocalRabbitMq() {
	}

	/** Fails, saying how to set it up, unless RabbitMQ accepts the tests' login over STOMP. */
	static void require() {
		String answer;
		try {
			answer = connect();
		}
		catch (IOException ex) {
			throw new AssertionError("RabbitMQ's STOMP listener does not answer on " + HOST + ":" + STOMP_PORT + " ("
					+ ex.getMessage() + "). " + HOW_TO_START, ex);
		}
		if (!answer.startsWith("CONNECTED")) {
			fail("RabbitMQ on " + HOST + ":" + STOMP_PORT + " refused the tests' login '" + LOGIN + "' on virtual host '"
					+ VIRTUAL_HOST + "': " + answer.lines().findFirst().orElse("") + ". " + HOW_TO_START);
		}
		if (!Files.isReadable(CA_CERTIFICATE)) {
			fail("The CA of RabbitMQ's STOMP TLS listener, " + CA_CERTIFICATE + ", is missing. " + HOW_TO_START);
		}
	}

	/** Stops the RabbitMQ application, not the node: every connection is closed, every non-durable queue gone. */
	static void stopApp() throws Exception {
		rabbitmqctl("stop_app");
	}

	/** Starts the RabbitMQ application again, and waits until its STOMP listener accepts the tests' login. */
	static void startApp() throws Exception {
		rabbitmqctl("start_app");
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (true) {
			try {
				if (connect().startsWith("CONNECTED")) {
					return;
				}
			}
			catch (IOException ex) {
				// not yet listening
			}
			if (System.nanoTime() > deadline) {
				fail("RabbitMQ's STOMP listener did not come back within 60 s after start_app. " + HOW_TO_START);
			}
			Thread.sleep(100);
		}
	}

	private static void rabbitmqctl(String... command) throws Exception {
		List<String> line = new ArrayList<>(List.of("rabbitmqctl", "-q"));
		line.addAll(List.of(command));
		Process process;
		try {
			process = new ProcessBuilder(line).redirectErrorStream(true).start();
		}
		catch (IOException ex) {
			throw new AssertionError("Cannot run rabbitmqctl: " + ex.getMessage() + ". " + HOW_TO_START, ex);
		}
		String output;
		try (InputStream in = process.getInputStream()) {
			output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("rabbitmqctl " + String.join(" ", command) + " finished")
			.isTrue();
		assertThat(process.exitValue()).as("rabbitmqctl %s: %s (run the tests as root, or as a user who may run "
				+ "rabbitmqctl)", String.join(" ", command), output).isZero();
	}

	/** A STOMP CONNECT with the tests' login; returns the broker's first frame. */
	private static String connect() throws IOException {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(HOST, STOMP_PORT), 2000);
			socket.setSoTimeout(5000);
			OutputStream out = socket.getOutputStream();
			out.write(("CONNECT\naccept-version:1.2\nhost:" + VIRTUAL_HOST + "\nlogin:" + LOGIN + "\npasscode:" + PASSCODE
					+ "\n\n\0").getBytes(StandardCharsets.UTF_8));
			out.flush();
			InputStream in = socket.getInputStream();
			StringBuilder frame = new StringBuilder();
			int b;
			while ((b = in.read()) > 0) {
				frame.append((char) b);
			}
			return frame.toString().strip();
		}
	}

}
