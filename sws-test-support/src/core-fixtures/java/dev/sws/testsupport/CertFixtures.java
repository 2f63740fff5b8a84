package dev.sws.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import tools.jackson.databind.JsonNode;

import dev.sws.cert.CertAuthority;
import dev.sws.cert.CertFiles;
import dev.sws.cert.NaclCert;
import dev.sws.crypto.BoxKeyPair;
import dev.sws.crypto.Ed25519KeyPair;
import dev.sws.crypto.RandomSource;
import dev.sws.internal.json.JsArray;
import dev.sws.internal.json.JsJson;
import dev.sws.internal.json.JsNumber;
import dev.sws.internal.json.JsObject;
import dev.sws.internal.json.JsString;

/**
 * Certificates for the cert tests: the recorded vectors, the original's test CA, a CA that
 * issues on a fixed clock, and hand-made certificates the issuing API would refuse to produce.
 */
public final class CertFixtures {

	/** 2023-11-14T22:13:20Z, the {@code signtime} of the deterministic vector. */
	public static final Instant VECTOR_TIME = Instant.ofEpochMilli(1700000000000L);

	/** The deterministic vector's CA name. */
	public static final String VECTOR_CA = "vector-ca.test";

	private static final JsonNode NACL_CERT = Vectors.section("nacl_cert");

	/** The order L of the Ed25519 base point. */
	private static final BigInteger ED25519_ORDER = BigInteger.TWO.pow(252)
		.add(new BigInteger("27742317777372353535851937790883648493"));

	private CertFixtures() {
	}

	/**
	 * Returns a clock fixed at an instant.
	 * @param instant the time
	 * @return the clock
	 */
	public static Clock clockAt(Instant instant) {
		return Clock.fixed(instant, ZoneOffset.UTC);
	}

	/**
	 * Returns the {@code nacl_cert} vector section.
	 * @return the node
	 */
	public static JsonNode vectors() {
		return NACL_CERT;
	}

	/**
	 * Reads a certificate held in a vector node.
	 * @param node the node
	 * @return the certificate
	 */
	public static NaclCert cert(JsonNode node) {
		return NaclCert.parse(node.toString());
	}

	/**
	 * Returns the published iwebpp.com root CA of nacl-cert@1.0.4.
	 * @return the certificate
	 */
	public static NaclCert publishedRoot() {
		return cert(NACL_CERT.get("rootCACert_published_1_0_4").get("cert"));
	}

	/**
	 * Returns the deterministic vector's CA certificate.
	 * @return the certificate
	 */
	public static NaclCert vectorCa() {
		return cert(NACL_CERT.get("deterministic").get("ca_cert"));
	}

	/**
	 * Returns the deterministic vector's leaf certificate.
	 * @return the certificate
	 */
	public static NaclCert vectorLeaf() {
		return cert(NACL_CERT.get("deterministic").get("cert"));
	}

	/**
	 * Returns the deterministic vector's CA signing key pair.
	 * @return the key pair
	 */
	public static Ed25519KeyPair vectorCaKeys() {
		return Ed25519KeyPair.fromSecretKey(Vectors.hex(NACL_CERT.get("deterministic"), "ca_sign_secret_key_hex"));
	}

	/**
	 * Returns the deterministic vector's box key pair (the leaf's subject).
	 * @return the key pair
	 */
	public static BoxKeyPair vectorBoxKeys() {
		JsonNode node = NACL_CERT.get("deterministic");
		return BoxKeyPair.of(Vectors.hex(node, "box_public_key_hex"), Vectors.hex(node, "box_secret_key_hex"));
	}

	/**
	 * Returns the vector CA as an authority that issues at {@code now}.
	 * @param now the issuing clock's time
	 * @return the CA
	 */
	public static CertAuthority vectorAuthority(Instant now) {
		return CertAuthority.of(vectorCa(), vectorCaKeys(), clockAt(now), RandomSource.secure());
	}

