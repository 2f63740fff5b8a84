package dev.sws.protocol;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

import dev.sws.cert.NaclCert;
import dev.sws.crypto.KeyFingerprint;

/**
 * Who the peer is, as established by a successful handshake: its public key (the box key in v1
 * and v2, the Noise static key in v3), the protocol version spoken and, in v2 and v3, its verified
 * certificate and the trust anchor that signed it. A v2 server always has a certificate; a v3
 * server has one when the client verified it by certificate rather than by a pinned key; a client
 * has one only if the server required it. A v3 client without a certificate may use a fresh key
 * per connection, so its key then identifies nothing.
 */
public final class PeerIdentity {

	/** The prefix of {@link #getPrincipalName()} for a peer authenticated by a certificate. */
	public static final String CERT_PRINCIPAL_PREFIX = "sws-cert:";

	/** The prefix of {@link #getPrincipalName()} for a peer known by its key only. */
	public static final String KEY_PRINCIPAL_PREFIX = "sws-key:";

	private final ProtocolVersion version;

	private final byte[] publicKey;

	private final @Nullable NaclCert certificate;

	private final @Nullable NaclCert issuer;

	/**
	 * Creates an identity whose certificate's issuer is not known.
	 * @param version the protocol version of the session
	 * @param publicKey the peer's box public key (v1/v2) or Noise static key (v3)
	 * @param certificate the peer's verified certificate, or {@code null}
	 */
	public PeerIdentity(ProtocolVersion version, byte[] publicKey, @Nullable NaclCert certificate) {
		this(version, publicKey, certificate, null);
	}

	/**
	 * Creates an identity.
	 * @param version the protocol version of the session
	 * @param publicKey the peer's box public key (v1/v2) or Noise static key (v3)
	 * @param certificate the peer's verified certificate, or {@code null}
	 * @param issuer the trust anchor (self-signed CA certificate) that signed the certificate, or
	 * {@code null} if there is no certificate or the verifier does not say
	 */
	public PeerIdentity(ProtocolVersion version, byte[] publicKey, @Nullable NaclCert certificate,
			@Nullable NaclCert issuer) {
		this.version = version;
		this.publicKey = publicKey.clone();
		this.certificate = certificate;
		this.issuer = (certificate != null) ? issuer : null;
	}

	/**
	 * Returns the protocol version of the session.
	 * @return the version
	 */
	public ProtocolVersion getVersion() {
		return this.version;
	}

	/**
	 * Returns the peer's public key: its box key (v1/v2) or its Noise static key (v3).
	 * @return a copy of the 32 bytes
	 */
	public byte[] getPublicKey() {
		return this.publicKey.clone();
	}

	/**
	 * Returns a printable fingerprint of the peer's public key.
	 * @return the fingerprint
	 */
	public String getFingerprint() {
		return KeyFingerprint.of(this.publicKey);
	}

	/**
	 * Returns the peer's verified certificate.
	 * @return the certificate, empty in v1, when the server did not require a client certificate,
	 * or when a v3 client authenticated the server by a pinned key
	 */
	public Optional<NaclCert> getCertificate() {
		return Optional.ofNullable(this.certificate);
	}

	/**
	 * Returns the trust anchor that signed the peer's certificate.
	 * @return the CA certificate, empty without a certificate or when the verifier does not say
	 */
	public Optional<NaclCert> getIssuer() {
		return Optional.ofNullable(this.issuer);
	}

	/**
	 * A name for the peer, for display: the first name in its certificate if there is one,
	 * otherwise its key fingerprint. Not unique: any trusted CA may issue a certificate with any
	 * name; use {@link #getPrincipalName()} to tell peers apart.
	 * @return a printable name
	 */
	public String getName() {
		if (this.certificate != null && !this.certificate.getNames().isEmpty()) {
			return this.certificate.getNames().get(0);
		}
		return getFingerprint();
	}

	/**
	 * A name that identifies the peer and cannot be mistaken for another kind of principal:
	 * <ul>
	 * <li>{@code sws-cert:<CA fingerprint>/<name>} for a peer with a certificate that names at
	 * least one name and whose issuer is known: the fingerprint of the signing CA's key (the one
	 * {@code ./sws-cert inspect} shows for the CA cert), then the certificate's first name, taken
	 * as it is;</li>
	 * <li>{@code sws-key:<key fingerprint>} otherwise: the fingerprint of the peer's box public
	 * key.</li>
	 * </ul>
	 * A fingerprint is always 39 characters ({@link KeyFingerprint#of}), so the name starts at a
	 * fixed position whatever it contains ({@code /}, {@code :}): two peers share a principal name
	 * only if the same CA key vouched for the same name, or they hold the same key. The name is
	 * scoped by its CA because any trusted CA may vouch for any name; a certificate named
	 * {@code admin} is not the HTTP user {@code admin}.
	 * @return the principal name
	 */
	public String getPrincipalName() {
		if (this.issuer != null && this.certificate != null && !this.certificate.getNames().isEmpty()) {
			return CERT_PRINCIPAL_PREFIX + this.issuer.getPublicKeyFingerprint() + "/" + this.certificate.getNames().get(0);
		}
		return KEY_PRINCIPAL_PREFIX + getFingerprint();
	}

	@Override
	public String toString() {
		return "PeerIdentity[" + this.version + ", key " + getFingerprint()
				+ ((this.certificate != null) ? ", cert " + this.certificate : "") + "]";
	}

}
