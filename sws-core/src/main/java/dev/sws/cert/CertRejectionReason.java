package dev.sws.cert;

/**
 * Why a certificate was refused. Each reason becomes a close code, a metric tag and a log line.
 */
public enum CertRejectionReason {

	/** The certificate is not well formed: bad JSON, missing or mistyped fields, wrong lengths. */
	MALFORMED("malformed"),

	/** The certificate, or the CA certificate that signed it, has expired. */
	EXPIRED("expired"),

	/** The certificate is self-signed, not signed by a configured trust anchor, or outlives its CA. */
	UNTRUSTED_ISSUER("untrusted-issuer"),

	/** The signature does not verify. */
	BAD_SIGNATURE("bad-signature"),

	/** The certificate's public key is not the key the peer uses in the handshake. */
	KEY_MISMATCH("key-mismatch"),

	/** The certificate's public key is all-zero or of low order. */
	WEAK_KEY("weak-key"),

	/** The certificate does not name the host the client connected to. */
	HOST_MISMATCH("host-mismatch");

	private final String tag;

	CertRejectionReason(String tag) {
		this.tag = tag;
	}

	/**
	 * Returns the short lowercase name used in metric tags and log lines.
	 * @return the tag
	 */
	public String getTag() {
		return this.tag;
	}

}
