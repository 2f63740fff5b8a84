package dev.sws.internal.json;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Strict UTF-8 decoding: malformed or truncated sequences are errors, never replacement
 * characters. {@link #isValid} checks without decoding, allocating or throwing, for the data path,
 * where a binary message is told from text for every message.
 */
public final class StrictUtf8 {

	private StrictUtf8() {
	}

	/**
	 * Decodes UTF-8 strictly.
	 * @param bytes the bytes
	 * @param offset first byte
	 * @param length number of bytes
	 * @return the text
	 * @throws JsonFormatException if the bytes are not valid UTF-8
	 */
	public static String decode(byte[] bytes, int offset, int length) {
		if (!isValid(bytes, offset, length)) {
			throw new JsonFormatException("Invalid UTF-8");
		}
		return new String(bytes, offset, length, StandardCharsets.UTF_8);
	}

	/**
	 * Tells whether the bytes are well-formed UTF-8 (RFC 3629; the well-formed byte sequences of
	 * the Unicode Standard's table 3-7): no overlong forms, no surrogates, nothing above U+10FFFF,
	 * no truncated sequence at the end. The JDK's decoder, set to report errors, accepts exactly
	 * these; unlike it, this allocates nothing and throws nothing when the answer is no.
	 * @param bytes the bytes
	 * @param offset first byte
	 * @param length number of bytes
	 * @return {@code true} if they are well-formed UTF-8
	 * @throws IndexOutOfBoundsException if the range is not within {@code bytes}
	 */
	public static boolean isValid(byte[] bytes, int offset, int length) {
		Objects.checkFromIndexSize(offset, length, bytes.length);
		int end = offset + length;
		int i = offset;
		while (i < end) {
			int lead = bytes[i] & 0xFF;
			if (lead < 0x80) {
				i++;
				continue;
			}
			int continuations;
			int secondMin = 0x80;
			int secondMax = 0xBF;
			if (lead >= 0xC2 && lead <= 0xDF) {
				continuations = 1;
			}
			else if (lead >= 0xE0 && lead <= 0xEF) {
				continuations = 2;
				if (lead == 0xE0) {
					secondMin = 0xA0; // overlong below U+0800
				}
				else if (lead == 0xED) {
					secondMax = 0x9F; // surrogates U+D800..U+DFFF
				}
			}
			else if (lead >= 0xF0 && lead <= 0xF4) {
				continuations = 3;
				if (lead == 0xF0) {
					secondMin = 0x90; // overlong below U+10000
				}
				else if (lead == 0xF4) {
					secondMax = 0x8F; // above U+10FFFF
				}
			}
			else {
				return false; // a continuation byte, C0/C1 (overlong) or F5..FF
			}
			if (end - i <= continuations) {
				return false; // truncated
			}
			int second = bytes[i + 1] & 0xFF;
			if (second < secondMin || second > secondMax) {
				return false;
			}
			for (int k = 2; k <= continuations; k++) {
				int next = bytes[i + k] & 0xFF;
				if (next < 0x80 || next > 0xBF) {
					return false;
				}
			}
			i += continuations + 1;
		}
		return true;
	}

}
