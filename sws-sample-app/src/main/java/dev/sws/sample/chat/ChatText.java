package dev.sws.sample.chat;

import org.jspecify.annotations.Nullable;

/**
 * Makes text from other people safe to show: without control characters, so that neither a
 * terminal nor a page can be steered by what a peer or a server sends.
 *
 * <p>Removed: the C0 controls (U+0000 to U+001F, which include ESC, the start of every ANSI escape
 * sequence), DEL (U+007F), the C1 controls (U+0080 to U+009F, which include the one-character
 * CSI), and the bidirectional embeddings, overrides and isolates (U+202A to U+202E, U+2066 to
 * U+2069), which can make a line read differently from what it says. Tabs and line breaks become
 * a space, so that words stay apart and a message stays on one line.
 */
public final class ChatText {

	private ChatText() {
	}

	/**
	 * Returns the text without control characters.
	 * @param text any text, or {@code null}
	 * @return the text without control characters, tabs and line breaks as spaces; empty for
	 * {@code null}
	 */
	public static String withoutControlCharacters(@Nullable String text) {
		if (text == null) {
			return "";
		}
		if (text.codePoints().noneMatch(ChatText::isControl)) {
			return text;
		}
		StringBuilder clean = new StringBuilder(text.length());
		text.codePoints().forEach((codePoint) -> {
			if (isLineOrTab(codePoint)) {
				clean.append(' ');
			}
			else if (!isControl(codePoint)) {
				clean.appendCodePoint(codePoint);
			}
		});
		return clean.toString();
	}

	/**
	 * Returns whether the text holds a character that {@link #withoutControlCharacters} removes
	 * or replaces.
	 * @param text the text
	 * @return whether it holds a control character
	 */
	public static boolean hasControlCharacters(String text) {
		return text.codePoints().anyMatch(ChatText::isControl);
	}

	/**
	 * Cleans a value for display: control characters out, surrounding white space stripped, and
	 * cut at a maximum length (never between the two halves of a surrogate pair).
	 * @param text any text, or {@code null}
	 * @param maxLength the most UTF-16 chars to keep
	 * @return the cleaned value, possibly empty
	 */
	public static String clean(@Nullable String text, int maxLength) {
		String clean = withoutControlCharacters(text).strip();
		if (clean.length() <= maxLength) {
			return clean;
		}
		int end = Character.isHighSurrogate(clean.charAt(maxLength - 1)) ? maxLength - 1 : maxLength;
		return clean.substring(0, end).strip();
	}

	private static boolean isControl(int codePoint) {
		return codePoint <= 0x1F || (codePoint >= 0x7F && codePoint <= 0x9F)
				|| (codePoint >= 0x202A && codePoint <= 0x202E) || (codePoint >= 0x2066 && codePoint <= 0x2069);
	}

	private static boolean isLineOrTab(int codePoint) {
		// TAB, LF, VT, FF, CR and NEL (U+0085)
		return (codePoint >= 0x09 && codePoint <= 0x0D) || codePoint == 0x85;
	}

}
