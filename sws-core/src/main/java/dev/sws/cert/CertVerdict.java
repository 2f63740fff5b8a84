package dev.sws.cert;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * What checking a peer's certificate concluded, in one pass: accepted, with the trust anchor that
 * vouches for it (when the verifier knows it), or refused, with why.
 *
 * @param rejection why the certificate is refused, empty if it is accepted
 * @param issuer the trust anchor that signed an accepted certificate, if known
 */
public record CertVerdict(Optional<CertRejection> rejection, Optional<NaclCert> issuer) {

	/**
	 * An accepted certificate.
	 * @param issuer the anchor that signed it, or {@code null} if not known
	 * @return the verdict
	 */
	public static CertVerdict accepted(@Nullable NaclCert issuer) {
		return new CertVerdict(Optional.empty(), Optional.ofNullable(issuer));
	}

	/**
	 * The verdict of a check that may have refused the certificate.
	 * @param rejection why it is refused, or empty
	 * @param issuer the anchor that signed it when accepted, or {@code null}
	 * @return the verdict
	 */
	static CertVerdict of(Optional<CertRejection> rejection, @Nullable NaclCert issuer) {
		return rejection.isPresent() ? new CertVerdict(rejection, Optional.empty()) : accepted(issuer);
	}

	/**
	 * Tells whether the certificate is accepted.
	 * @return {@code true} if there is no rejection
	 */
	public boolean isAccepted() {
		return this.rejection.isEmpty();
	}

}
