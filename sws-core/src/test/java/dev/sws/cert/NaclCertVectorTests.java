package dev.sws.cert;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.sws.crypto.Ed25519KeyPair;
import dev.sws.crypto.RandomSource;
import dev.sws.internal.crypto.Ed25519;
import dev.sws.internal.json.JsJson;
import dev.sws.internal.json.JsNumber;
import dev.sws.internal.json.JsObject;
import dev.sws.internal.json.JsValue;
import dev.sws.testsupport.CertFixtures;
import dev.sws.testsupport.ScriptedRandom;
import dev.sws.testsupport.Vectors;

import static dev.sws.testsupport.CertFixtures.VECTOR_TIME;
import static dev.sws.testsupport.CertFixtures.clockAt;
import static dev.sws.testsupport.Vectors.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The {@code nacl_cert} vectors: the published root, the deterministic CA and leaf produced by the
 * original's {@code generate()}, and its negative cases.
 */
class NaclCertVectorTests {

	private static final JsonNode DETERMINISTIC = CertFixtures.vectors().get("deterministic");

	private final TrustPolicy policy = TrustPolicy.builder()
		.trustAnchor(CertFixtures.vectorCa())
		.clock(clockAt(VECTOR_TIME))
		.build();

	@Test
	void publishedRootSignsItsJsonStringifyAndIsATrustAnchor() {
		JsonNode vector = CertFixtures.vectors().get("rootCACert_published_1_0_4");
		NaclCert root = CertFixtures.publishedRoot();
		assertThat(vector.get("valid_per_original").asBoolean()).isTrue();
		assertThat(new String(root.getSignedBytes(), StandardCharsets.UTF_8))
			.isEqualTo(vector.get("signed_string").asString());
		assertThat(Ed25519.verify(root.getPublicKey(), root.getSignedBytes(), root.getSignature())).isTrue();
		assertThat(TrustPolicy.checkTrustAnchor(root, Clock.systemUTC(), TrustPolicy.DEFAULT_CLOCK_SKEW)).isEmpty();
		assertThat(TrustPolicy.builder().trustAnchor(root).build().getTrustAnchors()).containsExactly(root);
		assertThat(root.getExpiresAt()).isEqualTo(Instant.parse("2114-10-30T22:20:46.341Z"));
	}

	@Test
	void deterministicCaAndLeafSignExactlyWhatTheOriginalSigned() {
		NaclCert ca = CertFixtures.vectorCa();
		NaclCert leaf = CertFixtures.vectorLeaf();
		assertThat(new String(ca.getSignedBytes(), StandardCharsets.UTF_8))
			.isEqualTo(DETERMINISTIC.get("ca_cert_signed_string").asString());
		assertThat(ca.getSignature()).isEqualTo(hex(DETERMINISTIC, "ca_cert_signature_hex"));
		assertThat(new String(leaf.getSignedBytes(), StandardCharsets.UTF_8))
			.isEqualTo(DETERMINISTIC.get("cert_signed_string").asString());
		assertThat(leaf.getSignedBytes()).isEqualTo(hex(DETERMINISTIC, "cert_signed_bytes_hex"));
		assertThat(leaf.getSignature()).isEqualTo(hex(DETERMINISTIC, "cert_signature_hex"));
		assertThat(CertFixtures.vectorCaKeys().getPublicKey()).isEqualTo(hex(DETERMINISTIC, "ca_sign_public_key_hex"));
	}

	@Test
	void deterministicCertsValidateAsTheyDidInTheOriginal() {
		assertThat(DETERMINISTIC.get("validate_ca").asBoolean()).isTrue();
		assertThat(DETERMINISTIC.get("validate_cert").asBoolean()).isTrue();
		NaclCert leaf = CertFixtures.vectorLeaf();
		assertThat(this.policy.validate(leaf)).isEmpty();
		assertThat(this.policy.verifyServer(leaf, CertFixtures.vectorBoxKeys().getPublicKey(), "example.test")).isEmpty();
		assertThat(this.policy.verifyServer(leaf, CertFixtures.vectorBoxKeys().getPublicKey(), "[::1]")).isEmpty();
		assertThat(this.policy.verifyClient(leaf, CertFixtures.vectorBoxKeys().getPublicKey())).isEmpty();
	}

