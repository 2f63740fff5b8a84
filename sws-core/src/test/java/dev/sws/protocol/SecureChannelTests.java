package dev.sws.protocol;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import dev.sws.crypto.RandomSource;
import dev.sws.internal.crypto.Nonce;
import dev.sws.internal.crypto.SecretBoxKey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The data phase: each frame authenticates under the next counter; a frame that fails is an error
 * (never a silent drop) and the receiving direction stays broken.
 */
class SecureChannelTests {

	private final SecretBoxKey a = SecretBoxKey.random(RandomSource.secure());

	private final SecretBoxKey b = SecretBoxKey.random(RandomSource.secure());

	private SecureChannel[] pair(long aCounter, long bCounter) {
		return new SecureChannel[] { SecureChannel.secretBox(this.a, Nonce.ofCounter(aCounter), this.b, Nonce.ofCounter(bCounter)),
				SecureChannel.secretBox(this.b, Nonce.ofCounter(bCounter), this.a, Nonce.ofCounter(aCounter)) };
	}

	@Test
	void framesAreTagPlusCiphertextAndCountersAdvance() {
		SecureChannel[] channels = pair(5, 9);
		byte[] frame = channels[0].seal(new byte[0]);
		assertThat(frame).hasSize(16);
		assertThat(channels[1].open(frame)).isEmpty();
		assertThat(channels[0].getNextTransmitCounter()).isEqualTo(6);
		assertThat(channels[1].getNextReceiveCounter()).isEqualTo(6);
		assertThat(channels[0].seal(new byte[100])).hasSize(116);
	}

	@Test
	void countersWrapAtTwoToTheSixtyFour() {
		SecureChannel[] channels = pair(-2, 0);
		for (int i = 0; i < 4; i++) {
			byte[] message = ("m" + i).getBytes(StandardCharsets.UTF_8);
			assertThat(channels[1].open(channels[0].seal(message))).isEqualTo(message);
		}
		assertThat(channels[0].getNextTransmitCounter()).isEqualTo(2);
	}

	@Test
	void tamperedFrameFailsAndBreaksTheDirection() {
		SecureChannel[] channels = pair(0, 0);
		byte[] first = channels[0].seal(new byte[] { 1 });
		byte[] second = channels[0].seal(new byte[] { 2 });
		first[16] ^= 1;
		assertDecryptFails(channels[1], first);
		assertDecryptFails(channels[1], second);
		// the other direction is unaffected
		assertThat(channels[0].open(channels[1].seal(new byte[] { 3 }))).containsExactly(3);
	}

	@Test
	void truncatedDuplicatedReorderedAndDroppedFramesFail() {
		SecureChannel[] channels = pair(0, 0);
		assertDecryptFails(channels[1], new byte[15]);

		channels = pair(0, 0);
		byte[] one = channels[0].seal(new byte[] { 1 });
		assertThat(channels[1].open(one)).containsExactly(1);
		assertDecryptFails(channels[1], one);

		channels = pair(0, 0);
		byte[] first = channels[0].seal(new byte[] { 1 });
		byte[] second = channels[0].seal(new byte[] { 2 });
		assertDecryptFails(channels[1], second);

		channels = pair(0, 0);
		channels[0].seal(new byte[] { 1 }); // dropped
		assertDecryptFails(channels[1], channels[0].seal(new byte[] { 2 }));
		assertThat(first).isNotEqualTo(second);
	}

	@Test
	void toStringHidesKeys() {
		assertThat(pair(0, 0)[0].toString()).doesNotContain(java.util.HexFormat.of().formatHex(this.a.exportKey()))
			.contains("hidden");
	}

	private static void assertDecryptFails(SecureChannel channel, byte[] frame) {
		assertThatExceptionOfType(SwsProtocolException.class).isThrownBy(() -> channel.open(frame))
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(FailureReason.DECRYPT_FAILED));
	}

}
