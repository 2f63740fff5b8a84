package dev.sws.cert;

/**
 * Case-insensitive comparison of ASCII letters only, for host names, CA names and the
 * certificate {@code type}. Java's {@code equalsIgnoreCase} and {@code regionMatches(true, ...)}
 * fold Unicode case too, so that {@code admın} (dotless ı) equals {@code admin}, the Kelvin sign
 * {@code K} (U+212A) equals {@code k} and the long s {@code ſ} equals {@code s}. Names in
 * certificates are ASCII (internationalised names as A-labels, {@code xn--...}): here only
 * {@code A-Z} and {@code a-z} are folded, and every other character must be identical.
 */
final class AsciiCase {

	private static final int CASE_OFFSET = 'a' - 'A';

	private AsciiCase() {
	}

	/**
	 * Compares two strings ignoring the case of ASCII letters only.
	 * @param a one string
	 * @param b the other
	 * @return {@code true} if equal up to ASCII case
	 */
	static boolean equalsIgnoreCase(String a, String b) {
		return a.length() == b.length() && regionMatchesIgnoreCase(a, 0, b, 0, a.length());
	}

	/**
	 * Compares two regions ignoring the case of ASCII letters only.
	 * @param a one string
	 * @param aFrom where its region starts
	 * @param b the other string
	 * @param bFrom where its region starts
	 * @param length the regions' length
	 * @return {@code true} if both regions exist and are equal up to ASCII case
	 */
	static boolean regionMatchesIgnoreCase(String a, int aFrom, String b, int bFrom, int length) {
		if (aFrom < 0 || bFrom < 0 || length < 0 || aFrom > a.length() - length || bFrom > b.length() - length) {
			return false;
		}
		for (int i = 0; i < length; i++) {
			char x = a.charAt(aFrom + i);
			char y = b.charAt(bFrom + i);
			if (x != y && lower(x) != lower(y)) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Tells whether every character is ASCII.
	 * @param text the text
	 * @return {@code true} if all characters are below U+0080
	 */
	static boolean isAscii(String text) {
		for (int i = 0; i < text.length(); i++) {
			if (text.charAt(i) >= 0x80) {
				return false;
			}
		}
		return true;
	}

	private static char lower(char c) {
		return (c >= 'A' && c <= 'Z') ? (char) (c + CASE_OFFSET) : c;
	}

}
