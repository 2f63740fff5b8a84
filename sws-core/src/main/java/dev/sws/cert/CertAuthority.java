package dev.sws.cert;

import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import dev.sws.crypto.BoxPublicKeys;
import dev.sws.crypto.Ed25519KeyPair;
import dev.sws.crypto.RandomSource;
import dev.sws.internal.crypto.Ed25519;
import dev.sws.internal.json.JsArray;
import dev.sws.internal.json.JsJson;
import dev.sws.internal.json.JsNumber;
import dev.sws.internal.json.JsObject;
import dev.sws.internal.json.JsString;

/**
 * A NaCl certificate authority: an Ed25519 key pair and its self-signed CA certificate, able to
 * issue certificates for box public keys. Certificates come out exactly as the original's
 * {@code generateCA} and {@code generate} would write them (docs/protocol/sws-v1-v2.md sections 7.2
 * and 7.6), so that JavaScript peers accept them:
 * <ul>
 * <li>a CA cert's desc has the keys {@code version,type,ca,tte,publickey,signtime,gid};</li>
 * <li>an issued cert's desc has {@code version,type,tte,publickey,names,ips}, then {@code macs} if
 * any, then {@code ca,signtime,gid}, the order the original's command-line tool produces;</li>
 * <li>the signature is Ed25519 over the UTF-8 of JavaScript's {@code JSON.stringify(desc)};
 * {@code gid} is a random UUID version 4 and {@code signtime} the clock's time in
 * milliseconds.</li>
 * </ul>
 * Instances are immutable. {@link #toString()} never shows the secret key.
 */
public final class CertAuthority {

	private static final String VERSION = "1.0";

	private static final int UUID_LENGTH = 16;

	private final NaclCert certificate;

	private final Ed25519KeyPair keyPair;

	private final Clock clock;

	private final RandomSource random;

	private CertAuthority(NaclCert certificate, Ed25519KeyPair keyPair, Clock clock, RandomSource random) {
		this.certificate = certificate;
		this.keyPair = keyPair;
		this.clock = clock;
		this.random = random;
	}

	/**
	 * Generates a new CA: a fresh Ed25519 key pair and its self-signed certificate.
	 * @param name the CA's name, for example {@code example.com}
	 * @param expiresAt when the CA certificate expires; every cert it issues expires no later
	 * @param clock the clock for {@code signtime}, and later for issuing
	 * @param random the source of the key pair and of {@code gid}s
	 * @return the CA
	 * @throws IllegalArgumentException if the name is empty, holds control characters or is not
	 * ASCII, or the expiry is not in the future
	 */
	public static CertAuthority generate(String name, Instant expiresAt, Clock clock, RandomSource random) {
		if (name.isBlank() || hasControlOrSpace(name)) {
			throw new IllegalArgumentException("A CA name must be non-empty and hold no spaces or control characters");
		}
		requireAscii("A CA name", name);
		requireFuture(expiresAt, clock);
		Ed25519KeyPair keyPair = Ed25519KeyPair.generate(random);
		JsObject desc = new JsObject().put("version", new JsString(VERSION))
			.put("type", new JsString(NaclCert.TYPE_SELF))
			.put("ca", new JsString(name))
			.put("tte", new JsNumber(expiresAt.toEpochMilli()))
			.put("publickey", JsArray.ofBytes(keyPair.getPublicKey()));
		return new CertAuthority(sign(desc, keyPair, clock, random), keyPair, clock, random);
	}

	/**
	 * Rebuilds a CA from its certificate and key pair, as a CA key file holds them.
	 * @param certificate the self-signed CA certificate
	 * @param keyPair the CA's Ed25519 key pair
	 * @param clock the clock for issuing
	 * @param random the source of {@code gid}s
	 * @return the CA
	 * @throws IllegalArgumentException if the certificate is not a self-signed CA certificate, its
	 * self-signature does not verify or its key is not the key pair's
	 */
	public static CertAuthority of(NaclCert certificate, Ed25519KeyPair keyPair, Clock clock, RandomSource random) {
		if (!AsciiCase.equalsIgnoreCase(certificate.getType(), NaclCert.TYPE_SELF) || !VERSION.equals(certificate.getVersion())) {
			throw new IllegalArgumentException("The CA cert is not a version 1.0 self-signed cert");
		}
		if (!Arrays.equals(certificate.getPublicKey(), keyPair.getPublicKey())) {
			throw new IllegalArgumentException("The CA cert's public key does not belong to the CA secret key");
		}
		if (!Ed25519.verify(certificate.getPublicKey(), certificate.getSignedBytes(), certificate.getSignature())) {
			throw new IllegalArgumentException("The CA cert's self-signature does not verify");
		}
		return new CertAuthority(certificate, keyPair, clock, random);
	}

