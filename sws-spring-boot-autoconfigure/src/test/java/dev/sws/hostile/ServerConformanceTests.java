package dev.sws.hostile;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
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
 * Our server against a hostile client, case by case ({@link ServerCases}): each attack must end
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

	private static Collector bystander;

	@BeforeEach
	void bystander() throws Exception {
		if (bystander == null) {
			legitClient = TestClients.v2(HostilePki.TRUSTED.ca.getCertificate(), HostilePki.TRUSTED.clientKeys,
					HostilePki.TRUSTED.clientCert);
			bystander = TestClients.connect(legitClient, uri(ServerCase.MTLS).toString());
		}
	}

	@AfterAll
	static void report() {
		REPORT.write();
	}

	static List<ServerCase> cases() {
		return ServerCases.all();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void refused(ServerCase hostile, CapturedOutput output) throws Exception {
		String metric = metric(hostile.stage());
		long before = failures(hostile);
		long started = System.nanoTime();
		int closeCode;
		byte[] key;
		try (HostileClient client = HostileClient.connect(uri(hostile.path()), hostile.version())) {
			key = client.publicKey();
			hostile.attack().run(client, (path, version) -> HostileClient.connect(uri(path), version));
			closeCode = client.awaitClose();
		}
		long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
		long counted = awaitCount(() -> failures(hostile), before) - before;
		int expectedSessions = (hostile.stage() == Stage.SESSION) ? 1 : 0;
		REPORT.add(hostile.group(), hostile.name(), hostile.reason().getCloseCode() + " " + hostile.reason().getTag(),
				closeCode, metric + "{" + hostile.reason().getTag() + "} +" + counted,
				this.recorder.sessionsOf(key) + " session(s), " + this.recorder.messagesFrom(key).size() + " message(s)",
				millis);

		assertThat(closeCode).as("close code").isEqualTo(hostile.reason().getCloseCode());
		assertThat(counted).as("%s{reason=%s}", metric, hostile.reason().getTag()).isOne();
		assertThat(this.recorder.sessionsOf(key)).as("sessions the application saw").isEqualTo(expectedSessions);
		assertThat(this.recorder.messagesFrom(key)).as("messages the application received")
			.containsExactlyElementsOf(hostile.delivered());
		assertStillServing();
		assertNoStackTrace(output);
	}

	private long failures(ServerCase hostile) {
		return failures(this.meterRegistry, "server", hostile.stage(), hostile.reason());
	}

	/** The session opened before the attack still works, and a new client gets through. */
	private void assertStillServing() throws Exception {
		String message = "still here " + ROUND.incrementAndGet();
		bystander.session.sendMessage(new TextMessage(message));
		assertThat(new String(bystander.nextBytes(), StandardCharsets.UTF_8)).isEqualTo(message);
		Collector newcomer = TestClients.connect(legitClient, uri(ServerCase.PLAIN).toString());
		newcomer.session.sendMessage(new TextMessage("newcomer"));
		assertThat(new String(newcomer.nextBytes(), StandardCharsets.UTF_8)).isEqualTo("newcomer");
		newcomer.session.close();
	}

}
