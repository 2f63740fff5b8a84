package dev.sws.autoconfigure.metrics;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

import dev.sws.protocol.FailureReason;
import dev.sws.protocol.ProtocolVersion;
import dev.sws.websocket.SwsEventListener;
import dev.sws.websocket.SwsRole;

/**
 * Micrometer metrics for SWS sessions:
 * <ul>
 * <li>{@code sws.handshakes} (timer; tags {@code role}, {@code outcome} success|failure,
 * {@code reason}, {@code version}): every handshake and how long it took;</li>
 * <li>{@code sws.sessions.active} (gauge; tag {@code role});</li>
 * <li>{@code sws.messages} and {@code sws.bytes} (counters; tags {@code role}, {@code direction}
 * in|out): decrypted and encrypted messages and their plaintext bytes;</li>
 * <li>{@code sws.session.failures} (counter; tags {@code role}, {@code reason}): established
 * sessions closed for a protocol reason, decrypt failures being {@code reason=decrypt-failed}, peers
 * that do not read fast enough {@code reason=outbound-buffer-full} or {@code send-time-limit}.</li>
 * </ul>
 * With a server, the auto-configuration adds the gauges {@code sws.handshakes.pending} and
 * {@code sws.outbound.buffered} (bytes waiting for slow peers; tag {@code role}).
 * No tag ever carries a key or a payload.
 */
public class SwsMetrics implements SwsEventListener {

	private final MeterRegistry registry;

	private final Map<SwsRole, AtomicInteger> active = new EnumMap<>(SwsRole.class);

	private final Map<SwsRole, Counter[]> messages = new EnumMap<>(SwsRole.class);

	/**
	 * Creates the metrics and registers the gauges.
	 * @param registry the registry
	 */
	public SwsMetrics(MeterRegistry registry) {
		this.registry = registry;
		for (SwsRole role : SwsRole.values()) {
			AtomicInteger count = new AtomicInteger();
			this.active.put(role, count);
			Gauge.builder("sws.sessions.active", count, AtomicInteger::get)
				.description("Open SWS sessions")
				.tag("role", role.getTag())
				.register(registry);
			this.messages.put(role,
					new Counter[] { counter("sws.messages", role, "in", "SWS messages decrypted"),
							counter("sws.messages", role, "out", "SWS messages encrypted"),
							counter("sws.bytes", role, "in", "Plaintext bytes decrypted"),
							counter("sws.bytes", role, "out", "Plaintext bytes encrypted") });
		}
	}

	private Counter counter(String name, SwsRole role, String direction, String description) {
		return Counter.builder(name)
			.description(description)
			.tag("role", role.getTag())
			.tag("direction", direction)
			.register(this.registry);
	}

	@Override
	public void handshakeSucceeded(SwsRole role, ProtocolVersion version, Duration duration) {
		active(role).incrementAndGet();
		handshakeTimer(role, "success", "none", version).record(duration);
	}

	@Override
	public void handshakeFailed(SwsRole role, @Nullable ProtocolVersion version, FailureReason reason,
			Duration duration) {
		handshakeTimer(role, "failure", reason.getTag(), version).record(duration);
	}

	private Timer handshakeTimer(SwsRole role, String outcome, String reason, @Nullable ProtocolVersion version) {
		return Timer.builder("sws.handshakes")
			.description("SWS handshakes")
			.tag("role", role.getTag())
			.tag("outcome", outcome)
			.tag("reason", reason)
			.tag("version", (version != null) ? String.valueOf(version.getNumber()) : "unknown")
			.register(this.registry);
	}

	@Override
	public void sessionFailed(SwsRole role, FailureReason reason) {
		Counter.builder("sws.session.failures")
			.description("SWS sessions closed for a protocol reason")
			.tag("role", role.getTag())
			.tag("reason", reason.getTag())
			.register(this.registry)
			.increment();
	}

	@Override
	public void sessionClosed(SwsRole role) {
		active(role).decrementAndGet();
	}

	@Override
	public void messageReceived(SwsRole role, int plaintextBytes) {
		Counter[] counters = messages(role);
		counters[0].increment();
		counters[2].increment(plaintextBytes);
	}

	@Override
	public void messageSent(SwsRole role, int plaintextBytes) {
		Counter[] counters = messages(role);
		counters[1].increment();
		counters[3].increment(plaintextBytes);
	}

	private AtomicInteger active(SwsRole role) {
		return Objects.requireNonNull(this.active.get(role)); // the constructor put every role
	}

	private Counter[] messages(SwsRole role) {
		return Objects.requireNonNull(this.messages.get(role)); // the constructor put every role
	}

}
