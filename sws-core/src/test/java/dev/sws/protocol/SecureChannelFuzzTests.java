package dev.sws.protocol;

import java.util.Arrays;
import java.util.function.Supplier;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.sws.internal.crypto.Nonce;
import dev.sws.internal.crypto.SecretBoxKey;

/**
 * Fuzzes the data phase of both channels, the v1/v2 secretbox channel and the v3 Noise channel: a
 * frame nobody sealed never opens and fails only with {@code SwsProtocolException(decrypt-failed)};
 * a sealed frame that was altered in any way (bytes flipped, cut or extended) never opens either,
 * and leaves the channel failed; the untouched frame opens on a fresh channel. v3 frames of any
 * size also round-trip across frequent rekeys. Regression inputs:
 * {@code src/test/resources/dev/sws/protocol/SecureChannelFuzzTestsInputs}.
 */
class SecureChannelFuzzTests {

	private static final SecretBoxKey KEY = SecretBoxKey.of(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14,
			15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32 });

	private static final SecretBoxKey OTHER_KEY = SecretBoxKey.of(new byte[32]);

	private static final Nonce NONCE = Nonce.ofCounter(-2);

	private static final RekeyThresholds OFTEN = new RekeyThresholds(2, 300);

	@FuzzTest(maxDuration = "5m")
	void open(byte[] frame) {
		requireNeverOpens(receiver(), frame);
	}

	@FuzzTest(maxDuration = "5m")
	void alteredFramesNeverOpen(FuzzedDataProvider data) {
		requireAlteredFramesNeverOpen(data, sender(), SecureChannelFuzzTests::receiver);
	}

	@FuzzTest(maxDuration = "5m")
	void openNoise(byte[] frame) {
		requireNeverOpens(noise()[1], frame);
	}

	@FuzzTest(maxDuration = "5m")
	void alteredNoiseFramesNeverOpen(FuzzedDataProvider data) {
		requireAlteredFramesNeverOpen(data, noise()[0], () -> noise()[1]);
	}

	@FuzzTest(maxDuration = "5m")
	void noiseFramesRoundTripAcrossRekeys(FuzzedDataProvider data) {
		NoiseChannel[] channels = noise();
		int messages = data.consumeInt(1, 20);
		for (int i = 0; i < messages && data.remainingBytes() > 0; i++) {
			boolean forward = data.consumeBoolean();
			byte[] plaintext = data.consumeBytes(data.consumeInt(0, 512));
			if (!Arrays.equals(channels[forward ? 1 : 0].open(channels[forward ? 0 : 1].seal(plaintext)), plaintext)) {
				throw new AssertionError("Message " + i + " did not round-trip");
			}
		}
	}

	private static void requireNeverOpens(SecureChannel receiver, byte[] frame) {
		try {
			receiver.open(frame);
		}
		catch (SwsProtocolException ex) {
			requireDecryptFailed(ex);
			return;
		}
		throw new AssertionError("A frame nobody sealed opened: " + frame.length + " bytes");
	}

	private static void requireAlteredFramesNeverOpen(FuzzedDataProvider data, SecureChannel sender,
			Supplier<SecureChannel> receivers) {
		byte[] plaintext = data.consumeBytes(data.consumeInt(0, 2048));
		int position = data.consumeInt();
		byte flip = data.consumeByte();
		int length = data.consumeInt(0, plaintext.length + 64);
		byte[] frame = sender.seal(plaintext);
		byte[] altered = Arrays.copyOf(frame, length);
		if (altered.length > 0) {
			altered[Math.floorMod(position, altered.length)] ^= (flip != 0) ? flip : 1;
		}
		SecureChannel receiver = receivers.get();
		try {
			receiver.open(altered);
			throw new AssertionError("An altered frame opened");
		}
		catch (SwsProtocolException ex) {
			requireDecryptFailed(ex);
		}
		try {
			receiver.open(frame);
			throw new AssertionError("A channel that failed opened a frame");
		}
		catch (SwsProtocolException ex) {
			requireDecryptFailed(ex);
		}
		if (!Arrays.equals(receivers.get().open(frame), plaintext)) {
			throw new AssertionError("The untouched frame does not open to its plaintext");
		}
	}

	private static SecureChannel sender() {
		return SecureChannel.secretBox(KEY, NONCE, OTHER_KEY, NONCE);
	}

	private static SecureChannel receiver() {
		return SecureChannel.secretBox(OTHER_KEY, NONCE, KEY, NONCE);
	}

	/** A fresh pair of v3 channels that rekey every two messages or 300 bytes. */
	private static NoiseChannel[] noise() {
		return V3Fixture.noiseChannels(V3CipherSuite.CHACHAPOLY_BLAKE2B, OFTEN, OFTEN, 0);
	}

	private static void requireDecryptFailed(SwsProtocolException ex) {
		if (ex.getReason() != FailureReason.DECRYPT_FAILED) {
			throw new AssertionError("Unexpected reason " + ex.getReason(), ex);
		}
	}

}
