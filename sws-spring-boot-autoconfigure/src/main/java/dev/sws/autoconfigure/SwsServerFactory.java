package dev.sws.autoconfigure;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.core.io.ResourceLoader;

import dev.sws.autoconfigure.devmode.DevModeKeys;
import dev.sws.cert.CertFileException;
import dev.sws.cert.CertFiles;
import dev.sws.cert.NaclCert;
import dev.sws.cert.TrustPolicy;
import dev.sws.crypto.BoxKeyPair;
import dev.sws.crypto.KeyFingerprint;
import dev.sws.protocol.ClientHelloReplayCache;
import dev.sws.protocol.ProtocolVersion;
import dev.sws.protocol.ServerHandshakeSettings;
import dev.sws.protocol.V3CipherSuite;
import dev.sws.websocket.SwsEventListener;
import dev.sws.websocket.SwsWebSocketHandlerDecoratorFactory;

/**
 * Builds the auto-configured {@link SwsWebSocketHandlerDecoratorFactory} from {@code sws.server.*}
 * or from development mode's keys, failing startup with an {@link SwsConfigurationException} that
 * names the property and the fix. A server without a key pair is refused rather than given an
 * ephemeral one, which would change on every start and leave clients nothing to pin or verify.
 */
final class SwsServerFactory {

	/** What to do when the server has no key pair: production keys, development mode, or no server. */
	static final String NO_KEYS_ACTION = "Give the server keys made with the key tool:\n"
			+ "        ./sws-cert genca -n my-ca -d 3650 --dir keys      (once; keep keys/my-ca-ca-key.json offline)\n"
			+ "        " + SwsKeyMaterial.GENKEYPAIR + "\n"
			+ "        ./sws-cert gencert -c keys/my-ca-ca-key.json -p keys/server-kp.json -n <host> -i <ip> -d 365 -o keys/server-cert.json\n"
			+ "    and set sws.server.key-pair=file:keys/server-kp.json and sws.server.certificate=file:keys/server-cert.json;\n"
			+ "    or, on a development machine, set sws.server.dev-mode.enabled=true for development keys made on the fly;\n"
			+ "    or, if this application only connects to SWS servers, set sws.server.enabled=false "
			+ "(or use sws-spring-boot-starter-client).";

	private final SwsProperties.Server properties;

	private final SwsKeyMaterial material;

	private final Clock clock;

	private final @Nullable DevModeKeys devMode;

	SwsServerFactory(SwsProperties.Server properties, ResourceLoader resourceLoader, Clock clock,
			@Nullable DevModeKeys devMode) {
		this.properties = properties;
		this.material = new SwsKeyMaterial(resourceLoader);
		this.clock = clock;
		this.devMode = devMode;
	}

	SwsWebSocketHandlerDecoratorFactory.Builder builder(SwsEventListener listener) {
		NaclCert certificate = certificate();
		Set<ProtocolVersion> versions = versions(certificate != null);
		BoxKeyPair keyPair = keyPair(versions);
		ServerHandshakeSettings.Builder handshake = ServerHandshakeSettings.builder(keyPair)
			.versions(versions)
			.maxMessageChars(intSize("sws.server.max-handshake-message-size",
					this.properties.getMaxHandshakeMessageSize().toBytes()))
			.replayCache(new ClientHelloReplayCache(this.properties.getReplayWindow(), this.properties.getReplayCacheSize(),
					this.clock));
		if (certificate != null) {
			checkCertificate(certificate, keyPair);
			handshake.certificate(certificate);
		}
		TrustPolicy trust = SwsTrust.policy("sws.server.trust-anchors", this.properties.getTrustAnchors(), this.material,
				this.clock, this.properties.getClockSkew());
		if (this.properties.isRequireClientCert()) {
			if (versions.contains(ProtocolVersion.V1)) {
				throw new SwsConfigurationException("sws.server.versions",
						"client certificates are required, but v1 clients cannot present one and would skip the check",
						"Set sws.server.versions=2,3 (or leave it unset: it then defaults to 2,3)");
			}
			if (trust == null) {
				throw new SwsConfigurationException("sws.server.trust-anchors",
						"client certificates are required but no trust anchor is configured",
						"Set sws.server.trust-anchors to the CA certificate that signs client certificates "
								+ "(made with './sws-cert genca -n <name> -d 365 --dir keys')");
			}
			handshake.requireClientCert(trust);
		}
		SwsV3Settings v3 = SwsV3Settings.of("sws.server.v3", this.properties.getV3());
		handshake.allowAesGcm(v3.getSuites().contains(V3CipherSuite.AESGCM_SHA256))
			.rekeyThresholds(v3.getRekeyThresholds());
		return SwsWebSocketHandlerDecoratorFactory.builder(handshake)
			.handshakeTimeout(this.properties.getHandshakeTimeout())
			.maxMessageSize(intSize("sws.server.max-message-size", this.properties.getMaxMessageSize().toBytes()))
			.inboundMode(this.properties.getInboundMessages())
			.maxOutboundBuffer(SwsServerFactory.intSize("sws.server.max-outbound-buffer",
					this.properties.getMaxOutboundBuffer().toBytes()))
			.sendTimeLimit(this.properties.getSendTimeLimit())
			.firstFrameDelay(this.properties.getFirstFrameDelay())
			.maxPendingHandshakes(this.properties.getMaxPendingHandshakes())
			.clock(this.clock)
			.listener(listener);
	}

