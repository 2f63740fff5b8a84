package dev.sws.cert;

import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;

import org.jspecify.annotations.Nullable;

import dev.sws.crypto.BoxPublicKeys;
import dev.sws.internal.crypto.Ed25519;
import dev.sws.internal.json.JsString;

/**
 * The certificates a peer may present: those signed by one of the configured trust anchors
 * (self-signed CA certificates), unexpired, for the key the peer uses in the handshake and, on the
 * client, for the host it connected to. Immutable and thread-safe; build one with
 * {@link #builder()}.
 *
 * <p>Stricter than the original's {@code validate()} (docs/protocol/sws-v1-v2.md section 7.3, W1),
 * while accepting every honest certificate it issues. The checks run in this order, and the first
 * failure is the reason reported:
 * <ol>
 * <li>{@link CertRejectionReason#MALFORMED MALFORMED}: {@code version} is not {@code "1.0"}, or
 * {@code type} is neither {@code "ca"} nor {@code "self"} (compared ignoring ASCII case, as the
 * original's {@code toLowerCase()} does for these words). Field types and the 32-byte key and 64-byte signature lengths are already guaranteed by
 * {@link NaclCert}.</li>
 * <li>{@link CertRejectionReason#WEAK_KEY WEAK_KEY}: {@code publickey} is all-zero or of low order,
 * such as the {@code [1,0,...,0]} key of the W1 forgery.</li>
 * <li>{@link CertRejectionReason#UNTRUSTED_ISSUER UNTRUSTED_ISSUER}: the cert is self-signed
 * ({@code type "self"}). The original accepts any self-signed cert whatever CA it was given; a peer
 * here must present a CA-signed cert.</li>
 * <li>{@link CertRejectionReason#UNTRUSTED_ISSUER UNTRUSTED_ISSUER}: no trust anchor has the cert's
 * {@code ca} name (compared ignoring the case of ASCII letters only).</li>
 * <li>{@link CertRejectionReason#BAD_SIGNATURE BAD_SIGNATURE}: no anchor of that name verifies the
 * signature over JavaScript's {@code JSON.stringify(desc)}. Several anchors may share a name while
 * a CA is rotated; each is tried.</li>
 * <li>{@link CertRejectionReason#EXPIRED EXPIRED}: the cert, or the anchor that signed it, expired:
 * {@code tte + clockSkew <= now}.</li>
 * <li>{@link CertRejectionReason#UNTRUSTED_ISSUER UNTRUSTED_ISSUER}: the cert outlives the anchor
 * that signed it ({@code tte} later than the anchor's). The original refuses such certs too; the
 * anchor does not vouch for the cert past its own lifetime, so this is an issuer problem rather
 * than a malformed cert.</li>
 * <li>{@link CertRejectionReason#KEY_MISMATCH KEY_MISMATCH} (handshake only): {@code publickey} is
 * not the peer's box public key.</li>
 * <li>{@link CertRejectionReason#HOST_MISMATCH HOST_MISMATCH} (client side only): the cert does not
 * cover the host, see {@link HostMatcher}.</li>
 * </ol>
 * Checking the signature before the expiry means that a forged cert is reported as forged, even
 * when it is also expired. Details never contain key material.
 */
public final class TrustPolicy implements PeerCertVerifier {

	/** The clock skew allowed by default when checking expiry. */
	public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(60);

	private static final String VERSION = "1.0";

	private static final int MAX_QUOTED_LENGTH = 64;

	/** How many names or ips of a certificate a refusal quotes. */
	private static final int MAX_QUOTED_ITEMS = 10;

	private final List<NaclCert> trustAnchors;

	private final Clock clock;

	private final Duration clockSkew;

	private TrustPolicy(Builder builder) {
		this.trustAnchors = List.copyOf(builder.trustAnchors);
		this.clock = builder.clock;
		this.clockSkew = builder.clockSkew;
	}

