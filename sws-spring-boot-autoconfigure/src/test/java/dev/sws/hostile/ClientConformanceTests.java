package dev.sws.hostile;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;

import dev.sws.autoconfigure.metrics.SwsMetrics;
import dev.sws.cert.TrustPolicy;
import dev.sws.crypto.BoxKeyPair;
import dev.sws.crypto.RandomSource;
import dev.sws.it.TestClients;
import dev.sws.it.TestClients.Collector;
import dev.sws.protocol.ClientHandshakeSettings;
import dev.sws.protocol.FailureReason;
import dev.sws.protocol.ProtocolVersion;
import dev.sws.testsupport.ServletContainer;
import dev.sws.websocket.SwsHandshakeException;
import dev.sws.websocket.SwsWebSocketClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Our client against a hostile server, case by case ({@link ClientCases}): each attack must end
 * with the typed refusal (or, once established, the session closed), the close code the server
 * sees, the reason counted in the client's metrics, nothing (beyond honest messages) handed to the
 * application, no stack trace or error in the logs, and the same client still working with a
 * genuine server. The observed outcomes are written to
 * {@code target/hostile-report/client-cases.md}.
 */
@ExtendWith(OutputCaptureExtension.class)
class ClientConformanceTests extends HostileTestSupport {

	private static final ConformanceReport REPORT = new ConformanceReport("client-cases", "group", "hostile server",
			"expected", "observed", "server saw close", "metric", "application saw", "ms");

	private static final SimpleMeterRegistry CLIENT_METRICS = new SimpleMeterRegistry();

	private static final AtomicInteger ROUND = new AtomicInteger();

	private static SwsWebSocketClient v1Client;

	private static SwsWebSocketClient v2Client;

	private static SwsWebSocketClient v3Client;

	private static Collector bystander;

	@Autowired
	ScriptedServer scriptedServer;

	@BeforeEach
	void clients() throws Exception {
		if (bystander == null) {
			SwsMetrics metrics = new SwsMetrics(CLIENT_METRICS);
			v1Client = SwsWebSocketClient
				.builder(ClientHandshakeSettings.builder(BoxKeyPair.generate(RandomSource.secure()), ProtocolVersion.V1)
					.pinnedServerKeys(List.of(HostilePki.TRUSTED.serverKeys.getPublicKey())))
				.listener(metrics)
				.build();
			v2Client = SwsWebSocketClient
				.builder(ClientHandshakeSettings.builder(BoxKeyPair.generate(RandomSource.secure()), ProtocolVersion.V2)
					.serverCertVerifier(TrustPolicy.builder().trustAnchor(HostilePki.TRUSTED.ca.getCertificate()).build()))
				.listener(metrics)
				.build();
			v3Client = SwsWebSocketClient
				.builder(ClientHandshakeSettings.builder(BoxKeyPair.generate(RandomSource.secure()), ProtocolVersion.V3)
					.pinnedServerKeys(List.of(HostilePki.TRUSTED.serverKeys.getPublicKey()))
					.serverCertVerifier(TrustPolicy.builder().trustAnchor(HostilePki.TRUSTED.ca.getCertificate()).build()))
				.listener(metrics)
				.build();
			bystander = TestClients.connect(v2Client, uri(ServerCase.PLAIN).toString());
		}
	}

	@AfterAll
	static void report() {
		REPORT.write();
	}