	/**
	 * Rebuilds a CA using the UTC system clock and the secure random source.
	 * @param certificate the self-signed CA certificate
	 * @param keyPair the CA's Ed25519 key pair
	 * @return the CA
	 * @see #of(NaclCert, Ed25519KeyPair, Clock, RandomSource)
	 */
	public static CertAuthority of(NaclCert certificate, Ed25519KeyPair keyPair) {
		return of(certificate, keyPair, Clock.systemUTC(), RandomSource.secure());
	}

	/**
	 * Returns the self-signed CA certificate, the trust anchor peers configure.
	 * @return the certificate
	 */
	public NaclCert getCertificate() {
		return this.certificate;
	}

	/**
	 * Returns the CA's name, {@code desc.ca} of its certificate.
	 * @return the name
	 */
	public String getName() {
		return this.certificate.getCa();
	}

	/**
	 * Returns when the CA certificate expires.
	 * @return the expiry
	 */
	public Instant getExpiresAt() {
		return this.certificate.getExpiresAt();
	}

	/**
	 * Returns a copy of the CA's 64-byte Ed25519 secret key, for writing a CA key file. Handle with
	 * care.
	 * @return a copy of the secret key
	 */
	public byte[] exportSecretKey() {
		return this.keyPair.exportSecretKey();
	}

	/**
	 * Issues a certificate for a box public key.
	 * @param boxPublicKey the subject's X25519 box public key
	 * @param names the subject's DNS names; a name may start with a {@code *.} label
	 * @param ips the subject's IP literals
	 * @param expiresAt when the certificate expires, no later than the CA
	 * @return the signed certificate
	 * @throws IllegalArgumentException if an argument is unacceptable or the CA has expired
	 * @see #issue(byte[], List, List, List, Instant)
	 */
	public NaclCert issue(byte[] boxPublicKey, List<String> names, List<String> ips, Instant expiresAt) {
		return issue(boxPublicKey, names, ips, List.of(), expiresAt);
	}

	/**
	 * Issues a certificate for a box public key, with MAC addresses (which no SWS peer checks).
	 * @param boxPublicKey the subject's X25519 box public key: 32 bytes, not all-zero or of low
	 * order
	 * @param names the subject's DNS names: ASCII (an internationalised name as its A-label,
	 * {@code xn--...}), no spaces, commas or control characters, and a {@code *} only as a whole
	 * leftmost label ({@code *.example.com})
	 * @param ips the subject's IP literals (dotted-quad IPv4 or IPv6), kept as written
	 * @param macs MAC address strings, left out of the cert when empty
	 * @param expiresAt when the certificate expires: in the future, no later than the CA
	 * @return the signed certificate
	 * @throws IllegalArgumentException if an argument is unacceptable or the CA has expired; at
	 * least one name or IP is required
	 */
	public NaclCert issue(byte[] boxPublicKey, List<String> names, List<String> ips, List<String> macs,
			Instant expiresAt) {
		if (this.certificate.getTte() <= this.clock.millis()) {
			throw new IllegalArgumentException(
					"The CA " + TrustPolicy.quote(getName()) + " expired at " + getExpiresAt() + "; generate a new CA");
		}
		requireFuture(expiresAt, this.clock);
		if (expiresAt.toEpochMilli() > this.certificate.getTte()) {
			throw new IllegalArgumentException(
					"The cert would expire at " + expiresAt + ", after its CA (" + getExpiresAt() + ")");
		}
		if (!BoxPublicKeys.isAcceptable(boxPublicKey)) {
			throw new IllegalArgumentException("The box public key is not 32 bytes, or is all-zero or of low order");
		}
		if (names.isEmpty() && ips.isEmpty()) {
			throw new IllegalArgumentException("A cert needs at least one name or IP address");
		}
		names.forEach(CertAuthority::requireName);
		for (String ip : ips) {
			if (!IpLiteral.isLiteral(ip)) {
				throw new IllegalArgumentException("Not an IP address literal: " + TrustPolicy.quote(ip));
			}
		}
		for (String mac : macs) {
			if (mac.isEmpty() || hasControlOrSpace(mac)) {
				throw new IllegalArgumentException("Not a MAC address: " + TrustPolicy.quote(mac));
			}
		}
		JsObject desc = new JsObject().put("version", new JsString(VERSION))
			.put("type", new JsString(NaclCert.TYPE_CA))
			.put("tte", new JsNumber(expiresAt.toEpochMilli()))
			.put("publickey", JsArray.ofBytes(boxPublicKey))
			.put("names", JsArray.ofStrings(names))
			.put("ips", JsArray.ofStrings(ips));
		if (!macs.isEmpty()) {
			desc.put("macs", JsArray.ofStrings(macs));
		}
		desc.put("ca", new JsString(getName()));
		return sign(desc, this.keyPair, this.clock, this.random);
	}

