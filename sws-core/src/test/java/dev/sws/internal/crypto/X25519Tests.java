package dev.sws.internal.crypto;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.sws.crypto.BoxKeyPair;
import dev.sws.crypto.KeyFingerprint;
import dev.sws.crypto.RandomSource;
import dev.sws.crypto.WeakKeyException;
import dev.sws.testsupport.WeakKeys;

import static dev.sws.testsupport.Vectors.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * X25519 against RFC 7748, and its refusals: low-order and malformed peer keys, destroyed key
 * pairs.
 */
class X25519Tests {

	private static final byte[] ALICE_SECRET = hex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");

	private static final byte[] ALICE_PUBLIC = hex("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");

	private static final byte[] BOB_SECRET = hex("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb");

	private static final byte[] BOB_PUBLIC = hex("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");

	private static final byte[] SHARED = hex("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");

	@Test
	void rfc7748SharedSecretFromBothSides() {
		assertThat(X25519.dh(ALICE_SECRET, BOB_PUBLIC)).isEqualTo(SHARED);
		assertThat(X25519.dh(BOB_SECRET, ALICE_PUBLIC)).isEqualTo(SHARED);
		BoxKeyPair alice = BoxKeyPair.fromSecretKey(ALICE_SECRET);
		assertThat(alice.getPublicKey()).isEqualTo(ALICE_PUBLIC);
		assertThat(X25519.dh(alice, BOB_PUBLIC)).isEqualTo(SHARED);
	}

	@Test
	void everyLowOrderPeerKeyIsRefused() {
		BoxKeyPair ours = BoxKeyPair.generate(RandomSource.secure());
		Map<String, byte[]> weak = WeakKeys.lowOrderPoints();
		assertThat(weak).hasSize(9);
		weak.forEach((name, key) -> assertThatExceptionOfType(WeakKeyException.class).as(name)
			.isThrownBy(() -> X25519.dh(ours, key))
			.withMessageNotContaining(KeyFingerprint.of(key)));
	}

	@Test
	void malformedKeysAreRefused() {
		assertThatExceptionOfType(WeakKeyException.class).isThrownBy(() -> X25519.dh(ALICE_SECRET, new byte[31]));
		assertThatExceptionOfType(WeakKeyException.class).isThrownBy(() -> X25519.dh(ALICE_SECRET, new byte[33]));
		assertThatIllegalArgumentException().isThrownBy(() -> X25519.dh(new byte[31], BOB_PUBLIC))
			.withMessage("An X25519 secret key has 32 bytes, not 31");
	}

	@Test
	void aDestroyedKeyPairKeepsItsPublicKeyButNoLongerComputes() {
		BoxKeyPair pair = BoxKeyPair.fromSecretKey(ALICE_SECRET);
		pair.destroy();
		assertThat(pair.getPublicKey()).isEqualTo(ALICE_PUBLIC);
		assertThatIllegalStateException().isThrownBy(() -> X25519.dh(pair, BOB_PUBLIC))
			.withMessage("The key pair was destroyed; its secret key is gone");
		assertThatIllegalStateException().isThrownBy(pair::exportSecretKey);
		assertThatIllegalStateException().isThrownBy(() -> SharedBoxKey.between(pair, BOB_PUBLIC));
	}

}