	/**
	 * Starts building a policy.
	 * @return a builder with the UTC system clock and {@link #DEFAULT_CLOCK_SKEW}
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Checks whether a certificate may serve as a trust anchor: a well-formed, unexpired,
	 * self-signed CA certificate whose signature verifies with its own key. The published
	 * {@code iwebpp.com} root of nacl-cert@1.0.4 passes; its expired {@code testCA} is refused with
	 * {@link CertRejectionReason#EXPIRED}.
	 * @param anchor the candidate
	 * @param clock the clock that decides expiry
	 * @param clockSkew the allowed clock skew
	 * @return empty if it may serve as an anchor, otherwise why not
	 */
	public static Optional<CertRejection> checkTrustAnchor(NaclCert anchor, Clock clock, Duration clockSkew) {
		Optional<CertRejection> malformed = checkForm(anchor);
		if (malformed.isPresent()) {
			return malformed;
		}
		if (!isSelfSigned(anchor)) {
			return reject(CertRejectionReason.UNTRUSTED_ISSUER,
					"The CA cert " + quote(anchor.getCa()) + " is not self-signed (type " + quote(anchor.getType()) + ")");
		}
		if (!Ed25519.verify(anchor.getPublicKey(), anchor.getSignedBytes(), anchor.getSignature())) {
			return reject(CertRejectionReason.BAD_SIGNATURE,
					"The self-signature of the CA cert " + quote(anchor.getCa()) + " does not verify");
		}
		if (isExpired(anchor, clock, clockSkew)) {
			return reject(CertRejectionReason.EXPIRED,
					"The CA cert " + quote(anchor.getCa()) + " expired at " + anchor.getExpiresAt());
		}
		return Optional.empty();
	}

	/**
	 * Returns the trust anchors, in the order they were added.
	 * @return an unmodifiable list
	 */
	public List<NaclCert> getTrustAnchors() {
		return this.trustAnchors;
	}

	/**
	 * Returns the clock that decides expiry.
	 * @return the clock
	 */
	public Clock getClock() {
		return this.clock;
	}

	/**
	 * Returns the clock skew allowed when checking expiry.
	 * @return the skew
	 */
	public Duration getClockSkew() {
		return this.clockSkew;
	}

	/**
	 * Checks that a certificate is a well-formed, CA-signed certificate from one of the trust
	 * anchors, unexpired and not outliving its CA; the key and host are not looked at.
	 * @param cert the certificate
	 * @return empty if trusted, otherwise why not
	 */
	public Optional<CertRejection> validate(NaclCert cert) {
		return check(cert).rejection();
	}

	/**
	 * Returns the trust anchor that vouches for a certificate: the first anchor, in the order they
	 * were added, whose name is the cert's CA, whose key verifies its signature and whose lifetime
	 * covers it. While a CA is rotated, this tells which of the anchors of one name signed it.
	 * @param cert the certificate
	 * @return the anchor, or empty if the certificate is not valid (see {@link #validate})
	 */
	@Override
	public Optional<NaclCert> issuer(NaclCert cert) {
		return Optional.ofNullable(check(cert).issuer());
	}

	private Verdict check(NaclCert cert) {
		Optional<CertRejection> malformed = checkForm(cert);
		if (malformed.isPresent()) {
			return Verdict.of(malformed);
		}
		if (!BoxPublicKeys.isAcceptable(cert.getPublicKey())) {
			return Verdict.of(reject(CertRejectionReason.WEAK_KEY, "The cert's public key is all-zero or of low order"));
		}
		if (isSelfSigned(cert)) {
			return Verdict.of(reject(CertRejectionReason.UNTRUSTED_ISSUER,
					"The cert is self-signed; a peer must present a cert signed by a trusted CA"));
		}
		List<NaclCert> issuers = verifyingAnchors(cert);
		if (issuers == null) {
			return Verdict.of(reject(CertRejectionReason.UNTRUSTED_ISSUER,
					"The cert's CA " + quote(cert.getCa()) + " is not a trust anchor"));
		}
		if (issuers.isEmpty()) {
			return Verdict.of(reject(CertRejectionReason.BAD_SIGNATURE,
					"The cert's signature does not verify with the key of CA " + quote(cert.getCa())));
		}
		if (isExpired(cert, this.clock, this.clockSkew)) {
			return Verdict.of(reject(CertRejectionReason.EXPIRED, "The cert expired at " + cert.getExpiresAt()));
		}
		Optional<CertRejection> first = Optional.empty();
		for (NaclCert issuer : issuers) {
			Optional<CertRejection> rejection = checkIssuerLifetime(cert, issuer);
			if (rejection.isEmpty()) {
				return new Verdict(rejection, issuer);
			}
			first = first.or(() -> rejection);
		}
		return Verdict.of(first);
	}

	/**
	 * Checks a server's certificate on the client: {@link #validate(NaclCert)}, then the key, then
	 * the host.
	 * @param cert the server's certificate
	 * @param serverPublicKey the box public key the server uses in this handshake
	 * @param host the host of the URI the client connected to (a DNS name or an IP literal)
	 * @return empty if acceptable, otherwise why not
	 */
	@Override
	public Optional<CertRejection> verifyServer(NaclCert cert, byte[] serverPublicKey, @Nullable String host) {
		return checkServer(cert, serverPublicKey, host).rejection();
	}

