package dev.sws.security;

import java.time.Instant;
import java.util.List;

import dev.sws.cert.NaclCert;
import dev.sws.crypto.BoxKeyPair;
import dev.sws.crypto.RandomSource;
import dev.sws.protocol.PeerIdentity;
import dev.sws.protocol.ProtocolVersion;
import dev.sws.testsupport.TestPki;

/**
 * Peers as a server handshake establishes them: with a certificate from a test CA, or with a key
 * only.
 */
public final class TestPeers {

	/** The CA of {@link #withCertificate}. */
	public static final TestPki PKI = TestPki.create("peers.sws.test");

	/** Another CA. */
	public static final TestPki OTHER = TestPki.create("other.sws.test");

	private TestPeers() {
	}

	/**
	 * A v2 peer with a certificate issued by a CA.
	 * @param pki the CA
	 * @param names the certificate's names
	 * @return the peer
	 */
	public static PeerIdentity withCertificate(TestPki pki, String... names) {
		BoxKeyPair keys = BoxKeyPair.generate(RandomSource.secure());
		NaclCert cert = pki.ca.issue(keys.getPublicKey(), List.of(names), List.of(), Instant.now().plusSeconds(3600));
		return new PeerIdentity(ProtocolVersion.V2, keys.getPublicKey(), cert, pki.ca.getCertificate());
	}

	/**
	 * A v1 peer known by its key only.
	 * @return the peer
	 */
	public static PeerIdentity withKeyOnly() {
		return new PeerIdentity(ProtocolVersion.V1, BoxKeyPair.generate(RandomSource.secure()).getPublicKey(), null);
	}

}
