package dev.sws.crypto;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.sws.internal.crypto.SharedBoxKey;
import dev.sws.internal.crypto.SodiumLibrary;
import dev.sws.testsupport.WeakKeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The hostile suite's weak keys really are what libsodium refuses, and its Java HSalsa20 is the
 * one libsodium uses for box keys, so the W1 forgery boxes exactly as the original would.
 */
class WeakKeysTests {

	@Test
	void hsalsa20MatchesLibsodiumsBoxKeyDerivation() {
		BoxKeyPair mine = BoxKeyPair.generate(RandomSource.secure());
		BoxKeyPair theirs = BoxKeyPair.generate(RandomSource.secure());
		byte[] x25519 = new byte[32];
		assertThat(SodiumLibrary.get().crypto_scalarmult(x25519, mine.exportSecretKey(), theirs.getPublicKey())).isZero();
		assertThat(WeakKeys.hsalsa20(x25519, new byte[16])).isEqualTo(SharedBoxKey.between(mine, theirs.getPublicKey()).exportKey());
	}

	@Test
	void everyLowOrderPointIsRefused() {
		BoxKeyPair pair = BoxKeyPair.generate(RandomSource.secure());
		for (Map.Entry<String, byte[]> weak : WeakKeys.lowOrderPoints().entrySet()) {
			assertThat(BoxPublicKeys.isAcceptable(weak.getValue())).as(weak.getKey()).isFalse();
			assertThatExceptionOfType(WeakKeyException.class).isThrownBy(() -> SharedBoxKey.between(pair, weak.getValue()));
			byte[] x25519 = new byte[32];
			SodiumLibrary.get().crypto_scalarmult(x25519, pair.exportSecretKey(), weak.getValue());
			assertThat(x25519).as(weak.getKey()).containsOnly(0);
		}
	}

}
