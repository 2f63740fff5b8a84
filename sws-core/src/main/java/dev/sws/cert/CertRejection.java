package dev.sws.cert;

/**
 * A certificate refusal: the reason and a one-line explanation that contains no key material.
 *
 * @param reason why the certificate was refused
 * @param detail a human-readable explanation
 */
public record CertRejection(CertRejectionReason reason, String detail) {

	@Override
	public String toString() {
		return this.reason.getTag() + ": " + this.detail;
	}

}
