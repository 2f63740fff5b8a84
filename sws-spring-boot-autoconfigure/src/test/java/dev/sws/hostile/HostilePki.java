package dev.sws.hostile;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.sws.cert.NaclCert;
import dev.sws.crypto.Ed25519KeyPair;
import dev.sws.crypto.RandomSource;
import dev.sws.internal.json.JsArray;
import dev.sws.internal.json.JsNumber;
import dev.sws.internal.json.JsString;
import dev.sws.testsupport.CertFixtures;
import dev.sws.testsupport.TestPki;

/**
 * The certificates of the hostile-peer tests: the trusted PKI the servers and the legitimate
 * clients use, an untrusted one, and forgeries that the issuing API refuses to make (signed by
 * hand).
 */
final class HostilePki {

	/** The CA every honest peer trusts; its server cert names {@code localhost} and {@code 127.0.0.1}. */
	static final TestPki TRUSTED = TestPki.create("hostile.sws.test");

	/** A CA nobody trusts. */
	static final TestPki UNTRUSTED = TestPki.create("untrusted.sws.test");

	private static final Instant EXPIRY = Instant.now().plus(Duration.ofDays(30));

	private HostilePki() {
	}

	/** A trusted cert for {@code key}, naming the loopback address. */
	static NaclCert trustedFor(byte[] key) {
		return TRUSTED.ca.issue(key, List.of("localhost"), List.of("127.0.0.1"), EXPIRY);
	}

	/** A cert for {@code key} from a CA that is not trusted. */
	static NaclCert untrustedFor(byte[] key) {
		return UNTRUSTED.ca.issue(key, List.of("localhost"), List.of("127.0.0.1"), EXPIRY);
	}

	/** A trusted cert for {@code key} naming only other hosts. */
	static NaclCert elsewhereFor(byte[] key) {
		return TRUSTED.ca.issue(key, List.of("example.org"), List.of("192.0.2.1"), EXPIRY);
	}

	/** A cert for {@code key}, signed by the trusted CA, that expired yesterday. */
	static NaclCert expiredFor(byte[] key) {
		var desc = trustedFor(key).getDesc();
		desc.put("tte", new JsNumber(Instant.now().minus(Duration.ofDays(1)).toEpochMilli()));
		return CertFixtures.sign(desc, Ed25519KeyPair.fromSecretKey(TRUSTED.ca.exportSecretKey()));
	}

	/** A trusted cert for {@code key} whose names were changed after signing. */
	static NaclCert tamperedFor(byte[] key) {
		return CertFixtures.tampered(trustedFor(key),
				(desc) -> desc.put("names", JsArray.ofStrings(List.of("localhost", "attacker.test"))));
	}

	/**
	 * The W1 forgery of docs/protocol/sws-v1-v2.md: a self-signed cert with
	 * {@code publickey = [1,0,...,0]} and a signature that the original's tweetnacl accepts for any
	 * message.
	 */
	static NaclCert w1Forgery() {
		return CertFixtures.forgedSelfSigned(List.of("localhost"));
	}

	/** A self-signed ({@code type "self"}) cert for a box key, signed by a key of its own. */
	static NaclCert selfSignedFor(byte[] key) {
		var desc = trustedFor(key).getDesc();
		desc.put("type", new JsString(NaclCert.TYPE_SELF));
		return CertFixtures.sign(desc, Ed25519KeyPair.generate(RandomSource.secure()));
	}

}
