package dev.sws.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;

import dev.sws.cert.NaclCert;
import dev.sws.crypto.KeyFingerprint;
import dev.sws.protocol.ProtocolVersion;
import dev.sws.websocket.SwsWebSocketHandlerDecoratorFactory;

/**
 * Adds an {@code sws} entry to the info endpoint: the server's public key (base64, what v1
 * clients pin) and its fingerprint, its accepted versions and its certificate's CA, names and expiry.
 */
public class SwsInfoContributor implements InfoContributor {

	private final SwsWebSocketHandlerDecoratorFactory server;

	/**
	 * Creates the contributor.
	 * @param server the SWS server
	 */
	public SwsInfoContributor(SwsWebSocketHandlerDecoratorFactory server) {
		this.server = server;
	}

	@Override
	public void contribute(Info.Builder builder) {
		Map<String, Object> sws = new LinkedHashMap<>();
		byte[] publicKey = this.server.getHandshakeSettings().getKeyPair().getPublicKey();
		sws.put("publicKey", java.util.Base64.getEncoder().encodeToString(publicKey));
		sws.put("publicKeyFingerprint", KeyFingerprint.of(publicKey));
		sws.put("versions", this.server.getHandshakeSettings()
			.getVersions()
			.stream()
			.map(ProtocolVersion::getNumber)
			.collect(Collectors.toList()));
		NaclCert certificate = this.server.getHandshakeSettings().getCertificate();
		if (certificate != null) {
			Map<String, Object> cert = new LinkedHashMap<>();
			cert.put("ca", certificate.getCa());
			cert.put("names", certificate.getNames());
			cert.put("ips", certificate.getIps());
			cert.put("expiresAt", certificate.getExpiresAt().toString());
			sws.put("certificate", cert);
		}
		builder.withDetail("sws", sws);
	}

}