	private Set<ProtocolVersion> versions(boolean hasCertificate) {
		List<Integer> configured = this.properties.getVersions();
		if (configured.isEmpty()) {
			if (this.properties.isRequireClientCert()) {
				// v1 clients cannot present a certificate; v2 needs the server's own certificate
				return hasCertificate ? EnumSet.of(ProtocolVersion.V2, ProtocolVersion.V3) : EnumSet.of(ProtocolVersion.V3);
			}
			return hasCertificate ? EnumSet.allOf(ProtocolVersion.class)
					: EnumSet.of(ProtocolVersion.V1, ProtocolVersion.V3);
		}
		Set<ProtocolVersion> versions = EnumSet.noneOf(ProtocolVersion.class);
		for (Integer number : configured) {
			versions.add(ProtocolVersion.of((number != null) ? number : 0)
				.orElseThrow(() -> new SwsConfigurationException("sws.server.versions",
						"unknown protocol version " + number, "Use 1, 2 and 3, or a subset such as 2,3")));
		}
		if (versions.contains(ProtocolVersion.V2) && !hasCertificate) {
			throw new SwsConfigurationException("sws.server.certificate", "SWS v2 needs a server certificate",
					"Issue one for the server key with '" + SwsKeyMaterial.GENCERT
							+ "' and set sws.server.certificate=file:keys/server-cert.json (or remove 2 from sws.server.versions)");
		}
		return versions;
	}

	private @Nullable NaclCert certificate() {
		if (this.devMode != null) {
			return this.devMode.certificate();
		}
		if (this.properties.getCertificate() == null) {
			return null;
		}
		NaclCert certificate = this.material.certificate("sws.server.certificate", this.properties.getCertificate(),
				SwsKeyMaterial.GENCERT);
		SwsKeyMaterial.refuseCaCertificate("sws.server.certificate", certificate, "sws.client.trust-anchors",
				SwsKeyMaterial.GENCERT);
		return certificate;
	}

	private BoxKeyPair keyPair(Set<ProtocolVersion> versions) {
		if (this.devMode != null) {
			try {
				return CertFiles.readBoxKeyPair(this.devMode.keyPairFile());
			}
			catch (CertFileException ex) {
				throw new SwsConfigurationException("sws.server.dev-mode.directory",
						"the development key pair cannot be read: " + ex.getMessage(),
						"Delete " + this.devMode.keyPairFile() + ": development mode then makes a new one", ex);
			}
		}
		if (this.properties.getKeyPair() != null) {
			return this.material.keyPair("sws.server.key-pair", this.properties.getKeyPair());
		}
		if (versions.contains(ProtocolVersion.V2)) {
			throw new SwsConfigurationException("sws.server.key-pair",
					"SWS v2 needs the key pair its certificate was issued for, and none is configured",
					"Set sws.server.key-pair=file:keys/server-kp.json (made with '" + SwsKeyMaterial.GENKEYPAIR + "')");
		}
		throw new SwsConfigurationException("sws.server.key-pair",
				"the SWS server has no key pair: sws.server.key-pair is not set and development mode is off",
				NO_KEYS_ACTION);
	}

	private void checkCertificate(NaclCert certificate, BoxKeyPair keyPair) {
		if (!keyPair.hasPublicKey(certificate.getPublicKey())) {
			throw new SwsConfigurationException("sws.server.certificate",
					"the certificate's public key (" + certificate.getPublicKeyFingerprint() + ") is not the server's key ("
							+ KeyFingerprint.of(keyPair.getPublicKey()) + ")",
					"Issue a certificate for the server's key with '" + SwsKeyMaterial.GENCERT
							+ "', or point sws.server.key-pair at the key it was issued for");
		}
		if (!NaclCert.TYPE_CA.equals(certificate.getType())) {
			throw new SwsConfigurationException("sws.server.certificate",
					"the certificate is of type '" + certificate.getType() + "'; clients accept only CA-signed ('ca') certificates",
					"Issue a CA-signed certificate with '" + SwsKeyMaterial.GENCERT + "'");
		}
		if (!certificate.getExpiresAt().isAfter(Instant.now(this.clock))) {
			throw new SwsConfigurationException("sws.server.certificate",
					"the certificate expired at " + certificate.getExpiresAt(),
					"Issue a new one with '" + SwsKeyMaterial.GENCERT + "'");
		}
	}

	static int intSize(String property, long bytes) {
		if (bytes < 0 || bytes > Integer.MAX_VALUE - 64) {
			throw new SwsConfigurationException(property, "size " + bytes + " is out of range",
					"Use a size between 0 and 2GB");
		}
		return (int) bytes;
	}

}
