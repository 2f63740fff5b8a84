package dev.sws.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import dev.sws.cert.NaclCert;
import dev.sws.cert.TrustPolicy;

/**
 * Builds a {@link TrustPolicy} from a trust-anchors property.
 */
final class SwsTrust {

	private static final String GENCA = "./sws-cert genca -n <name> -d 365 --dir keys";

	private SwsTrust() {
	}

	static TrustPolicy policy(String property, List<String> anchors, SwsKeyMaterial material, Clock clock,
			Duration clockSkew) {
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
			throw new SwsConfigurationException(property, ex.getMessage(),
					"Use valid self-signed CA certificates (made by '" + GENCA + "')", ex);
		}
	}

}
