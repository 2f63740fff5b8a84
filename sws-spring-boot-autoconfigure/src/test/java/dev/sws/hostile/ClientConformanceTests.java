package dev.sws.hostile;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.sws.autoconfigure.metrics.SwsMetrics;
import dev.sws.protocol.FailureReason;
import dev.sws.protocol.SwsHandshakeException;
import dev.sws.testsupport.ServletContainer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Our client, on each web stack ({@link Stack}: {@link ServletClientUnderTest} and
 * {@link ReactiveClientUnderTest}), against a hostile server, case by case ({@link ClientCases}):
 * each attack must end with the typed refusal (or, once established, the session closed), the
 * close code the server sees, the reason counted in the client's metrics, nothing (beyond honest
 * messages) handed to the application, no stack trace or error in the logs, and the same client
 * still working with a genuine server. The observed outcomes are written to
 * {@code target/hostile-report/client-cases.md}.
 */
@ExtendWith(OutputCaptureExtension.class)
class ClientConformanceTests extends HostileTestSupport {

	private static final ConformanceReport REPORT = new ConformanceReport("client-cases", "group", "hostile server",
			"expected", "observed", "server saw close", "metric", "application saw", "ms");

	private static final SimpleMeterRegistry CLIENT_METRICS = new SimpleMeterRegistry();

	/** The metrics both stacks' clients report to (the reactive one through the bridge). */
	private static final SwsMetrics METRICS = new SwsMetrics(CLIENT_METRICS);

	private static final AtomicInteger ROUND = new AtomicInteger();

	private static final Map<Stack, ClientUnderTest> CLIENTS = new EnumMap<>(Stack.class);

	/** The client stack under attack. */
	enum Stack {

		/** The servlet stack's client, {@code SwsWebSocketClient}. */
		SERVLET,

		/** The reactive client, {@code SwsReactiveWebSocketClient} on Reactor Netty. */
		REACTIVE

	}

	@Autowired
	ScriptedServer scriptedServer;

	private ClientUnderTest client(Stack stack) throws Exception {
		ClientUnderTest client = CLIENTS.get(stack);
		if (client == null) {
			client = (stack == Stack.SERVLET) ? new ServletClientUnderTest(METRICS, uri(ServerCase.PLAIN))
					: new ReactiveClientUnderTest(METRICS, uri(ServerCase.PLAIN));
			CLIENTS.put(stack, client);
		}
		return client;
	}

	@AfterAll
	static void report() {
		REPORT.write();
	}

	/** Every case on every stack (the servlet stack only in the build's Jetty execution). */
	static Stream<Arguments> cases() {
		return onEveryStack(Stack.class, ClientCases.all());
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("cases")
	void refused(Stack stack, ClientCase hostile, CapturedOutput output) throws Exception {
		ClientUnderTest client = client(stack);
		String id = "case-" + ROUND.incrementAndGet();
		CompletableFuture<ScriptedServer.Connection> connected = this.scriptedServer.register(id, hostile.script());
		long before = failures(hostile);
		long started = System.nanoTime();
		ClientAttempt attempt = client.connect(hostile.version(), uri("/forge?case=" + id));
		String observed;
		ClientAttempt.Refusal refusal = null;
		int closeCode = -1;
		if (hostile.stage() == Stage.HANDSHAKE) {
			refusal = attempt.refusal();
			observed = refusal.toString();
		}
		else {
			closeCode = attempt.awaitClose();
			observed = "opened, then closed " + closeCode;
		}
		ScriptedServer.Connection connection = connected.get(10, TimeUnit.SECONDS);
		int serverSaw = connection.closeCode(Duration.ofSeconds(10));
		long counted = awaitCount(() -> failures(hostile), before) - before;
		String group = (stack == Stack.SERVLET) ? hostile.group() : "WebFlux: " + hostile.group();
		REPORT.add(group, hostile.name(), expected(hostile), observed, serverSaw,
				metric(hostile) + "{" + hostile.reason().getTag() + "} +" + counted,
				attempt.sessions.get() + " session(s), " + attempt.messages.size() + " message(s)",
				Duration.ofNanos(System.nanoTime() - started).toMillis());

		if (refusal != null) {
			assertThat(refusal.kind()).isEqualTo(hostile.kind());
			if (hostile.kind() == SwsHandshakeException.Kind.REFUSED_BY_CLIENT) {
				assertThat(refusal.reason()).contains(hostile.reason());
			}
			else {
				assertThat(refusal.closeCode()).as("the server's close code").hasValue(hostile.reason().getCloseCode());
			}
			assertThat(attempt.sessions).as("sessions the application saw").hasValue(0);
		}
		else {
			assertThat(attempt.sessions).as("sessions the application saw").hasValue(1);
			assertThat(closeCode).as("close code the client reports").isEqualTo(hostile.reason().getCloseCode());
		}
		if (serverMaySeeAbnormalClose(stack, hostile)) {
			assertThat(serverSaw).as("close code the server saw").isIn(hostile.reason().getCloseCode(), 1006);
		}
		else {
			assertThat(serverSaw).as("close code the server saw").isEqualTo(hostile.reason().getCloseCode());
		}
		assertThat(counted).as("%s{reason=%s}", metric(hostile), hostile.reason().getTag()).isOne();
		assertThat(attempt.messages).as("messages the application received")
			.containsExactlyElementsOf(hostile.delivered());
		// a script still writing a large frame to the client that refused it ends when the container's
		// blocking send gives up (Tomcat: 20 s), not when the client closed: once in a while, that late
		assertThat(connection.scriptFailure.get(30, TimeUnit.SECONDS)).as("the hostile script").isNull();
		client.assertStillWorking(uri(ServerCase.PLAIN), "still here " + ROUND.get());
		assertNoStackTrace(output);
	}

	/**
	 * Whether the hostile server may see the end of the connection as abnormal (1006) rather than
	 * the client's code, in a race of the close handshake with the server's write of an oversized
	 * message still in progress; what the client decided, sent and counted is asserted all the
	 * same.
	 */
	private static boolean serverMaySeeAbnormalClose(Stack stack, ClientCase hostile) {
		if (hostile.reason() != FailureReason.MESSAGE_TOO_LARGE) {
			return false;
		}
		// Jetty's server side sometimes (once in four runs) reports the end of the connection on
		// which it still writes the 10 MB message as abnormal, on the hostile server's side
		boolean jetty = ServletContainer.current() == ServletContainer.JETTY;
		// Reactor Netty refuses the 10 MB ServerHello itself (over twice the frame limit, before
		// SWS sees it): it sends 1009 and closes the connection at once while the server still
		// writes, and the unread data then sometimes resets the connection before the server read
		// the close frame (seen in one run of three); SWS reports the refusal as its own
		boolean reactiveHandshake = stack == Stack.REACTIVE && hostile.stage() == Stage.HANDSHAKE;
		return jetty || reactiveHandshake;
	}

	private static String expected(ClientCase hostile) {
		return ((hostile.stage() == Stage.HANDSHAKE) ? hostile.kind() + " " : "session closed ")
				+ hostile.reason().getCloseCode() + " " + hostile.reason().getTag();
	}

	private static String metric(ClientCase hostile) {
		return metric(hostile.stage());
	}

	private static long failures(ClientCase hostile) {
		return failures(CLIENT_METRICS, "client", hostile.stage(), hostile.reason());
	}

}
