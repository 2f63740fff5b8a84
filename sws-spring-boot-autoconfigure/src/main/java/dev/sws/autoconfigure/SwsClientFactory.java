package dev.sws.autoconfigure;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.springframework.core.io.ResourceLoader;

import dev.sws.cert.NaclCert;
import dev.sws.cert.TrustPolicy;
import dev.sws.crypto.BoxKeyPair;
import dev.sws.crypto.BoxPublicKeys;
import dev.sws.crypto.KeyFingerprint;
import dev.sws.protocol.ClientHandshakeSettings;
import dev.sws.protocol.ProtocolVersion;
import dev.sws.websocket.SwsEventListener;
import dev.sws.websocket.SwsWebSocketClient;

/**
 * Builds the auto-configured {@link SwsWebSocketClient} from {@code sws.client.*}, failing startup
 * with an {@link SwsConfigurationException} that names the property and the fix.
 */
final class SwsClientFactory {

	private final SwsProperties.Client properties;

	private final SwsKeyMaterial material;

	private final Clock clock;

	SwsClientFactory(SwsProperties.Client properties, ResourceLoader resourceLoader, Clock clock) {
		this.properties = properties;
		this.material = new SwsKeyMaterial(resourceLoader);
		this.clock = clock;
	}

	SwsWebSocketClient.Builder builder(SwsEventListener listener) {
		ProtocolVersion version = ProtocolVersion.of(this.properties.getVersion())
			.orElseThrow(() -> new SwsConfigurationException("sws.client.version",
					"unknown protocol version " + this.properties.getVersion(), "Use 1, 2 or 3"));
		// without a key pair of its own, each connection uses a fresh one that identifies nothing
		BoxKeyPair keyPair = (this.properties.getKeyPair() != null)
				? this.material.keyPair("sws.client.key-pair", this.properties.getKeyPair()) : null;
		SwsV3Settings v3 = SwsV3Settings.of("sws.client.v3", this.properties.getV3());
		ClientHandshakeSettings.Builder handshake = ((keyPair != null) ? ClientHandshakeSettings.builder(keyPair, version)
				: ClientHandshakeSettings.builder(version))
			.pinnedServerKeys(pins())
			.v3Suites(v3.getSuites())
			.rekeyThresholds(v3.getRekeyThresholds());
		TrustPolicy trust = SwsTrust.policy("sws.client.trust-anchors", this.properties.getTrustAnchors(), this.material,
				this.clock, this.properties.getClockSkew());
		if (trust != null) {
			handshake.serverCertVerifier(trust);
		}
		else if (version == ProtocolVersion.V2) {
			throw new SwsConfigurationException("sws.client.trust-anchors",
					"an SWS v2 client needs trust anchors to verify server certificates",
					"Set sws.client.trust-anchors to the CA certificate that signed the server's certificate");
		}
		if (this.properties.isInsecureAcceptAnyServerKey()) {
			handshake.insecureAcceptAnyServerKey();
		}
		else if (version == ProtocolVersion.V1 && this.properties.getPinnedServerKeys().isEmpty()) {
			throw new SwsConfigurationException("sws.client.pinned-server-keys",
					"an SWS v1 client must pin the server's public key, since v1 does not authenticate servers",
					"Set sws.client.pinned-server-keys to the server's public key (base64, see the server's "
							+ "/actuator/info or './sws-cert inspect'), or use version 2 with trust anchors");
		}
		if (this.properties.getCertificate() != null) {
			NaclCert certificate = this.material.certificate("sws.client.certificate", this.properties.getCertificate(),
					SwsKeyMaterial.GENCERT);
			SwsKeyMaterial.refuseCaCertificate("sws.client.certificate", certificate, "sws.server.trust-anchors",
					"./sws-cert gencert");
			if (keyPair == null) {
				throw new SwsConfigurationException("sws.client.key-pair",
						"a client certificate needs the key pair it was issued for, and none is configured",
						"Set sws.client.key-pair to the key the certificate in sws.client.certificate was issued for");
			}
			if (!keyPair.hasPublicKey(certificate.getPublicKey())) {
				throw new SwsConfigurationException("sws.client.certificate",
						"the certificate's public key (" + certificate.getPublicKeyFingerprint() + ") is not the client's key ("
								+ KeyFingerprint.of(keyPair.getPublicKey()) + ")",
						"Issue a certificate for the key in sws.client.key-pair with './sws-cert gencert'");
			}
			handshake.certificate(certificate);
		}
		return SwsWebSocketClient.builder(handshake)
			.handshakeTimeout(this.properties.getHandshakeTimeout())
			.maxMessageSize(SwsServerFactory.intSize("sws.client.max-message-size",
					this.properties.getMaxMessageSize().toBytes()))
			.inboundMode(this.properties.getInboundMessages())
			.maxOutboundBuffer(SwsServerFactory.intSize("sws.client.max-outbound-buffer",
					this.properties.getMaxOutboundBuffer().toBytes()))
			.sendTimeLimit(this.properties.getSendTimeLimit())
			.clock(this.clock)
			.listener(listener);
	}

	private List<byte[]> pins() {
		List<byte[]> pins = new ArrayList<>();
		List<String> configured = this.properties.getPinnedServerKeys();
		for (int i = 0; i < configured.size(); i++) {
			if (configured.get(i).isBlank()) {
				throw SwsEmptyValues.empty("sws.client.pinned-server-keys[" + i + "]");
			}
			byte[] key;
			try {
				key = Base64.getDecoder().decode(configured.get(i).trim());
			}
			catch (IllegalArgumentException ex) {
				key = null;
			}
			if (key == null || !BoxPublicKeys.isAcceptable(key)) {
				throw new SwsConfigurationException("sws.client.pinned-server-keys[" + i + "]",
						"not the base64 of a valid 32-byte box public key",
						"Copy the server's publicKey from its /actuator/info, or from './sws-cert inspect'");
			}
			pins.add(key);
		}
		return pins;
	}

}
