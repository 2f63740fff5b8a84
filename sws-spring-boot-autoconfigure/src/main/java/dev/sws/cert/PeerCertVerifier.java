package dev.sws.cert;

import java.util.Optional;

/**
 * Decides whether a peer's certificate is acceptable during an SWS v2 handshake. The handshake
 * state machines call it; {@code TrustPolicy} is the implementation backed by configured trust
 * anchors.
 */
public interface PeerCertVerifier {

	/**
	 * Checks the certificate a server presented, on the client side.
	 * @param cert the server's certificate
	 * @param serverPublicKey the box public key the server uses in this handshake
	 * @param host the host of the URI the client connected to (a DNS name or an IP literal)
	 * @return empty if acceptable, otherwise why not
	 */
	Optional<CertRejection> verifyServer(NaclCert cert, byte[] serverPublicKey, String host);

	/**
	 * Checks the certificate a client presented, on the server side.
	 * @param cert the client's certificate
	 * @param clientPublicKey the box public key the client uses in this handshake
	 * @return empty if acceptable, otherwise why not
	 */
	Optional<CertRejection> verifyClient(NaclCert cert, byte[] clientPublicKey);

}
