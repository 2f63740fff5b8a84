package dev.sws.internal.crypto;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.sws.crypto.BoxKeyPair;
import dev.sws.crypto.BoxPublicKeys;
import dev.sws.crypto.Ed25519KeyPair;
import dev.sws.crypto.KeyFingerprint;
import dev.sws.crypto.RandomSource;
import dev.sws.crypto.WeakKeyException;
import dev.sws.testsupport.Vectors;

import static dev.sws.testsupport.Vectors.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Every case of {@code nonce_counter_and_primitives}: the 24-byte expansion, the counter with
 * carries and the full 64-bit wrap, secretbox frames and the box vector.
 */
class NonceAndPrimitivesTests {

	private static final JsonNode VECTORS = Vectors.section("nonce_counter_and_primitives");

	@Test
	void everyCounterCaseExpandsAndEncryptsLikeTheOriginal() {
		SecretBoxKey key = SecretBoxKey.of(hex(VECTORS, "key_hex"));
		byte[] plaintext = VECTORS.get("plaintext_utf8").asString().getBytes(StandardCharsets.UTF_8);
		int checked = 0;
		for (JsonNode testCase : VECTORS.get("cases")) {
			Nonce nonce = Nonce.fromWire(hex(testCase, "initial_nonce8_hex"));
			for (JsonNode frame : testCase.get("frames")) {
				byte[] nonce24 = hex(frame, "nonce24_hex");
				assertThat(nonce.expand()).as("nonce of %s frame %s", testCase, frame.get("index")).isEqualTo(nonce24);
				assertThat(key.seal(plaintext, nonce24)).isEqualTo(hex(frame, "ciphertext_hex"));
				assertThat(key.open(hex(frame, "ciphertext_hex"), nonce24)).isEqualTo(plaintext);
				nonce = nonce.next();
				checked++;
			}
		}
		assertThat(checked).isEqualTo(24);
	}

	@Test
	void counterCarriesIntoTheHighWordAndWrapsAtTwoToTheSixtyFour() {
		assertThat(Nonce.fromWire(hex("ffffffff00000000")).next().toWire()).isEqualTo(hex("0000000001000000"));
		assertThat(Nonce.fromWire(hex("ffffffffffffffff")).next().toWire()).isEqualTo(hex("0000000000000000"));
		assertThat(Nonce.fromWire(hex("ff00000000000000")).next().toWire()).isEqualTo(hex("0001000000000000"));
		assertThat(Nonce.fromWire(hex("0102030405060708")).counter()).isEqualTo(0x0807060504030201L);
	}

	@Test
	void nonceHasExactlyEightWireBytes() {
		assertThatIllegalArgumentException().isThrownBy(() -> Nonce.fromWire(new byte[7]));
		assertThatIllegalArgumentException().isThrownBy(() -> Nonce.fromWire(new byte[9]));
	}

	@Test
	void boxVectorMatchesBeforenmAndCiphertext() {
		JsonNode box = VECTORS.get("box");
		BoxKeyPair a = BoxKeyPair.of(hex(box, "a_public_hex"), hex(box, "a_secret_hex"));
		BoxKeyPair b = BoxKeyPair.of(hex(box, "b_public_hex"), hex(box, "b_secret_hex"));
		SharedBoxKey ab = SharedBoxKey.between(a, b.getPublicKey());
		SharedBoxKey ba = SharedBoxKey.between(b, a.getPublicKey());
		assertThat(ab.exportKey()).isEqualTo(hex(box, "beforenm_hex")).isEqualTo(ba.exportKey());
		Nonce nonce = Nonce.fromWire(hex(box, "nonce8_hex"));
		assertThat(nonce.expand()).isEqualTo(hex(box, "nonce24_hex"));
		byte[] ciphertext = hex(box, "ciphertext_hex");
		assertThat(ab.seal(hex(box, "plaintext_hex"), nonce)).isEqualTo(ciphertext);
		assertThat(ba.open(ciphertext, nonce)).isEqualTo(hex(box, "plaintext_hex"));
	}

	@Test
	void tamperedOrShortBoxesDoNotOpen() {
		SecretBoxKey key = SecretBoxKey.random(RandomSource.secure());
		byte[] nonce24 = Nonce.ofCounter(7).expand();
		byte[] frame = key.seal(new byte[] { 1, 2, 3 }, nonce24);
		frame[frame.length - 1] ^= 1;
		assertThat(key.open(frame, nonce24)).isNull();
		assertThat(key.open(new byte[15], nonce24)).isNull();
		assertThat(key.open(key.seal(new byte[0], nonce24), nonce24)).isEmpty();
	}

