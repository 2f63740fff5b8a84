package dev.sws.internal.noise;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Protocol names: every supported combination parses back to itself; anything else is refused
 * with a message that lists what is supported.
 */
class NoiseProtocolTests {

	@Test
	void everySupportedNameRoundTrips() {
		int count = 0;
		for (HandshakePattern pattern : HandshakePattern.values()) {
			for (NoiseCipher cipher : NoiseCipher.values()) {
				for (NoiseHash hash : NoiseHash.values()) {
					NoiseProtocol protocol = NoiseProtocol.of(pattern, cipher, hash);
					NoiseProtocol parsed = NoiseProtocol.parse(protocol.getName());
					assertThat(parsed).isEqualTo(protocol).hasSameHashCodeAs(protocol);
					assertThat(parsed.getPattern()).isEqualTo(pattern);
					assertThat(parsed.getCipher()).isEqualTo(cipher);
					assertThat(parsed.getHash()).isEqualTo(hash);
					count++;
				}
			}
		}
		assertThat(count).isEqualTo(16);
		assertThat(NoiseProtocol.parse("Noise_XX_25519_ChaChaPoly_BLAKE2b"))
			.hasToString("Noise_XX_25519_ChaChaPoly_BLAKE2b");
		assertThat(NoiseProtocol.parse("Noise_IK_25519_AESGCM_SHA256").getName()).isEqualTo("Noise_IK_25519_AESGCM_SHA256");
	}

	@Test
	void unsupportedOrMalformedNamesAreRefused() {
		String[] names = { "", "Noise", "Noise_XX_25519_ChaChaPoly", "Noise_XX_25519_ChaChaPoly_BLAKE2b_",
				"Noise_XX_25519_ChaChaPoly_BLAKE2b_SHA256", "noise_XX_25519_ChaChaPoly_BLAKE2b",
				"Noise_xx_25519_ChaChaPoly_BLAKE2b", "Noise_XXpsk3_25519_ChaChaPoly_BLAKE2b",
				"Noise_XXfallback_25519_ChaChaPoly_BLAKE2b", "Noise_KK_25519_ChaChaPoly_BLAKE2b",
				"Noise_XX_448_ChaChaPoly_BLAKE2b", "Noise_XX_25519_AESGCM_BLAKE2s", "Noise_XX_25519_chachapoly_BLAKE2b",
				"Noise_XX_25519_ChaChaPoly_SHA512", "Noise_XX__ChaChaPoly_BLAKE2b", "Noise_XX_25519_ChaChaPoly_BLAKE2b\n" };
		for (String name : names) {
			assertThatIllegalArgumentException().as(name)
				.isThrownBy(() -> NoiseProtocol.parse(name))
				.withMessageStartingWith("Not a supported Noise protocol name: '")
				.withMessageEndingWith("expected Noise_<NN|XX|XK|IK>_25519_<ChaChaPoly|AESGCM>_<SHA256|BLAKE2b>")
				.withMessageNotContaining("\n");
		}
	}

	@Test
	void patternsKnowWhoNeedsWhichKey() {
		assertThat(HandshakePattern.XX.needsLocalStatic(NoiseRole.INITIATOR)).isTrue();
		assertThat(HandshakePattern.XX.needsLocalStatic(NoiseRole.RESPONDER)).isTrue();
		assertThat(HandshakePattern.NN.needsLocalStatic(NoiseRole.INITIATOR)).isFalse();
		assertThat(HandshakePattern.NN.needsLocalStatic(NoiseRole.RESPONDER)).isFalse();
		assertThat(HandshakePattern.XK.needsLocalStatic(NoiseRole.RESPONDER)).isTrue();
		assertThat(HandshakePattern.IK.needsLocalStatic(NoiseRole.INITIATOR)).isTrue();
		assertThat(HandshakePattern.XK.isResponderStaticKnownInAdvance()).isTrue();
		assertThat(HandshakePattern.XX.isResponderStaticKnownInAdvance()).isFalse();
		assertThat(HandshakePattern.XX.getMessageCount()).isEqualTo(3);
		assertThat(HandshakePattern.IK.getMessageCount()).isEqualTo(2);
	}

}
