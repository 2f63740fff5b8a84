package dev.sws.protocol;

import java.util.Optional;

import dev.sws.cert.NaclCert;
import dev.sws.crypto.KeyFingerprint;

/**
 * Who the peer is, as established by a successful handshake: its box public key, the protocol
 * version spoken and, in v2, its verified certificate (always for a server; for a client only if
 * the server required one).
 */
public final class PeerIdentity {

	private final ProtocolVersion version;

	private final byte[] publicKey;

	private final NaclCert certificate;

	/**
	 * Creates an identity.
	 * @param version the protocol version of the session
	 * @param publicKey the peer's box public key
	 * @param certificate the peer's verified certificate, or {@code null}
	 */
	public PeerIdentity(ProtocolVersion version, byte[] publicKey, NaclCert certificate) {
		this.version = version;
		this.publicKey = publicKey.clone();
		this.certificate = certificate;
	}

	/**
	 * Returns the protocol version of the session.
	 * @return the version
	 */
	public ProtocolVersion version() {
		return this.version;
	}

	/**
	 * Returns the peer's box public key.
	 * @return a copy of the 32 bytes
	 */
	public byte[] publicKey() {
		return this.publicKey.clone();
	}

	/**
	 * Returns a printable fingerprint of the peer's public key.
	 * @return the fingerprint
	 */
	public String fingerprint() {
		return KeyFingerprint.of(this.publicKey);
	}

	/**
	 * Returns the peer's verified certificate.
	 * @return the certificate, empty in v1 or when the server did not require a client certificate
	 */
	public Optional<NaclCert> certificate() {
		return Optional.ofNullable(this.certificate);
	}

	/**
	 * A name for the peer: the first name in its certificate if there is one, otherwise its key
	 * fingerprint.
	 * @return a printable name
	 */
	public String name() {
		if (this.certificate != null && !this.certificate.names().isEmpty()) {
			return this.certificate.names().get(0);
		}
		return fingerprint();
	}

	@Override
	public String toString() {
		return "PeerIdentity[" + this.version + ", key " + fingerprint()
				+ ((this.certificate != null) ? ", cert " + this.certificate : "") + "]";
	}

}