	static List<ClientCase> cases() {
		return ClientCases.all();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void refused(ClientCase hostile, CapturedOutput output) throws Exception {
		String id = "case-" + ROUND.incrementAndGet();
		CompletableFuture<ScriptedServer.Connection> connected = this.scriptedServer.register(id, hostile.script());
		long before = failures(hostile);
		long started = System.nanoTime();
		Application application = new Application();
		CompletableFuture<WebSocketSession> future = ((hostile.version() == 1) ? v1Client
				: (hostile.version() == 3) ? v3Client : v2Client)
			.execute(application, uri("/forge?case=" + id).toString());
		String observed;
		SwsHandshakeException refusal = null;
		if (hostile.stage() == Stage.HANDSHAKE) {
			refusal = TestClients.failure(future);
			observed = refusal.getKind() + " " + refusal.getReason().map(FailureReason::getTag).orElse("")
					+ refusal.getCloseCode().stream().mapToObj((code) -> "close " + code).findFirst().orElse("");
		}
		else {
			future.get(10, TimeUnit.SECONDS);
			observed = "opened, then closed " + application.closed.get(10, TimeUnit.SECONDS);
		}
		ScriptedServer.Connection connection = connected.get(10, TimeUnit.SECONDS);
		int serverSaw = connection.closeCode(Duration.ofSeconds(10));
		long counted = awaitCount(() -> failures(hostile), before) - before;
		REPORT.add(hostile.group(), hostile.name(), expected(hostile), observed, serverSaw,
				metric(hostile) + "{" + hostile.reason().getTag() + "} +" + counted,
				application.opened.size() + " session(s), " + application.messages.size() + " message(s)",
				Duration.ofNanos(System.nanoTime() - started).toMillis());

		if (refusal != null) {
			assertThat(refusal.getKind()).isEqualTo(hostile.kind());
			if (hostile.kind() == SwsHandshakeException.Kind.REFUSED_BY_CLIENT) {
				assertThat(refusal.getReason()).contains(hostile.reason());
			}
			assertThat(application.opened).as("sessions the application saw").isEmpty();
		}
		else {
			assertThat(application.opened).hasSize(1);
			assertThat(application.closed.get().getCode()).isEqualTo(hostile.reason().getCloseCode());
		}
		if (ServletContainer.current() == ServletContainer.JETTY && hostile.reason() == FailureReason.MESSAGE_TOO_LARGE) {
			// the hostile server is still writing its 10 MB message when the client's 1009 arrives,
			// and Jetty's server side sometimes (once in four runs) reports the end of that
			// connection as abnormal (1006) rather than the client's code: a race of its close
			// handshake with the write in progress, on the hostile server's side; what the client
			// decided, sent and counted is asserted above and below
			assertThat(serverSaw).as("close code the server saw").isIn(hostile.reason().getCloseCode(), 1006);
		}
		else {
			assertThat(serverSaw).as("close code the server saw").isEqualTo(hostile.reason().getCloseCode());
		}
		assertThat(counted).as("%s{reason=%s}", metric(hostile), hostile.reason().getTag()).isOne();
		assertThat(application.messages).as("messages the application received")
			.containsExactlyElementsOf(hostile.delivered());
		assertThat(connection.scriptFailure.get(10, TimeUnit.SECONDS)).as("the hostile script").isNull();
		assertStillWorking();
		assertNoStackTrace(output);
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

	/** The client's session with the genuine server still works, and a new one opens. */
	private void assertStillWorking() throws Exception {
		String message = "still here " + ROUND.get();
		bystander.session.sendMessage(new TextMessage(message));
		assertThat(new String(bystander.nextBytes(), StandardCharsets.UTF_8)).isEqualTo(message);
		Collector newcomer = TestClients.connect(v2Client, uri(ServerCase.PLAIN).toString());
		newcomer.session.sendMessage(new TextMessage("newcomer"));
		assertThat(new String(newcomer.nextBytes(), StandardCharsets.UTF_8)).isEqualTo("newcomer");
		newcomer.session.close();
	}

	/** The application behind the client under test: records what SWS hands it. */
	static final class Application extends AbstractWebSocketHandler {

		final List<WebSocketSession> opened = new CopyOnWriteArrayList<>();

		final List<String> messages = new CopyOnWriteArrayList<>();

		final CompletableFuture<CloseStatus> closed = new CompletableFuture<>();

		@Override
		public void afterConnectionEstablished(WebSocketSession session) {
			this.opened.add(session);
		}

		@Override
		public void handleMessage(WebSocketSession session, WebSocketMessage<?> message) {
			if (message instanceof TextMessage text) {
				this.messages.add(text.getPayload());
			}
			else if (message instanceof BinaryMessage binary) {
				ByteBuffer payload = binary.getPayload().duplicate();
				byte[] bytes = new byte[payload.remaining()];
				payload.get(bytes);
				this.messages.add(new String(bytes, StandardCharsets.UTF_8));
			}
		}

		@Override
		public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
			this.closed.complete(status);
		}

	}

}
