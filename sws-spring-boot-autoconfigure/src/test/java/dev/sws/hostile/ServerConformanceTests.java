package dev.sws.hostile;

import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.web.socket.TextMessage;

import dev.sws.it.TestClients;
import dev.sws.it.TestClients.Collector;
import dev.sws.testsupport.hostile.HostileClient;
import dev.sws.websocket.SwsWebSocketClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Our server, on each web stack ({@link Stack}: the servlet stack's server in this test's
 * application, and the reactive server on WebFlux and Reactor Netty, {@link ReactiveHostileServer}),
 * against a hostile client, case by case ({@link ServerCases}): each attack must end
 * with its close code, its reason counted in the metrics, nothing (beyond honest messages) handed
 * to the application, no stack trace or error in the logs, and the server still serving: a session
 * opened before the attack still echoes, and a new client completes a handshake. The observed
 * outcomes are written to {@code target/hostile-report/server-cases.md}.
 */
@ExtendWith(OutputCaptureExtension.class)
class ServerConformanceTests extends HostileTestSupport {

	private static final ConformanceReport REPORT = new ConformanceReport("server-cases", "group", "hostile client",
			"expected", "observed close", "metric", "application saw", "ms");

	private static final AtomicInteger ROUND = new AtomicInteger();

	private static SwsWebSocketClient legitClient;

	private static final Map<Stack, Collector> BYSTANDERS = new EnumMap<>(Stack.class);

	/** The server stack under attack. */
	enum Stack {

		/** The servlet stack's server (Tomcat), in this test's application. */
		SERVLET,

		/** The reactive server on WebFlux and Reactor Netty. */
		WEBFLUX

	}

	/** Where one stack's endpoints are, what its application saw, and its metrics. */
	private record Target(Function<String, URI> uris, PeerRecordings recorder, MeterRegistry meterRegistry) {
	}

	private Target target(Stack stack) {
		if (stack == Stack.SERVLET) {
			return new Target(this::uri, this.recorder.recordings(), this.meterRegistry);
		}
		ReactiveHostileServer reactive = ReactiveHostileServer.shared();
		return new Target(reactive::uri, reactive.recordings(), reactive.meterRegistry());
	}

	private static Collector bystander(Stack stack, Target target) throws Exception {
		if (legitClient == null) {
			legitClient = TestClients.v2(HostilePki.TRUSTED.ca.getCertificate(), HostilePki.TRUSTED.clientKeys,
					HostilePki.TRUSTED.clientCert);
		}
		Collector bystander = BYSTANDERS.get(stack);
		if (bystander == null) {
			bystander = TestClients.connect(legitClient, target.uris().apply(ServerCase.MTLS).toString());
			BYSTANDERS.put(stack, bystander);
		}
		return bystander;
	}

	@AfterAll
	static void report() {
		REPORT.write();
		ReactiveHostileServer.stopShared();
	}

	/** Every case on every stack (the servlet stack only in the build's Jetty execution). */
	static Stream<Arguments> cases() {
		return onEveryStack(Stack.class, ServerCases.all());
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("cases")
	void refused(Stack stack, ServerCase hostile, CapturedOutput output) throws Exception {
		Target target = target(stack);
		Collector bystander = bystander(stack, target);
		String metric = metric(hostile.stage());
		long before = failures(target, hostile);
		long started = System.nanoTime();
		int closeCode;
		byte[] key;
		try (HostileClient client = HostileClient.connect(target.uris().apply(hostile.path()), hostile.version())) {
			key = client.publicKey();
			attack(hostile, client, target);
			closeCode = client.awaitClose();
		}
		long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
		long counted = awaitCount(() -> failures(target, hostile), before) - before;
		int expectedSessions = (hostile.stage() == Stage.SESSION) ? 1 : 0;
		PeerRecordings recorder = target.recorder();
		String group = (stack == Stack.SERVLET) ? hostile.group() : "WebFlux: " + hostile.group();
		REPORT.add(group, hostile.name(), hostile.reason().getCloseCode() + " " + hostile.reason().getTag(), closeCode,
				metric + "{" + hostile.reason().getTag() + "} +" + counted,
				recorder.sessionsOf(key) + " session(s), " + recorder.messagesFrom(key).size() + " message(s)", millis);

		assertThat(closeCode).as("close code").isEqualTo(hostile.reason().getCloseCode());
		assertThat(counted).as("%s{reason=%s}", metric, hostile.reason().getTag()).isOne();
		assertThat(recorder.sessionsOf(key)).as("sessions the application saw").isEqualTo(expectedSessions);
		assertThat(recorder.messagesFrom(key)).as("messages the application received")
			.containsExactlyElementsOf(hostile.delivered());
		assertStillServing(target, bystander);
		assertNoStackTrace(output);
	}

	/**
	 * Runs the attack. A write the server's close overtook ("Broken pipe", "Connection reset") is
	 * not a failure: a server may refuse at the first bad frame while the attack still has frames to
	 * write (two reordered messages: it closes on the first one it gets). The close code and the
	 * failure count checked afterwards say whether it refused for the right reason.
	 */
	private static void attack(ServerCase hostile, HostileClient client, Target target) throws Exception {
		try {
			hostile.attack()
				.run(client, (path, version) -> HostileClient.connect(target.uris().apply(path), version));
		}
		catch (SocketException ex) {
			// the server closed while the attack was still writing
		}
	}

	private static long failures(Target target, ServerCase hostile) {
		return failures(target.meterRegistry(), "server", hostile.stage(), hostile.reason());
	}

	/** The session opened before the attack still works, and a new client gets through. */
	private static void assertStillServing(Target target, Collector bystander) throws Exception {
		String message = "still here " + ROUND.incrementAndGet();
		bystander.session.sendMessage(new TextMessage(message));
		assertThat(new String(bystander.nextBytes(), StandardCharsets.UTF_8)).isEqualTo(message);
		Collector newcomer = TestClients.connect(legitClient, target.uris().apply(ServerCase.PLAIN).toString());
		newcomer.session.sendMessage(new TextMessage("newcomer"));
		assertThat(new String(newcomer.nextBytes(), StandardCharsets.UTF_8)).isEqualTo("newcomer");
		newcomer.session.close();
	}

}
