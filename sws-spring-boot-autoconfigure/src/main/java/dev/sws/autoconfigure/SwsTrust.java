package dev.sws.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.sws.cert.NaclCert;
import dev.sws.cert.TrustPolicy;
import dev.sws.internal.json.JsString;

/**
 * Builds a {@link TrustPolicy} from a trust-anchors property, and warns when one CA is trusted
 * for both roles.
 */
final class SwsTrust {

	private static final Log logger = LogFactory.getLog(SwsTrust.class);

	private static final String GENCA = "./sws-cert genca -n <name> -d 365 --dir keys";

	private static final String SERVER_ANCHORS = "sws.server.trust-anchors";

	private static final String CLIENT_ANCHORS = "sws.client.trust-anchors";

	private SwsTrust() {
	}

	static @Nullable TrustPolicy policy(String property, List<String> values, SwsKeyMaterial material, Clock clock,
			Duration clockSkew) {
		List<String> anchors = SwsKeyMaterial.rejoinSplitJson(values);
		if (anchors.isEmpty()) {
			return null;
		}
		TrustPolicy.Builder builder = TrustPolicy.builder().clock(clock).clockSkew(clockSkew);
		for (int i = 0; i < anchors.size(); i++) {
			String indexed = property + "[" + i + "]";
			NaclCert anchor = material.certificate(indexed, anchors.get(i), GENCA);
			TrustPolicy.checkTrustAnchor(anchor, clock, clockSkew).ifPresent((rejection) -> {
				throw new SwsConfigurationException(indexed, "not a usable trust anchor: " + rejection,
						"Use a valid, unexpired self-signed CA certificate (the <name>-ca-cert.json made by '" + GENCA + "')");
			});
			try {
				builder.trustAnchor(anchor);
			}
			catch (IllegalArgumentException ex) {
				throw new SwsConfigurationException(indexed, "not a usable trust anchor: " + ex.getMessage(),
						"Use a valid self-signed CA certificate (the <name>-ca-cert.json made by '" + GENCA + "')", ex);
			}
		}
		try {
			return builder.build();
		}
		catch (IllegalArgumentException | IllegalStateException ex) {
			throw new SwsConfigurationException(property, String.valueOf(ex.getMessage()),
					"Use valid self-signed CA certificates (made by '" + GENCA + "')", ex);
		}
	}

	/**
	 * Logs one warning when a CA that signs client certificates for the server also signs server
	 * certificates for the client: a client certificate that names a server's host would then be
	 * accepted by the client as that server's certificate. Anchors are compared by their public
	 * signing keys; the warning names the CAs by their key fingerprints only.
	 * @param properties the properties
	 * @param material reads the anchors
	 */
	static void warnIfOneCaServesBothRoles(SwsProperties properties, SwsKeyMaterial material) {
		if (!properties.getServer().isEnabled()) {
			return;
		}
		List<NaclCert> serverAnchors = anchors(SERVER_ANCHORS, properties.getServer().getTrustAnchors(), material);
		List<String> shared = new ArrayList<>();
		for (NaclCert anchor : anchors(CLIENT_ANCHORS, properties.getClient().getTrustAnchors(), material)) {
			String described = new JsString(anchor.getCa()).toJson() + " (key " + anchor.getPublicKeyFingerprint() + ")";
			if (serverAnchors.stream().anyMatch((other) -> Arrays.equals(other.getPublicKey(), anchor.getPublicKey()))
					&& !shared.contains(described)) {
				shared.add(described);
			}
		}
		if (!shared.isEmpty()) {
			logger.warn(SERVER_ANCHORS + " and " + CLIENT_ANCHORS + " trust the same CA " + String.join(", ", shared)
					+ ": a client certificate it signs that names a server's host would be accepted by this application's "
					+ "SWS client as that server. Use one CA for client certificates and another for server certificates.");
		}
	}

	private static List<NaclCert> anchors(String property, List<String> values, SwsKeyMaterial material) {
		List<String> whole = SwsKeyMaterial.rejoinSplitJson(values);
		List<NaclCert> anchors = new ArrayList<>();
		for (int i = 0; i < whole.size(); i++) {
			anchors.add(material.certificate(property + "[" + i + "]", whole.get(i), GENCA));
		}
		return anchors;
	}

}
