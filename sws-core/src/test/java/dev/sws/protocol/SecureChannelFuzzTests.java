package dev.sws.protocol;

import java.util.Arrays;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.sws.internal.crypto.Nonce;
import dev.sws.internal.crypto.SecretBoxKey;

/**
 * Fuzzes the data phase: a frame nobody sealed never opens and fails only with
 * {@code SwsProtocolException(decrypt-failed)}; a sealed frame that was altered in any way
 * (bytes flipped, cut or extended) never opens either, and leaves the channel failed; the
 * untouched frame opens on a fresh channel. Regression inputs:
 * {@code src/test/resources/dev/sws/protocol/SecureChannelFuzzTestsInputs}.
 */
class SecureChannelFuzzTests {

	private static final SecretBoxKey KEY = SecretBoxKey.of(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14,
			15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32 });

	private static final SecretBoxKey OTHER_KEY = SecretBoxKey.of(new byte[32]);

	private static final Nonce NONCE = Nonce.ofCounter(-2);

	@FuzzTest(maxDuration = "5m")
	void open(byte[] frame) {
		try {
			receiver().open(frame);
		}
		catch (SwsProtocolException ex) {
			requireDecryptFailed(ex);
			return;
		}
		throw new AssertionError("A frame nobody sealed opened: " + frame.length + " bytes");
	}

	@FuzzTest(maxDuration = "5m")
	void alteredFramesNeverOpen(FuzzedDataProvider data) {
		byte[] plaintext = data.consumeBytes(data.consumeInt(0, 2048));
		int position = data.consumeInt();
		byte flip = data.consumeByte();
		int length = data.consumeInt(0, plaintext.length + 64);
		byte[] frame = sender().seal(plaintext);
		byte[] altered = Arrays.copyOf(frame, length);
		if (altered.length > 0) {
			altered[Math.floorMod(position, altered.length)] ^= (flip != 0) ? flip : 1;
		}
		SecureChannel receiver = receiver();
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
		if (!Arrays.equals(receiver().open(frame), plaintext)) {
			throw new AssertionError("The untouched frame does not open to its plaintext");
		}
	}

	private static SecureChannel sender() {
		return SecureChannel.secretBox(KEY, NONCE, OTHER_KEY, NONCE);
	}

	private static SecureChannel receiver() {
		return SecureChannel.secretBox(OTHER_KEY, NONCE, KEY, NONCE);
	}

	private static void requireDecryptFailed(SwsProtocolException ex) {
		if (ex.reason() != FailureReason.DECRYPT_FAILED) {
			throw new AssertionError("Unexpected reason " + ex.reason(), ex);
		}
	}

}
