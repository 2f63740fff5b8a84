package dev.sws.autoconfigure.devmode;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.sws.autoconfigure.SwsConfigurationException;
import dev.sws.autoconfigure.SwsProperties;
import dev.sws.cert.CertAuthority;
import dev.sws.cert.CertFileException;
import dev.sws.crypto.RandomSource;

/**
 * Starts development mode: checks that it may run, prepares the {@link DevModeKeys} in
 * {@code sws.server.dev-mode.directory}, and logs a banner that says so, at WARN, on every start.
 *
 * <p>Guards, so that it is never on by accident in production (each fails startup with an
 * {@link SwsConfigurationException} that says what to do):
 * <ul>
 * <li>{@code sws.server.key-pair} or {@code sws.server.certificate} is set too: the application
 * has keys of its own, and running it with others instead would hide that its configuration
 * contradicts itself;</li>
 * <li>a profile named {@code prod} or {@code production} (in any case) is active: the common names
 * of the profile that production runs with.</li>
 * </ul>
 */
final class DevMode {

	/** Profile names that say "production", compared in lower case. */
	static final List<String> PRODUCTION_PROFILES = List.of("prod", "production");

	private static final Log logger = LogFactory.getLog(DevMode.class);

	private DevMode() {
	}

	/**
	 * Checks the guards, then prepares the development keys and logs the banner.
	 * @param properties the server properties
	 * @param activeProfiles the active profiles
	 * @param clock decides the expiry of the keys
	 * @return the keys
	 * @throws SwsConfigurationException if a guard refuses, or the keys cannot be prepared
	 */
	static DevModeKeys start(SwsProperties.Server properties, String[] activeProfiles, Clock clock) {
		check(properties, activeProfiles);
		Path directory = Path.of(properties.getDevMode().getDirectory()).toAbsolutePath().normalize();
		DevModeKeys keys;
		try {
			keys = DevModeKeys.prepare(directory, clock, RandomSource.secure());
		}
		catch (CertFileException ex) {
			throw new SwsConfigurationException("sws.server.dev-mode.directory",
					"development mode could not prepare its keys: " + ex.getMessage(),
					"Set sws.server.dev-mode.directory to a writable folder of your own, or switch development mode off "
							+ "and configure sws.server.key-pair and sws.server.certificate",
					ex);
		}
		keys.warnings().forEach(logger::warn);
		logger.warn(banner(keys));
		return keys;
	}

	static void check(SwsProperties.Server properties, String[] activeProfiles) {
		String configured = (properties.getKeyPair() != null) ? "sws.server.key-pair"
				: (properties.getCertificate() != null) ? "sws.server.certificate" : null;
		if (configured != null) {
			throw new SwsConfigurationException("sws.server.dev-mode.enabled",
					"development mode makes its own keys, but " + configured + " is set too",
					"To use your keys, remove sws.server.dev-mode.enabled=true (or set it to false); to use development "
							+ "keys, remove sws.server.key-pair and sws.server.certificate");
		}
		Optional<String> production = Arrays.stream(activeProfiles)
			.filter((profile) -> PRODUCTION_PROFILES.contains(profile.toLowerCase(Locale.ROOT)))
			.findFirst();
		if (production.isPresent()) {
			throw new SwsConfigurationException("sws.server.dev-mode.enabled",
					"development mode is on while the profile '" + production.get() + "' is active",
					"Development keys, whose CA key lies next to the application, never serve production: remove "
							+ "sws.server.dev-mode.enabled=true from the configuration the '" + production.get()
							+ "' profile uses, and set sws.server.key-pair and sws.server.certificate to keys made with "
							+ "./sws-cert (see docs/certificates.md)");
		}
	}

	private static String banner(DevModeKeys keys) {
		String line = "*".repeat(100);
		String what = keys.created().isEmpty() ? "reused" : "created " + String.join(", ", keys.created());
		return "\n" + line + "\n"
				+ "  SWS DEVELOPMENT MODE (sws.server.dev-mode.enabled=true): the server uses development keys.\n"
				+ "  Folder: " + keys.directory() + " (" + what + ")\n"
				+ "  Development CA '" + DevModeKeys.CA_NAME + "' (" + keys.caCertFile().getFileName() + ", expires "
				+ keys.caCertificate().getExpiresAt() + "), served at " + DevModeController.PATH + ";\n"
				+ "  server certificate for " + String.join(", ",
						CertAuthority.namesWithIps(keys.certificate().getNames(), keys.certificate().getIps()))
				+ " (key " + keys.certificate().getPublicKeyFingerprint() + ").\n"
				+ "  Clients that fetch this CA from the server trust on first use: for development only.\n"
				+ "  For production, switch it off and configure sws.server.key-pair and sws.server.certificate.\n"
				+ line;
	}

}
