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

	/**
	 * Returns the trust anchor that vouches for a certificate, so that the peer's identity can
	 * name its issuer (the principal of a certificate-authenticated peer does). Called after
	 * {@link #verifyServer} or {@link #verifyClient} accepted the certificate.
	 * @param cert the accepted certificate
	 * @return the self-signed CA certificate that signed it, or empty if this verifier does not
	 * know (the default)
	 */
	default Optional<NaclCert> issuer(NaclCert cert) {
		return Optional.empty();
	}

	/**
	 * Checks a server's certificate and, if it is accepted, tells which anchor vouches for it: what
	 * the handshakes call. The default calls {@link #verifyServer} then {@link #issuer};
	 * {@code TrustPolicy} does both in one pass, verifying each signature once.
	 * @param cert the server's certificate
	 * @param serverPublicKey the public key the server uses in this handshake
	 * @param host the host of the URI the client connected to
	 * @return the verdict
	 */
	default CertVerdict checkServer(NaclCert cert, byte[] serverPublicKey, String host) {
		Optional<CertRejection> rejection = verifyServer(cert, serverPublicKey, host);
		return rejection.isPresent() ? CertVerdict.of(rejection, null) : CertVerdict.accepted(issuer(cert).orElse(null));
	}

	/**
	 * Checks a client's certificate and, if it is accepted, tells which anchor vouches for it: what
	 * the handshakes call. The default calls {@link #verifyClient} then {@link #issuer};
	 * {@code TrustPolicy} does both in one pass, verifying each signature once.
	 * @param cert the client's certificate
	 * @param clientPublicKey the public key the client uses in this handshake
	 * @return the verdict
	 */
	default CertVerdict checkClient(NaclCert cert, byte[] clientPublicKey) {
		Optional<CertRejection> rejection = verifyClient(cert, clientPublicKey);
		return rejection.isPresent() ? CertVerdict.of(rejection, null) : CertVerdict.accepted(issuer(cert).orElse(null));
	}

}