	@Test
	void generatedKeyPairsAgreeOnTheSharedKey() {
		BoxKeyPair a = BoxKeyPair.generate(RandomSource.secure());
		BoxKeyPair b = BoxKeyPair.generate(RandomSource.secure());
		assertThat(SharedBoxKey.between(a, b.getPublicKey()).exportKey()).isEqualTo(SharedBoxKey.between(b, a.getPublicKey()).exportKey());
		assertThat(BoxKeyPair.fromSecretKey(a.exportSecretKey()).getPublicKey()).isEqualTo(a.getPublicKey());
		assertThatIllegalArgumentException().isThrownBy(() -> BoxKeyPair.of(b.getPublicKey(), a.exportSecretKey()));
	}

	@Test
	void ed25519SignsAndVerifiesAndRefusesTheIdentityKeyForgery() {
		Ed25519KeyPair pair = Ed25519KeyPair.generate(RandomSource.secure());
		byte[] message = "desc".getBytes(StandardCharsets.UTF_8);
		byte[] signature = pair.sign(message);
		assertThat(Ed25519.verify(pair.getPublicKey(), message, signature)).isTrue();
		assertThat(Ed25519.verify(pair.getPublicKey(), "other".getBytes(StandardCharsets.UTF_8), signature)).isFalse();
		assertThat(Ed25519KeyPair.fromSecretKey(pair.exportSecretKey()).getPublicKey()).isEqualTo(pair.getPublicKey());
		// docs/protocol/sws-v1-v2.md W1: with public key [1,0,...,0] (the identity point), R = [s]B
		// and S = s "verifies" any message in tweetnacl. libsodium refuses small-order keys.
		byte[] identity = new byte[32];
		identity[0] = 1;
		byte[] forged = new byte[64];
		forged[0] = 1; // R = identity encoding, S = 0
		assertThat(Ed25519.verify(identity, message, forged)).isFalse();
		assertThat(Ed25519.verify(pair.getPublicKey(), message, new byte[63])).isFalse();
	}

	@Test
	void lowOrderAndZeroBoxKeysAreRefused() {
		BoxKeyPair pair = BoxKeyPair.generate(RandomSource.secure());
		byte[] one = new byte[32];
		one[0] = 1;
		byte[] oneWithTopBit = one.clone();
		oneWithTopBit[31] = (byte) 0x80;
		for (byte[] weak : new byte[][] { new byte[32], one, oneWithTopBit,
				hex("e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800"),
				hex("ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"), new byte[31] }) {
			assertThat(BoxPublicKeys.isAcceptable(weak)).isFalse();
			org.assertj.core.api.Assertions.assertThatExceptionOfType(WeakKeyException.class)
				.isThrownBy(() -> SharedBoxKey.between(pair, weak));
		}
		assertThat(BoxPublicKeys.isAcceptable(pair.getPublicKey())).isTrue();
	}

	@Test
	void secretsNeverAppearInToString() {
		BoxKeyPair pair = BoxKeyPair.generate(RandomSource.secure());
		String secretHex = java.util.HexFormat.of().formatHex(pair.exportSecretKey());
		String secretBase64 = java.util.Base64.getEncoder().encodeToString(pair.exportSecretKey());
		assertThat(pair.toString()).doesNotContain(secretHex).doesNotContain(secretBase64).contains("hidden");
		SecretBoxKey key = SecretBoxKey.random(RandomSource.secure());
		assertThat(key.toString()).doesNotContain(java.util.HexFormat.of().formatHex(key.exportKey()));
		Ed25519KeyPair signing = Ed25519KeyPair.generate(RandomSource.secure());
		assertThat(signing.toString()).contains("hidden")
			.doesNotContain(java.util.HexFormat.of().formatHex(signing.exportSecretKey()));
	}

	@Test
	void fingerprintIsStableAndShort() {
		byte[] key = hex("079ed80094e5d97676d08feb34bbe289263395261e4378b058f470a28f8c5f32");
		assertThat(KeyFingerprint.of(key)).hasSize(39).matches("([0-9a-f]{4}:){7}[0-9a-f]{4}")
			.isEqualTo(KeyFingerprint.of(key.clone()));
	}

}
