package dev.sws.cert;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import dev.sws.crypto.KeyFingerprint;
import dev.sws.internal.crypto.Ed25519;
import dev.sws.internal.json.JsArray;
import dev.sws.internal.json.JsJson;
import dev.sws.internal.json.JsNumber;
import dev.sws.internal.json.JsObject;
import dev.sws.internal.json.JsString;
import dev.sws.internal.json.JsValue;
import dev.sws.internal.json.JsonFormatException;

/**
 * A NaCl certificate in the original's format: {@code {"desc":{...},"sign":{"signature":[64]}}}.
 *
 * <p>The certificate is kept as the JSON tree it arrived as, in its own key order, so that
 * {@link #getSignedBytes()} reproduces exactly what the issuer signed: the UTF-8 of JavaScript's
 * {@code JSON.stringify(desc)} (docs/protocol/sws-v1-v2.md section 7.2). Instances are well formed
 * by construction (field types, key and signature lengths); whether they are trustworthy is for a
 * {@link TrustPolicy}. Instances are immutable.
 */
public final class NaclCert {

	/** Certificate type of a self-signed CA certificate. */
	public static final String TYPE_SELF = "self";

	/** Certificate type of a certificate signed by a CA. */
	public static final String TYPE_CA = "ca";

	private static final double MAX_SAFE_INTEGER = 9007199254740991d;

	private final JsObject root;

	private final JsObject desc;

	private final byte[] publicKey;

	private final byte[] signature;

	private NaclCert(JsObject root) {
		this.root = root;
		this.desc = requireObject(root, "desc");
		JsObject sign = requireObject(root, "sign");
		this.signature = requireBytes(sign, "signature", Ed25519.SIGNATURE_LENGTH);
		this.publicKey = requireBytes(this.desc, "publickey", 32);
		requireString(this.desc, "version");
		requireString(this.desc, "type");
		requireString(this.desc, "ca");
		JsValue tte = this.desc.get("tte").orElseThrow(() -> new CertFormatException("The cert has no desc.tte"));
		// The original's CLI computes tte as now + days * 86400000, which is fractional for some
		// values of days; such a cert is honest, so any finite time from 0 to 2^53 is accepted.
		if (!(tte instanceof JsNumber number) || !(number.value() >= 0 && number.value() <= MAX_SAFE_INTEGER)) {
			throw new CertFormatException("The cert's desc.tte is not a time in milliseconds");
		}
		for (String list : List.of("names", "ips", "macs")) {
			optionalStrings(this.desc, list);
		}
	}

