package dev.sws.internal.json;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.fail;

/**
 * {@link StrictUtf8#isValid} accepts exactly what the JDK's UTF-8 decoder, set to report errors,
 * accepts: every one- and two-byte input, every lead byte with every second byte and the bytes at
 * the range edges after them, truncations, and random inputs biased towards the boundaries.
 */
class StrictUtf8Tests {

	/** Bytes at the edges of the ranges that matter: ASCII, continuation, lead bytes. */
	private static final int[] EDGES = { 0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2,
			0xDF, 0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF };

	/** The first and last continuation bytes, and their neighbours that are not. */
	private static final int[] CONTINUATION_EDGES = { 0x7F, 0x80, 0xBF, 0xC0 };

	@Test
	void everyOneAndTwoByteInputIsJudgedAsTheJdkJudgesIt() {
		for (int a = 0; a < 256; a++) {
			assertSameVerdict(new byte[] { (byte) a });
			for (int b = 0; b < 256; b++) {
				assertSameVerdict(new byte[] { (byte) a, (byte) b });
			}
		}
	}

	@Test
	void everyLeadAndSecondByteOfLongerSequencesIsJudgedAsTheJdkJudgesIt() {
		for (int lead = 0xC0; lead < 256; lead++) {
			for (int second = 0; second < 256; second++) {
				for (int third : EDGES) {
					assertSameVerdict(new byte[] { (byte) lead, (byte) second, (byte) third });
				}
				for (int third : CONTINUATION_EDGES) {
					for (int fourth : CONTINUATION_EDGES) {
						assertSameVerdict(new byte[] { (byte) lead, (byte) second, (byte) third, (byte) fourth });
					}
				}
			}
		}
	}

	@Test
	void randomInputsAreJudgedAsTheJdkJudgesThem() {
		SplittableRandom random = new SplittableRandom(20261201);
		int valid = 0;
		for (int i = 0; i < 200_000; i++) {
			byte[] bytes = new byte[random.nextInt(16)];
			for (int j = 0; j < bytes.length; j++) {
				bytes[j] = (byte) (random.nextBoolean() ? EDGES[random.nextInt(EDGES.length)] : random.nextInt(256));
			}
			valid += assertSameVerdict(bytes) ? 1 : 0;
		}
		assertThat(valid).as("valid inputs among the random ones").isGreaterThan(1000);
	}

	@Test
	void wellFormedTextOfEveryLengthIsValidAndTruncatingItsLastCharacterIsNot() {
		String text = "a\u00e9\u20ac\ud83d\ude00"; // 1, 2, 3 and 4 bytes
		byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
		assertThat(StrictUtf8.isValid(utf8, 0, utf8.length)).isTrue();
		assertThat(StrictUtf8.decode(utf8, 0, utf8.length)).isEqualTo(text);
		for (int cut = utf8.length - 3; cut < utf8.length; cut++) {
			assertThat(StrictUtf8.isValid(utf8, 0, cut)).as("cut at %d", cut).isFalse();
			assertSameVerdict(Arrays.copyOf(utf8, cut));
		}
	}

	@Test
	void onlyTheGivenRangeIsJudged() {
		byte[] bytes = { (byte) 0xFF, 'o', 'k', (byte) 0xE2 };
		assertThat(StrictUtf8.isValid(bytes, 1, 2)).isTrue();
		assertThat(StrictUtf8.decode(bytes, 1, 2)).isEqualTo("ok");
		assertThat(StrictUtf8.isValid(bytes, 0, 3)).isFalse();
		assertThat(StrictUtf8.isValid(bytes, 1, 3)).isFalse();
		assertThat(StrictUtf8.isValid(bytes, 4, 0)).isTrue();
		assertThatExceptionOfType(IndexOutOfBoundsException.class).isThrownBy(() -> StrictUtf8.isValid(bytes, 2, 3));
	}

	@Test
	void decodeRefusesWhatIsNotValidWithATypedError() {
		byte[] surrogate = { (byte) 0xED, (byte) 0xA0, (byte) 0x80 };
		assertThatExceptionOfType(JsonFormatException.class).isThrownBy(() -> StrictUtf8.decode(surrogate, 0, 3))
			.withMessage("Invalid UTF-8");
	}

	/** Checks both verdicts agree, and on valid input that decoding gives the JDK's text. */
	private static boolean assertSameVerdict(byte[] bytes) {
		String jdk = jdkDecode(bytes);
		if (StrictUtf8.isValid(bytes, 0, bytes.length) != (jdk != null)) {
			fail("The JDK %s %s", (jdk != null) ? "accepts" : "refuses", Arrays.toString(bytes));
		}
		if (jdk != null && !StrictUtf8.decode(bytes, 0, bytes.length).equals(jdk)) {
			fail("Decoded differently: %s", Arrays.toString(bytes));
		}
		return jdk != null;
	}

	private static @Nullable String jdkDecode(byte[] bytes) {
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes))
				.toString();
		}
		catch (CharacterCodingException ex) {
			return null;
		}
	}

}
