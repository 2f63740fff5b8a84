package dev.sws.protocol;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The v3 channel (docs/protocol/sws-v3.md sections 9 to 11): frames are ciphertext and tag under an
 * implicit counter, anything reordered, cut, repeated or dropped breaks the receiving direction,
 * each direction rekeys after its sender's thresholds, and the counter never wraps.
 */
class NoiseChannelTests {

	private static final RekeyThresholds NEVER = new RekeyThresholds(RekeyThresholds.MAX_VALUE, RekeyThresholds.MAX_VALUE);

	@Test
	void framesAreCiphertextAndTagAndCountFromZero() {
		NoiseChannel[] channels = pair(NEVER, NEVER);
		byte[] frame = channels[0].seal("hello".getBytes(StandardCharsets.UTF_8));
		assertThat(frame).hasSize(5 + SecureChannel.OVERHEAD);
		assertThat(channels[0].getNextTransmitCounter()).isEqualTo(1);
		assertThat(channels[1].open(frame)).asString(StandardCharsets.UTF_8).isEqualTo("hello");
		assertThat(channels[1].getNextReceiveCounter()).isEqualTo(1);
		assertThat(channels[1].open(channels[0].seal(new byte[0]))).isEmpty();
		assertThat(channels[0].open(channels[1].seal(new byte[] { 7 }))).containsExactly(7);
	}