	/**
	 * Checks a client's certificate on the server: {@link #validate(NaclCert)}, then the key. The
	 * client's IP address is not compared with the cert's {@code ips}, unlike the original: behind
	 * proxies, load balancers and NAT the server does not see the client's own address, and the
	 * original's plain string comparison fails even for {@code ::ffff:127.0.0.1} against
	 * {@code 127.0.0.1} (docs/protocol/sws-v1-v2.md W9). The CA signature over the client's box key
	 * is what authenticates the client.
	 * @param cert the client's certificate
	 * @param clientPublicKey the box public key the client uses in this handshake
	 * @return empty if acceptable, otherwise why not
	 */
	@Override
	public Optional<CertRejection> verifyClient(NaclCert cert, byte[] clientPublicKey) {
		return checkClient(cert, clientPublicKey).rejection();
	}

	/**
	 * {@link #verifyServer} and {@link #issuer} in one pass: each signature is verified once.
	 */
	@Override
	public CertVerdict checkServer(NaclCert cert, byte[] serverPublicKey, @Nullable String host) {
		Verdict verdict = checkKey(cert, serverPublicKey);
		if (verdict.rejection().isEmpty() && !HostMatcher.matches(cert, host)) {
			return CertVerdict.of(reject(CertRejectionReason.HOST_MISMATCH, "The cert does not cover host "
					+ quote(String.valueOf(host)) + "; it covers names " + quoteList(cert.getNames()) + " and ips "
					+ quoteList(cert.getIps())), null);
		}
		return CertVerdict.of(verdict.rejection(), verdict.issuer());
	}

	/**
	 * {@link #verifyClient} and {@link #issuer} in one pass: each signature is verified once.
	 */
	@Override
	public CertVerdict checkClient(NaclCert cert, byte[] clientPublicKey) {
		Verdict verdict = checkKey(cert, clientPublicKey);
		return CertVerdict.of(verdict.rejection(), verdict.issuer());
	}

	private Verdict checkKey(NaclCert cert, byte[] peerPublicKey) {
		Verdict verdict = check(cert);
		if (verdict.rejection().isPresent()) {
			return verdict;
		}
		if (!MessageDigest.isEqual(cert.getPublicKey(), peerPublicKey)) {
			return Verdict.of(reject(CertRejectionReason.KEY_MISMATCH, "The cert's public key is not the peer's handshake key"));
		}
		return verdict;
	}

	/**
	 * Returns the anchors named like the cert's CA whose key verifies its signature: {@code null}
	 * when no anchor has that name, empty when none of them verifies.
	 */
	private @Nullable List<NaclCert> verifyingAnchors(NaclCert cert) {
		List<NaclCert> verifying = null;
		byte[] signedBytes = null; // made once, and only when an anchor has the cert's CA name
		for (NaclCert anchor : this.trustAnchors) {
			if (AsciiCase.equalsIgnoreCase(anchor.getCa(), cert.getCa())) {
				if (verifying == null) {
					verifying = new ArrayList<>(1);
				}
				if (signedBytes == null) {
					signedBytes = cert.getSignedBytes();
				}
				if (Ed25519.verify(anchor.getPublicKey(), signedBytes, cert.getSignature())) {
					verifying.add(anchor);
				}
			}
		}
		return verifying;
	}

	private Optional<CertRejection> checkIssuerLifetime(NaclCert cert, NaclCert issuer) {
		if (isExpired(issuer, this.clock, this.clockSkew)) {
			return reject(CertRejectionReason.EXPIRED,
					"The cert's CA " + quote(issuer.getCa()) + " expired at " + issuer.getExpiresAt());
		}
		if (cert.getTte() > issuer.getTte()) {
			return reject(CertRejectionReason.UNTRUSTED_ISSUER, "The cert expires at " + cert.getExpiresAt()
					+ ", after its CA " + quote(issuer.getCa()) + " (" + issuer.getExpiresAt() + ")");
		}
		return Optional.empty();
	}

	private static Optional<CertRejection> checkForm(NaclCert cert) {
		if (!VERSION.equals(cert.getVersion())) {
			return reject(CertRejectionReason.MALFORMED, "The cert's version is " + quote(cert.getVersion()) + ", not \"1.0\"");
		}
		String type = cert.getType();
		if (!AsciiCase.equalsIgnoreCase(type, NaclCert.TYPE_CA)
				&& !AsciiCase.equalsIgnoreCase(type, NaclCert.TYPE_SELF)) {
			return reject(CertRejectionReason.MALFORMED, "The cert's type is " + quote(type) + ", not \"ca\" or \"self\"");
		}
		return Optional.empty();
	}