	/**
	 * Parses a certificate from JSON text.
	 * @param json the text, as a cert file or a handshake trailer holds it
	 * @return the certificate
	 * @throws CertFormatException if the text is not a well-formed certificate
	 */
	public static NaclCert parse(String json) {
		try {
			return of(JsJson.parse(json));
		}
		catch (JsonFormatException ex) {
			throw new CertFormatException("The cert is not valid JSON: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Wraps a parsed JSON value as a certificate. The value is copied.
	 * @param json the value
	 * @return the certificate
	 * @throws CertFormatException if the value is not a well-formed certificate
	 */
	public static NaclCert of(JsValue json) {
		if (!(json instanceof JsObject object)) {
			throw new CertFormatException("A cert is a JSON object");
		}
		return new NaclCert(object.copy());
	}

	/**
	 * Returns the certificate as a JSON tree; a copy, in its own key order.
	 * @return the tree
	 */
	public JsObject toJsValue() {
		return this.root.copy();
	}

	/**
	 * Returns the certificate's JSON text, exactly as JavaScript would serialise it.
	 * @return compact JSON
	 */
	public String toJson() {
		return JsJson.stringify(this.root);
	}

	/**
	 * Returns the {@code desc} object (a copy, in its own key order).
	 * @return the description
	 */
	public JsObject getDesc() {
		return this.desc.copy();
	}

	/**
	 * Returns the bytes the signature covers: UTF-8 of {@code JSON.stringify(desc)}.
	 * @return the signed bytes
	 */
	public byte[] getSignedBytes() {
		return JsJson.stringify(this.desc).getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Returns the signature.
	 * @return a copy of the 64 bytes
	 */
	public byte[] getSignature() {
		return this.signature.clone();
	}

	/**
	 * Returns {@code desc.publickey}: for a {@code self} cert the CA's Ed25519 key, for a {@code ca}
	 * cert the subject's X25519 box key.
	 * @return a copy of the 32 bytes
	 */
	public byte[] getPublicKey() {
		return this.publicKey.clone();
	}

	/**
	 * Returns a printable fingerprint of {@link #getPublicKey()}.
	 * @return the fingerprint
	 */
	public String getPublicKeyFingerprint() {
		return KeyFingerprint.of(this.publicKey);
	}

	/**
	 * Returns {@code desc.version}, {@code "1.0"} for every cert the original issues.
	 * @return the version string
	 */
	public String getVersion() {
		return requireString(this.desc, "version");
	}

	/**
	 * Returns {@code desc.type}: {@value #TYPE_SELF} or {@value #TYPE_CA}.
	 * @return the type, as written
	 */
	public String getType() {
		return requireString(this.desc, "type");
	}

	/**
	 * Returns {@code desc.ca}, the name of the issuing CA.
	 * @return the CA name
	 */
	public String getCa() {
		return requireString(this.desc, "ca");
	}

	/**
	 * Returns {@code desc.tte}, the expiry time in milliseconds since the epoch, rounded up when
	 * the cert holds a fraction: the cert is valid while {@code tte() > now}, as in the original.
	 * @return the expiry in epoch milliseconds
	 */
	public long getTte() {
		return (long) Math.ceil(((JsNumber) this.desc.get("tte").orElseThrow()).value());
	}

	/**
	 * Returns the expiry as an instant.
	 * @return {@link #getTte()} as an {@link Instant}
	 */
	public Instant getExpiresAt() {
		return Instant.ofEpochMilli(getTte());
	}

	/**
	 * Returns {@code desc.names}, the domain names of the subject.
	 * @return the names, empty if absent
	 */
	public List<String> getNames() {
		return optionalStrings(this.desc, "names");
	}

	/**
	 * Returns {@code desc.ips}, the IP addresses of the subject as written.
	 * @return the addresses, empty if absent
	 */
	public List<String> getIps() {
		return optionalStrings(this.desc, "ips");
	}

	/**
	 * Returns {@code desc.macs}.
	 * @return the MAC strings, empty if absent
	 */
	public List<String> getMacs() {
		return optionalStrings(this.desc, "macs");
	}

	/**
	 * Returns {@code desc.signtime}, when the cert was signed, if present.
	 * @return epoch milliseconds
	 */
	public Optional<Long> getSignTime() {
		return this.desc.get("signtime")
			.filter(JsNumber.class::isInstance)
			.map((value) -> (long) ((JsNumber) value).value());
	}

	/**
	 * Returns {@code desc.gid}, the certificate's UUID, if present.
	 * @return the id
	 */
	public Optional<String> getGid() {
		return this.desc.get("gid").filter(JsString.class::isInstance).map((value) -> ((JsString) value).value());
	}

	private static JsObject requireObject(JsObject parent, String key) {
		if (parent.get(key).orElse(null) instanceof JsObject object) {
			return object;
		}
		throw new CertFormatException("The cert has no object '" + key + "'");
	}

	private static String requireString(JsObject parent, String key) {
		if (parent.get(key).orElse(null) instanceof JsString string) {
			return string.value();
		}
		throw new CertFormatException("The cert has no string desc." + key);
	}

	private static byte[] requireBytes(JsObject parent, String key, int length) {
		if (parent.get(key).orElse(null) instanceof JsArray array) {
			byte[] bytes = array.toBytes(length);
			if (bytes != null) {
				return bytes;
			}
		}
		throw new CertFormatException("The cert's " + key + " is not an array of " + length + " bytes");
	}

	private static List<String> optionalStrings(JsObject parent, String key) {
		JsValue value = parent.get(key).orElse(null);
		if (value == null) {
			return List.of();
		}
		if (!(value instanceof JsArray array)) {
			throw new CertFormatException("The cert's desc." + key + " is not an array of strings");
		}
		List<String> strings = new ArrayList<>(array.items().size());
		for (JsValue item : array.items()) {
			if (!(item instanceof JsString string)) {
				throw new CertFormatException("The cert's desc." + key + " is not an array of strings");
			}
			strings.add(string.value());
		}
		return Collections.unmodifiableList(strings);
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return (other instanceof NaclCert cert) && cert.toJson().equals(toJson());
	}

	@Override
	public int hashCode() {
		return toJson().hashCode();
	}

	@Override
	public String toString() {
		return "NaclCert[type=" + getType() + ", ca=" + getCa() + ", names=" + getNames() + ", ips=" + getIps() + ", expires="
				+ getExpiresAt() + ", key=" + getPublicKeyFingerprint() + "]";
	}

}