	@Test
	void reorderedTruncatedRepeatedDroppedOrExtendedFramesFailAndBreakTheDirection() {
		List<Runnable> attacks = new ArrayList<>();
		NoiseChannel[] reordered = pair(NEVER, NEVER);
		byte[] first = reordered[0].seal(new byte[] { 1 });
		byte[] second = reordered[0].seal(new byte[] { 2 });
		attacks.add(() -> reordered[1].open(second));
		attacks.add(() -> reordered[1].open(first)); // broken for good, even the right frame

		NoiseChannel[] truncated = pair(NEVER, NEVER);
		byte[] whole = truncated[0].seal(new byte[100]);
		attacks.add(() -> truncated[1].open(Arrays.copyOf(whole, whole.length - 1)));
		NoiseChannel[] short15 = pair(NEVER, NEVER);
		attacks.add(() -> short15[1].open(new byte[15]));
		NoiseChannel[] empty = pair(NEVER, NEVER);
		attacks.add(() -> empty[1].open(new byte[0]));

		NoiseChannel[] repeated = pair(NEVER, NEVER);
		byte[] once = repeated[0].seal(new byte[] { 1 });
		repeated[1].open(once);
		attacks.add(() -> repeated[1].open(once));

		NoiseChannel[] dropped = pair(NEVER, NEVER);
		dropped[0].seal(new byte[] { 1 });
		byte[] after = dropped[0].seal(new byte[] { 2 });
		attacks.add(() -> dropped[1].open(after));

		NoiseChannel[] extended = pair(NEVER, NEVER);
		byte[] frame = extended[0].seal(new byte[] { 1 });
		attacks.add(() -> extended[1].open(V3Fixture.concat(frame, new byte[1])));

		for (Runnable attack : attacks) {
			assertThatExceptionOfType(SwsProtocolException.class).isThrownBy(attack::run)
				.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(FailureReason.DECRYPT_FAILED));
		}
		assertThat(reordered[0].open(reordered[1].seal(new byte[] { 3 }))).as("the other direction still works")
			.containsExactly(3);
	}

	@ParameterizedTest
	@EnumSource(V3CipherSuite.class)
	void eachDirectionRekeysAfterItsSendersThresholdsAndBothSidesStayInStep(V3CipherSuite suite) {
		assumeThat(suite.isAvailable()).as("hardware AES for " + suite).isTrue();
		RekeyThresholds byMessages = new RekeyThresholds(3, RekeyThresholds.MAX_VALUE);
		RekeyThresholds byBytes = new RekeyThresholds(RekeyThresholds.MAX_VALUE, 100);
		NoiseChannel[] rekeying = pair(suite, byMessages, byBytes);
		NoiseChannel[] plain = pair(suite, NEVER, NEVER);
		for (int i = 0; i < 50; i++) {
			byte[] message = ("message " + i).getBytes(StandardCharsets.UTF_8);
			byte[] forward = rekeying[0].seal(message);
			byte[] backward = rekeying[1].seal(message);
			assertThat(rekeying[1].open(forward)).isEqualTo(message);
			assertThat(rekeying[0].open(backward)).isEqualTo(message);
			// the same keys without rekeying: equal frames until the first rekey, different after
			byte[] forwardPlain = plain[0].seal(message);
			byte[] backwardPlain = plain[1].seal(message);
			assertThat(Arrays.equals(forward, forwardPlain)).as("initiator frame %d", i).isEqualTo(i < 3);
			// the responder's first frames have 9 + 16 bytes: the fourth one reaches 100 bytes
			assertThat(Arrays.equals(backward, backwardPlain)).as("responder frame %d", i).isEqualTo(i < 4);
		}
		assertThat(rekeying[0].getNextTransmitCounter()).as("rekey keeps n").isEqualTo(50);
	}

	@Test
	void aReceiverThatDoesNotRekeyWhereTheSenderDidFails() {
		NoiseChannel[] sender = pair(new RekeyThresholds(2, RekeyThresholds.MAX_VALUE), NEVER);
		NoiseChannel[] receiver = pair(NEVER, NEVER);
		receiver[1].open(sender[0].seal(new byte[1]));
		receiver[1].open(sender[0].seal(new byte[1]));
		byte[] afterRekey = sender[0].seal(new byte[1]);
		assertThatExceptionOfType(SwsProtocolException.class).isThrownBy(() -> receiver[1].open(afterRekey))
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(FailureReason.DECRYPT_FAILED));
	}

	@Test
	void theCounterNeverWraps() {
		NoiseChannel[] channels = pair(NEVER, NEVER, -3L);
		byte[] last = channels[0].seal(new byte[] { 1 }); // n = 2^64 - 3
		byte[] lastButOne = channels[0].seal(new byte[] { 2 }); // n = 2^64 - 2, the last one allowed
		assertThat(channels[0].getNextTransmitCounter()).isEqualTo(-1L);
		assertExhausted(() -> channels[0].seal(new byte[] { 3 }));
		assertExhausted(() -> channels[0].seal(new byte[0]));
		assertThat(channels[1].open(last)).containsExactly(1);
		assertThat(channels[1].open(lastButOne)).containsExactly(2);
		assertExhausted(() -> channels[1].open(last));
		assertThat(FailureReason.COUNTER_EXHAUSTED.getCloseCode()).isEqualTo(1013);
		assertThat(FailureReason.COUNTER_EXHAUSTED.getTag()).isEqualTo("counter-exhausted");
		assertThat(channels[0].open(channels[1].seal(new byte[] { 4 }))).as("the other direction goes on")
			.containsExactly(4);
	}

	@Test
	void toStringHidesKeys() {
		NoiseChannel[] channels = pair(NEVER, NEVER);
		assertThat(channels[0].toString()).contains("hidden").contains("ChaChaPoly")
			.doesNotContain(HexFormat.of().formatHex(V3Fixture.channelSecret("initiator")));
	}

	private static void assertExhausted(ThrowingCallable call) {
		assertThatExceptionOfType(SwsProtocolException.class).isThrownBy(call)
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(FailureReason.COUNTER_EXHAUSTED));
	}

	private static NoiseChannel[] pair(RekeyThresholds initiator, RekeyThresholds responder) {
		return V3Fixture.noiseChannels(V3CipherSuite.CHACHAPOLY_BLAKE2B, initiator, responder, 0);
	}

	private static NoiseChannel[] pair(RekeyThresholds initiator, RekeyThresholds responder, long firstNonce) {
		return V3Fixture.noiseChannels(V3CipherSuite.CHACHAPOLY_BLAKE2B, initiator, responder, firstNonce);
	}

	private static NoiseChannel[] pair(V3CipherSuite suite, RekeyThresholds initiator, RekeyThresholds responder) {
		return V3Fixture.noiseChannels(suite, initiator, responder, 0);
	}

}
