package dev.sws.autoconfigure.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.IntSupplier;
import java.util.stream.Collectors;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import dev.sws.cert.NaclCert;
import dev.sws.crypto.KeyFingerprint;
import dev.sws.protocol.ProtocolVersion;
import dev.sws.protocol.ServerHandshakeSettings;
import dev.sws.websocket.SwsWebSocketHandlerDecoratorFactory;

/**
 * Health of the SWS server: DOWN once its certificate has expired; UP otherwise, with a
 * {@code warning} detail when the certificate expires within the configured window. Details name
 * the versions, the certificate's CA, names and expiry, and the key fingerprint; never a secret.
 */
public class SwsServerHealthIndicator extends AbstractHealthIndicator {

	private final ServerHandshakeSettings settings;

	private final IntSupplier pendingHandshakes;

	private final Duration warningWindow;

	private final Clock clock;

	/**
	 * Creates the indicator of a servlet-stack server.
	 * @param server the SWS server
	 * @param warningWindow how long before expiry to warn
	 * @param clock the time source
	 */
	public SwsServerHealthIndicator(SwsWebSocketHandlerDecoratorFactory server, Duration warningWindow, Clock clock) {
		this(server.getHandshakeSettings(), server::getPendingHandshakes, warningWindow, clock);
	}

	/**
	 * Creates the indicator of a server on any stack (the reactive one, for example).
	 * @param settings the server's handshake settings
	 * @param pendingHandshakes how many handshakes are under way
	 * @param warningWindow how long before expiry to warn
	 * @param clock the time source
	 */
	public SwsServerHealthIndicator(ServerHandshakeSettings settings, IntSupplier pendingHandshakes,
			Duration warningWindow, Clock clock) {
		super("SWS health check failed");
		this.settings = settings;
		this.pendingHandshakes = pendingHandshakes;
		this.warningWindow = warningWindow;
		this.clock = clock;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		builder.withDetail("versions", this.settings.getVersions()
			.stream()
			.map(ProtocolVersion::getNumber)
			.collect(Collectors.toList()));
		builder.withDetail("publicKeyFingerprint",
				KeyFingerprint.of(this.settings.getKeyPair().getPublicKey()));
		builder.withDetail("pendingHandshakes", this.pendingHandshakes.getAsInt());
		NaclCert certificate = this.settings.getCertificate();
		if (certificate == null) {
			builder.up();
			return;
		}
		Instant expiresAt = certificate.getExpiresAt();
		Instant now = this.clock.instant();
		builder.withDetail("certificate.ca", certificate.getCa())
			.withDetail("certificate.names", certificate.getNames())
			.withDetail("certificate.expiresAt", expiresAt.toString());
		if (!expiresAt.isAfter(now)) {
			builder.down().withDetail("error", "The SWS server certificate expired at " + expiresAt);
			return;
		}
		Duration left = Duration.between(now, expiresAt);
		if (left.compareTo(this.warningWindow) <= 0) {
			builder.withDetail("warning", "The SWS server certificate expires in " + left.toDays() + " days (at "
					+ expiresAt + "); issue a new one with ./sws-cert gencert");
		}
		builder.up();
	}

}