	@Test
	void issuingWithTheVectorsSeedTimeAndUuidReproducesItsCaAndItsLeafWithTheALabel() {
		String gid = "11111111222243338444555555555555";
		ScriptedRandom random = Vectors.random(List.of(DETERMINISTIC.get("ca_sign_seed_hex").asString(), gid, gid));
		CertAuthority authority = CertAuthority.generate(CertFixtures.VECTOR_CA, Instant.ofEpochMilli(4102444800000L),
				clockAt(VECTOR_TIME), random);
		byte[] boxKey = CertFixtures.vectorBoxKeys().getPublicKey();
		Instant expiry = Instant.ofEpochMilli(4000000000000L);
		// the vector's second name is "bücher.test": we issue ASCII names only, so its A-label instead
		assertThatIllegalArgumentException().isThrownBy(() -> authority.issue(boxKey, List.of("example.test", "bücher.test"),
				List.of("127.0.0.1", "::1"), List.of("00:11:22:33:44:55"), expiry))
			.withMessageContaining("\"xn--bcher-kva.test\"");
		NaclCert leaf = authority.issue(boxKey, List.of("example.test", "xn--bcher-kva.test"), List.of("127.0.0.1", "::1"),
				List.of("00:11:22:33:44:55"), expiry);
		assertThat(authority.getCertificate().toJson()).isEqualTo(CertFixtures.vectorCa().toJson());
		assertThat(JsJson.stringify(leaf.getDesc()))
			.isEqualTo(JsJson.stringify(CertFixtures.vectorLeaf().getDesc()).replace("bücher.test", "xn--bcher-kva.test"));
		assertThat(Ed25519.verify(authority.getCertificate().getPublicKey(), leaf.getSignedBytes(), leaf.getSignature())).isTrue();
		assertThat(authority.exportSecretKey()).isEqualTo(hex(DETERMINISTIC, "ca_sign_secret_key_hex"));
		assertThat(random.remaining()).isZero();
	}

	@Test
	void reorderedDescKeysAreRefusedAsBadSignature() {
		assertThat(DETERMINISTIC.get("negative").get("reordered_desc_keys").asBoolean()).isFalse();
		NaclCert leaf = CertFixtures.vectorLeaf();
		// node-android's NaclCert order: ca right after tte, gid before signtime
		// (docs/protocol/sws-v1-v2.md section 12).
		JsObject reordered = new JsObject();
		JsObject desc = leaf.getDesc();
		for (String key : List.of("version", "type", "tte", "ca", "publickey", "names", "ips", "macs", "gid",
				"signtime")) {
			reordered.put(key, desc.get(key).orElseThrow());
		}
		JsObject root = leaf.toJsValue();
		root.put("desc", reordered);
		NaclCert cert = NaclCert.of(root);
		assertThat(cert.getDesc()).isEqualTo(desc);
		assertReason(this.policy.validate(cert), CertRejectionReason.BAD_SIGNATURE);
	}

	@Test
	void changedTteIsRefusedAsBadSignature() {
		assertThat(DETERMINISTIC.get("negative").get("tte_changed").asBoolean()).isFalse();
		NaclCert cert = CertFixtures.tampered(CertFixtures.vectorLeaf(),
				(desc) -> desc.put("tte", new JsNumber(4000000000001L)));
		assertReason(this.policy.validate(cert), CertRejectionReason.BAD_SIGNATURE);
	}

	@Test
	void wrongCaIsRefused() {
		assertThat(DETERMINISTIC.get("negative").get("wrong_ca").asBoolean()).isFalse();
		NaclCert leaf = CertFixtures.vectorLeaf();
		TrustPolicy otherName = TrustPolicy.builder().trustAnchor(CertFixtures.publishedRoot()).build();
		assertReason(otherName.validate(leaf), CertRejectionReason.UNTRUSTED_ISSUER);
		CertAuthority impostor = CertAuthority.generate(CertFixtures.VECTOR_CA, Instant.ofEpochMilli(4102444800000L),
				clockAt(VECTOR_TIME), RandomSource.secure());
		TrustPolicy sameNameOtherKey = TrustPolicy.builder()
			.trustAnchor(impostor.getCertificate())
			.clock(clockAt(VECTOR_TIME))
			.build();
		assertReason(sameNameOtherKey.validate(leaf), CertRejectionReason.BAD_SIGNATURE);
	}