	/**
	 * Returns the names followed by each IP literal not already among them, for a certificate that
	 * the original's browser build must accept when it connects to an IP address: having no peer
	 * address, it matches only {@code names} against the URL's host. SWS peers here ignore an IP
	 * literal among the names ({@link HostMatcher} matches an IP host against {@code ips} only),
	 * so listing it there widens nothing for them.
	 * @param names the DNS names
	 * @param ips the IP literals, also to go in {@code ips}
	 * @return the names for such a certificate
	 */
	public static List<String> namesWithIps(List<String> names, List<String> ips) {
		List<String> all = new ArrayList<>(names);
		ips.stream().filter((ip) -> !all.contains(ip)).forEach(all::add);
		return List.copyOf(all);
	}

	private static NaclCert sign(JsObject desc, Ed25519KeyPair keyPair, Clock clock, RandomSource random) {
		desc.put("signtime", new JsNumber(clock.millis())).put("gid", new JsString(uuidV4(random)));
		byte[] signature = keyPair.sign(JsJson.stringify(desc).getBytes(StandardCharsets.UTF_8));
		JsObject sign = new JsObject().put("signature", JsArray.ofBytes(signature));
		return NaclCert.of(new JsObject().put("desc", desc).put("sign", sign));
	}

	/**
	 * A random UUID in the form {@code node-uuid}'s {@code v4()} writes: lowercase hex, version
	 * nibble 4, variant bits {@code 10}.
	 */
	private static String uuidV4(RandomSource random) {
		byte[] bytes = random.bytes(UUID_LENGTH);
		bytes[6] = (byte) ((bytes[6] & 0x0f) | 0x40);
		bytes[8] = (byte) ((bytes[8] & 0x3f) | 0x80);
		String hex = HexFormat.of().formatHex(bytes);
		return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
				+ hex.substring(16, 20) + "-" + hex.substring(20);
	}

	private static void requireName(String name) {
		if (name.isEmpty() || hasControlOrSpace(name) || name.indexOf(',') >= 0) {
			throw new IllegalArgumentException(
					"A cert name must be non-empty, without spaces, commas or control characters: "
							+ TrustPolicy.quote(name));
		}
		requireAscii("A cert name", name);
		if (name.indexOf('*') >= 0 && !HostMatcher.isWildcard(name)) {
			throw new IllegalArgumentException("A '*' is allowed only as the whole leftmost label of a name with "
					+ "at least two more labels (*.example.com): " + TrustPolicy.quote(name));
		}
	}

	/**
	 * Refuses a non-ASCII name, suggesting its A-label: peers compare names ignoring ASCII case
	 * only, and browsers put A-labels in a URL's host.
	 */
	private static void requireAscii(String what, String name) {
		if (AsciiCase.isAscii(name)) {
			return;
		}
		String aLabel;
		try {
			aLabel = IDN.toASCII(name);
		}
		catch (IllegalArgumentException ex) {
			aLabel = null;
		}
		String suggestion = (aLabel != null && AsciiCase.isAscii(aLabel)) ? ", here " + TrustPolicy.quote(aLabel)
				: " (xn--...)";
		throw new IllegalArgumentException(what + " must be ASCII: write an internationalised name as its A-label"
				+ suggestion + ", not " + TrustPolicy.quote(name));
	}

	private static boolean hasControlOrSpace(String text) {
		return text.chars().anyMatch((c) -> Character.isISOControl(c) || Character.isWhitespace(c)
				|| Character.isSpaceChar(c) || c == '\u2028' || c == '\u2029');
	}

	private static void requireFuture(Instant expiresAt, Clock clock) {
		if (expiresAt.toEpochMilli() <= clock.millis()) {
			throw new IllegalArgumentException("The expiry " + expiresAt + " is not in the future");
		}
	}

	@Override
	public String toString() {
		return "CertAuthority[" + getName() + ", expires " + getExpiresAt() + ", key " + this.certificate.getPublicKeyFingerprint()
				+ ", secret hidden]";
	}

}
