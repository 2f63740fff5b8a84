package dev.sws.hostile;

import java.net.URI;
import java.util.List;

import dev.sws.cert.TrustPolicy;
import dev.sws.crypto.BoxKeyPair;
import dev.sws.crypto.RandomSource;
import dev.sws.protocol.ClientHandshakeSettings;
import dev.sws.protocol.ProtocolVersion;

/**
 * Our client on one web stack, as the client conformance test drives it: it connects to a
 * (hostile) server with a recording application, and shows it still works with a genuine server.
 * Its v1 client pins the trusted server key, its v2 client trusts the trusted CA, its v3 client
 * does both; all report to the same metrics.
 */
interface ClientUnderTest {

	/**
	 * Starts a connection.
	 * @param version the protocol version of the client to connect with (1, 2 or 3)
	 * @param url the server's URL
	 * @return the attempt, under way
	 */
	ClientAttempt connect(int version, URI url);

	/**
	 * Asserts that a session this client opened with the genuine server before the attacks still
	 * echoes {@code message}, and that a new session opens and echoes.
	 * @param genuine the genuine server's URL
	 * @param message the message to echo
	 */
	void assertStillWorking(URI genuine, String message) throws Exception;

	/** The handshake settings of the client of {@code version}, with a key pair of its own. */
	static ClientHandshakeSettings.Builder handshake(int version) {
		BoxKeyPair keys = BoxKeyPair.generate(RandomSource.secure());
		List<byte[]> pinned = List.of(HostilePki.TRUSTED.serverKeys.getPublicKey());
		TrustPolicy trust = TrustPolicy.builder().trustAnchor(HostilePki.TRUSTED.ca.getCertificate()).build();
		return switch (version) {
			case 1 -> ClientHandshakeSettings.builder(keys, ProtocolVersion.V1).pinnedServerKeys(pinned);
			case 2 -> ClientHandshakeSettings.builder(keys, ProtocolVersion.V2).serverCertVerifier(trust);
			case 3 -> ClientHandshakeSettings.builder(keys, ProtocolVersion.V3)
				.pinnedServerKeys(pinned)
				.serverCertVerifier(trust);
			default -> throw new IllegalArgumentException("No client for version " + version);
		};
	}

}