	@Test
	void expiredCertIsRefusedAsExpired() {
		NaclCert leaf = CertFixtures.vectorLeaf();
		Instant expiry = leaf.getExpiresAt();
		TrustPolicy justBefore = TrustPolicy.builder()
			.trustAnchor(CertFixtures.vectorCa())
			.clock(clockAt(expiry.plus(TrustPolicy.DEFAULT_CLOCK_SKEW).minusMillis(1)))
			.build();
		TrustPolicy atExpiryPlusSkew = TrustPolicy.builder()
			.trustAnchor(CertFixtures.vectorCa())
			.clock(clockAt(expiry.plus(TrustPolicy.DEFAULT_CLOCK_SKEW)))
			.build();
		assertThat(justBefore.validate(leaf)).isEmpty();
		Optional<CertRejection> rejection = atExpiryPlusSkew.validate(leaf);
		assertReason(rejection, CertRejectionReason.EXPIRED);
		assertThat(rejection.get().detail()).contains("2096-10-02T07:06:40Z");
	}

	@Test
	void expiredTestCaOfTheOriginalFailsWithReasonExpired() {
		NaclCert testCa = CertFixtures.testCa(VECTOR_TIME).getCertificate();
		assertThat(testCa.getExpiresAt()).isEqualTo(Instant.parse("2024-11-23T15:18:24.475Z"));
		Optional<CertRejection> rejection = TrustPolicy.checkTrustAnchor(testCa, Clock.systemUTC(), Duration.ZERO);
		assertReason(rejection, CertRejectionReason.EXPIRED);
		assertThat(rejection.get().reason().getTag()).isEqualTo("expired");
		assertThatIllegalArgumentException().isThrownBy(() -> TrustPolicy.builder().trustAnchor(testCa).build())
			.withMessageContaining("expired");
		assertThat(TrustPolicy.checkTrustAnchor(testCa, clockAt(VECTOR_TIME), Duration.ZERO)).isEmpty();
	}

	@Test
	void certsOfTheRecordedV2HandshakeAreAcceptedForTheirKeysAndHosts() {
		JsonNode run = Vectors.section("handshake_v2_requireCert");
		NaclCert ca = CertFixtures.cert(run.get("ca_cert"));
		TrustPolicy trust = TrustPolicy.builder().trustAnchor(ca).clock(clockAt(VECTOR_TIME)).build();
		NaclCert server = CertFixtures.cert(run.get("server_cert"));
		NaclCert client = CertFixtures.cert(run.get("client_cert"));
		byte[] serverKey = hex(run, "server_box_public_key");
		byte[] clientKey = hex(run, "client_box_public_key");
		assertThat(trust.verifyServer(server, serverKey, "localhost")).isEmpty();
		assertThat(trust.verifyServer(server, serverKey, "127.0.0.1")).isEmpty();
		assertThat(trust.verifyClient(client, clientKey)).isEmpty();
		assertReason(trust.verifyClient(client, serverKey), CertRejectionReason.KEY_MISMATCH);
		Ed25519KeyPair caKeys = Ed25519KeyPair.fromSecretKey(hex(run, "ca_sign_secret_key"));
		assertThat(caKeys.getPublicKey()).isEqualTo(ca.getPublicKey());
	}

	@Test
	void descRoundTripsThroughTheJsonTreeWithoutChangingItsOrder() {
		NaclCert leaf = CertFixtures.vectorLeaf();
		JsValue tree = leaf.toJsValue();
		assertThat(NaclCert.of(tree).toJson()).isEqualTo(leaf.toJson());
		assertThat(leaf.getDesc().keys()).containsExactly("version", "type", "tte", "publickey", "names", "ips", "macs",
				"ca", "signtime", "gid");
		assertThat(CertFixtures.vectorCa().getDesc().keys()).containsExactly("version", "type", "ca", "tte", "publickey",
				"signtime", "gid");
	}

	static void assertReason(Optional<CertRejection> rejection, CertRejectionReason reason) {
		assertThat(rejection).as("rejection").isPresent();
		assertThat(rejection.get().reason()).as("reason of %s", rejection.get()).isEqualTo(reason);
	}

}
