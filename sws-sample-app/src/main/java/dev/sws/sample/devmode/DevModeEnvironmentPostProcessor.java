package dev.sws.sample.devmode;

import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.commons.logging.Log;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import dev.sws.cert.CertAuthority;
import dev.sws.cert.CertFileException;
import dev.sws.crypto.RandomSource;

/**
 * Zero-configuration development mode: when no {@code sws.server.key-pair} is configured (and
 * {@code sample.dev-mode.enabled} is not {@code false}), prepares the {@link DevModeKeys} in
 * {@code sample.dev-mode.directory} ({@code .sws-dev} in the working directory by default), points
 * {@code sws.server.key-pair} and {@code sws.server.certificate} at them, and tells the page to
 * trust the development CA. It runs after the application's own configuration is loaded, and
 * anything configured explicitly wins.
 */
public class DevModeEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/** Set to {@code true} by this processor when development mode is on. */
	public static final String ACTIVE_PROPERTY = "sample.dev-mode.active";

	/** Set by this processor to the development CA's certificate file. */
	public static final String CA_CERTIFICATE_PROPERTY = "sample.dev-mode.ca-certificate";

	private static final String PROPERTY_SOURCE = "sampleDevMode";

	private final Log log;

	/**
	 * Creates the processor.
	 * @param logFactory Boot's factory for logs written before logging is set up
	 */
	public DevModeEnvironmentPostProcessor(DeferredLogFactory logFactory) {
		this.log = logFactory.getLog(DevModeEnvironmentPostProcessor.class);
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Binder binder = Binder.get(environment);
		if (!binder.bind("sample.dev-mode.enabled", Boolean.class).orElse(true)
				|| binder.bind("sws.server.key-pair", String.class).isBound()) {
			return;
		}
		Path directory = Path.of(binder.bind("sample.dev-mode.directory", String.class).orElse(".sws-dev"))
			.toAbsolutePath()
			.normalize();
		DevModeKeys keys;
		try {
			keys = DevModeKeys.prepare(directory, Clock.systemUTC(), RandomSource.secure());
		}
		catch (CertFileException ex) {
			throw new IllegalStateException("SWS development mode could not prepare its keys: " + ex.getMessage()
					+ ". Set sample.dev-mode.directory to a writable folder of your own, or configure sws.server.key-pair "
					+ "and sws.server.certificate", ex);
		}
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("sws.server.key-pair", "file:" + keys.keyPairFile());
		properties.put("sws.server.certificate", "file:" + keys.certificateFile());
		properties.put(ACTIVE_PROPERTY, "true");
		properties.put(CA_CERTIFICATE_PROPERTY, "file:" + keys.caCertFile());
		properties.put("sample.page.trust-anchors", "file:" + keys.caCertFile());
		environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE, properties));
		keys.warnings().forEach(this.log::warn);
		this.log.warn(banner(keys));
	}

	private static String banner(DevModeKeys keys) {
		String line = "*".repeat(100);
		String what = keys.created().isEmpty() ? "reused" : "created " + String.join(", ", keys.created());
		return "\n" + line + "\n"
				+ "  SWS DEVELOPMENT MODE: no sws.server.key-pair is configured, so the sample uses development keys.\n"
				+ "  Folder: " + keys.directory() + " (" + what + ")\n"
				+ "  Development CA '" + DevModeKeys.CA_NAME + "' (" + keys.caCertFile().getFileName() + ", expires "
				+ keys.caCertificate().expiresAt() + ");\n"
				+ "  server certificate for " + String.join(", ", CertAuthority.namesWithIps(keys.certificate().names(),
						keys.certificate().ips()))
				+ " (key " + keys.certificate().publicKeyFingerprint()
				+ ").\n"
				+ "  The chat page fetches this CA from the app: trust on first use, for development only.\n"
				+ "  For production, configure sws.server.key-pair and sws.server.certificate (see application.yml).\n"
				+ line;
	}

}