	private static boolean isSelfSigned(NaclCert cert) {
		return AsciiCase.equalsIgnoreCase(cert.getType(), NaclCert.TYPE_SELF);
	}

	private static boolean isExpired(NaclCert cert, Clock clock, Duration clockSkew) {
		long now = clock.millis();
		long skew = clockSkew.toMillis();
		return cert.getTte() <= now - skew;
	}

	private static Optional<CertRejection> reject(CertRejectionReason reason, String detail) {
		return Optional.of(new CertRejection(reason, detail));
	}

	/**
	 * Quotes text taken from a certificate for a one-line log: JSON string escaping (no control
	 * characters survive), at most {@value #MAX_QUOTED_LENGTH} characters.
	 */
	/**
	 * Quotes the first {@value #MAX_QUOTED_ITEMS} items of a list, saying how many more there are.
	 */
	static String quoteList(List<String> items) {
		StringJoiner joined = new StringJoiner(", ", "[", "]");
		items.stream().limit(MAX_QUOTED_ITEMS).map(TrustPolicy::quote).forEach(joined::add);
		if (items.size() > MAX_QUOTED_ITEMS) {
			joined.add("and " + (items.size() - MAX_QUOTED_ITEMS) + " more");
		}
		return joined.toString();
	}

	static String quote(String text) {
		String shortened = (text.length() > MAX_QUOTED_LENGTH) ? text.substring(0, MAX_QUOTED_LENGTH) + "..." : text;
		String json = new JsString(shortened).toJson();
		return json.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
	}

	/**
	 * The outcome of {@link #check}: why the certificate is refused, or the anchor that vouches for
	 * it.
	 */
	private record Verdict(Optional<CertRejection> rejection, @Nullable NaclCert issuer) {

		static Verdict of(Optional<CertRejection> rejection) {
			return new Verdict(rejection, null);
		}

	}

	/**
	 * Builds a {@link TrustPolicy}.
	 */
	public static final class Builder {

		private final List<NaclCert> trustAnchors = new ArrayList<>();

		private Clock clock = Clock.systemUTC();

		private Duration clockSkew = DEFAULT_CLOCK_SKEW;

		private Builder() {
		}

		/**
		 * Adds a trust anchor: a self-signed CA certificate. Add the old and the new CA while
		 * rotating; they may share a name.
		 * @param anchor the CA certificate
		 * @return this builder
		 */
		public Builder trustAnchor(NaclCert anchor) {
			this.trustAnchors.add(anchor);
			return this;
		}

		/**
		 * Adds trust anchors.
		 * @param anchors the CA certificates
		 * @return this builder
		 */
		public Builder trustAnchors(Collection<NaclCert> anchors) {
			this.trustAnchors.addAll(anchors);
			return this;
		}

		/**
		 * Sets the clock that decides expiry.
		 * @param clock the clock, {@link Clock#systemUTC()} by default
		 * @return this builder
		 */
		public Builder clock(Clock clock) {
			this.clock = clock;
			return this;
		}

		/**
		 * Sets how far the peers' clocks may disagree: a cert counts as expired only once
		 * {@code tte + clockSkew <= now}.
		 * @param clockSkew a non-negative duration of at most one day, {@link #DEFAULT_CLOCK_SKEW}
		 * by default
		 * @return this builder
		 */
		public Builder clockSkew(Duration clockSkew) {
			if (clockSkew.isNegative() || clockSkew.compareTo(Duration.ofDays(1)) > 0) {
				throw new IllegalArgumentException("The clock skew must be between 0 and 1 day, not " + clockSkew);
			}
			this.clockSkew = clockSkew;
			return this;
		}

		/**
		 * Builds the policy, checking every anchor with {@link TrustPolicy#checkTrustAnchor}.
		 * @return the policy
		 * @throws IllegalArgumentException if there is no anchor, or an anchor is not a valid,
		 * unexpired, self-signed CA certificate
		 */
		public TrustPolicy build() {
			if (this.trustAnchors.isEmpty()) {
				throw new IllegalArgumentException("A trust policy needs at least one trust anchor (a CA cert)");
			}
			for (NaclCert anchor : this.trustAnchors) {
				checkTrustAnchor(anchor, this.clock, this.clockSkew).ifPresent((rejection) -> {
					throw new IllegalArgumentException("Not a usable trust anchor: " + rejection);
				});
			}
			return new TrustPolicy(this);
		}

	}

}
