package dev.sws.hostile;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.params.provider.Arguments;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.sws.it.SwsTestApplication;
import dev.sws.protocol.FailureReason;
import dev.sws.testsupport.ServletContainer;
import dev.sws.websocket.SwsWebSocketHandlerDecoratorFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The application the hostile-peer tests attack: the test application plus
 * {@link HostileConfiguration}, with the trusted PKI's server key and certificate (inline, so
 * every subclass shares one context). Helpers read the SWS metrics and check the logs.
 */
@SpringBootTest(classes = { SwsTestApplication.class, HostileConfiguration.class },
		webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "server.address=127.0.0.1" })
abstract class HostileTestSupport {

	/** A stack trace line, or a line logged at ERROR. */
	private static final Pattern STACK_TRACE_OR_ERROR = Pattern
		.compile("^\\s+at [\\w$.]+\\(.*\\)$|^Caused by: |^\\S+ +ERROR ", Pattern.MULTILINE);

	@LocalServerPort
	int port;

	@Autowired
	MeterRegistry meterRegistry;

	@Autowired
	SwsWebSocketHandlerDecoratorFactory swsServer;

	@Autowired
	ApplicationRecorder recorder;

	@DynamicPropertySource
	static void serverIdentity(DynamicPropertyRegistry registry) {
		registry.add("sws.server.key-pair",
				() -> Base64.getEncoder().encodeToString(HostilePki.TRUSTED.serverKeys.exportSecretKey()));
		registry.add("sws.server.certificate", HostilePki.TRUSTED.serverCert::toJson);
	}

	URI uri(String path) {
		return URI.create("ws://127.0.0.1:" + this.port + path);
	}

	/**
	 * Every case on every stack: the arguments {@code (stack, case)} of a parameterized test. The
	 * build's Jetty execution runs the servlet stack only (the first of {@code stacks}), since the
	 * reactive stack runs on Reactor Netty whatever the servlet container.
	 */
	static <S extends Enum<S>> Stream<Arguments> onEveryStack(Class<S> stacks, List<?> cases) {
		S[] all = stacks.getEnumConstants();
		Stream<S> run = (ServletContainer.current() == ServletContainer.JETTY) ? Stream.of(all[0]) : Arrays.stream(all);
		return run.flatMap((stack) -> cases.stream().map((hostile) -> Arguments.of(stack, hostile)));
	}

	/** The failures a case counts: of handshakes, or of established sessions. */
	static long failures(MeterRegistry registry, String role, Stage stage, FailureReason reason) {
		return (stage == Stage.HANDSHAKE) ? handshakeFailures(registry, role, reason)
				: sessionFailures(registry, role, reason);
	}

	/** The metric a case counts. */
	static String metric(Stage stage) {
		return (stage == Stage.HANDSHAKE) ? "sws.handshakes" : "sws.session.failures";
	}

	/** How many handshakes on {@code role}'s side failed for {@code reason} so far. */
	static long handshakeFailures(MeterRegistry registry, String role, FailureReason reason) {
		return registry.find("sws.handshakes")
			.tags("role", role, "outcome", "failure", "reason", reason.getTag())
			.timers()
			.stream()
			.mapToLong(Timer::count)
			.sum();
	}

	/** How many established sessions on {@code role}'s side failed for {@code reason} so far. */
	static long sessionFailures(MeterRegistry registry, String role, FailureReason reason) {
		return (long) registry.find("sws.session.failures")
			.tags("role", role, "reason", reason.getTag())
			.counters()
			.stream()
			.mapToDouble(Counter::count)
			.sum();
	}

	/**
	 * Waits (up to 5 s) for a counter to pass {@code before}: the close frame may reach the peer
	 * before the closing side's listener ran.
	 * @return the counter's value then, or its value after 5 s
	 */
	static long awaitCount(LongSupplier counter, long before) {
		try {
			return await().atMost(Duration.ofSeconds(5)).until(counter::getAsLong, (count) -> count > before);
		}
		catch (ConditionTimeoutException ex) {
			return counter.getAsLong();
		}
	}

	/** Asserts that nothing was logged at ERROR and no stack trace was printed (INFO and above). */
	static void assertNoStackTrace(CapturedOutput output) {
		assertThat(output.getAll()).as("the logs above debug").doesNotContainPattern(STACK_TRACE_OR_ERROR);
	}

	/**
	 * As {@link #assertNoStackTrace}, except for the WARN records (with their stack traces) of
	 * one logger that is not ours.
	 * @param output the captured output
	 * @param abbreviatedLogger the logger's name as the log line shows it
	 */
	static void assertNoStackTraceExceptWarningsOf(CapturedOutput output, String abbreviatedLogger) {
		Pattern foreignWarning = Pattern.compile("^\\S+ +WARN .* " + Pattern.quote(abbreviatedLogger)
				+ " +: .*$(\\R(?!\\d{4}-\\d{2}-\\d{2}T).*$)*", Pattern.MULTILINE);
		String rest = foreignWarning.matcher(output.getAll()).replaceAll("");
		assertThat(rest).as("the logs above debug, without the WARN records of " + abbreviatedLogger)
			.doesNotContainPattern(STACK_TRACE_OR_ERROR);
	}

}
