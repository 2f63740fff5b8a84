package dev.sws.internal.json;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8 decoding: malformed or truncated sequences are errors, never replacement
 * characters.
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
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes, offset, length))
				.toString();
		}
		catch (CharacterCodingException ex) {
			throw new JsonFormatException("Invalid UTF-8");
		}
	}

}