	/**
	 * Returns a classpath resource as text.
	 * @param name the resource, for example {@code /cert/testCA-ca-key.json}
	 * @return the text
	 */
	public static String resource(String name) {
		try (InputStream in = CertFixtures.class.getResourceAsStream(name)) {
			if (in == null) {
				throw new IllegalArgumentException("No resource " + name);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Returns the original's {@code testCA} (nacl-cert@1.0.4), which expired on 2024-11-23 and
	 * ships with its secret key.
	 * @param now the issuing clock's time
	 * @return the CA
	 */
	public static CertAuthority testCa(Instant now) {
		return CertFiles.parseCertAuthority(resource("/cert/testCA-ca-key.json"), clockAt(now), RandomSource.secure());
	}

	/**
	 * Signs an arbitrary desc, for certificates the issuing API refuses to make.
	 * @param desc the description, in the order to sign
	 * @param keys the signing key pair
	 * @return the certificate
	 */
	public static NaclCert sign(JsObject desc, Ed25519KeyPair keys) {
		byte[] signature = keys.sign(JsJson.stringify(desc).getBytes(StandardCharsets.UTF_8));
		return NaclCert.of(new JsObject().put("desc", desc)
			.put("sign", new JsObject().put("signature", JsArray.ofBytes(signature))));
	}

	/**
	 * Returns the vector leaf's desc with changes, re-signed by the vector CA.
	 * @param change what to change
	 * @return the certificate
	 */
	public static NaclCert resignedLeaf(Consumer<JsObject> change) {
		JsObject desc = vectorLeaf().getDesc();
		change.accept(desc);
		return sign(desc, vectorCaKeys());
	}

	/**
	 * Returns a certificate with its desc changed but the original signature kept.
	 * @param cert the certificate
	 * @param change what to change
	 * @return the tampered certificate
	 */
	public static NaclCert tampered(NaclCert cert, Consumer<JsObject> change) {
		JsObject root = cert.toJsValue();
		JsObject desc = (JsObject) root.get("desc").orElseThrow();
		change.accept(desc);
		return NaclCert.of(root);
	}

	/**
	 * Builds the W1 forgery of docs/protocol/sws-v1-v2.md: a self-signed cert with
	 * {@code publickey = [1,0,...,0]}, the Ed25519 identity point, and the signature
	 * {@code (R = [s]B, S = s)} that verifies for any message under that key in tweetnacl. Its
	 * publickey is also a low-order X25519 point, so the box key derived from it is a public constant.
	 * @param names the names the forger claims
	 * @return the forged certificate
	 */
	public static NaclCert forgedSelfSigned(List<String> names) {
		byte[] identity = new byte[32];
		identity[0] = 1;
		JsObject desc = new JsObject().put("version", new JsString("1.0"))
			.put("type", new JsString("self"))
			.put("ca", new JsString("evil.test"))
			.put("tte", new JsNumber(4102444800000L))
			.put("publickey", JsArray.ofBytes(identity))
			.put("names", JsArray.ofStrings(names))
			.put("ips", JsArray.ofStrings(List.of("127.0.0.1")));
		byte[] seed = new byte[32];
		Arrays.fill(seed, (byte) 7);
		byte[] r = Ed25519KeyPair.fromSeed(seed).getPublicKey();
		byte[] s = littleEndian(clampedScalar(seed).mod(ED25519_ORDER));
		byte[] signature = new byte[64];
		System.arraycopy(r, 0, signature, 0, 32);
		System.arraycopy(s, 0, signature, 32, 32);
		return NaclCert.of(new JsObject().put("desc", desc)
			.put("sign", new JsObject().put("signature", JsArray.ofBytes(signature))));
	}

	/** The secret scalar behind an Ed25519 seed's public key (RFC 8032 section 5.1.5). */
	private static BigInteger clampedScalar(byte[] seed) {
		byte[] hash;
		try {
			hash = MessageDigest.getInstance("SHA-512").digest(seed);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
		byte[] scalar = Arrays.copyOf(hash, 32);
		scalar[0] &= (byte) 248;
		scalar[31] &= 127;
		scalar[31] |= 64;
		byte[] bigEndian = new byte[32];
		for (int i = 0; i < 32; i++) {
			bigEndian[i] = scalar[31 - i];
		}
		return new BigInteger(1, bigEndian);
	}

	private static byte[] littleEndian(BigInteger value) {
		byte[] bigEndian = value.toByteArray();
		byte[] out = new byte[32];
		for (int i = 0; i < Math.min(32, bigEndian.length); i++) {
			out[i] = bigEndian[bigEndian.length - 1 - i];
		}
		return out;
	}

}
