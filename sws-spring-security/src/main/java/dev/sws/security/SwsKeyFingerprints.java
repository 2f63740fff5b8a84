package dev.sws.security;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Checks and normalizes key fingerprints given in configuration.
 */
final class SwsKeyFingerprints {

	private static final Pattern FINGERPRINT = Pattern.compile("[0-9a-f]{4}(:[0-9a-f]{4}){7}");

	private SwsKeyFingerprints() {
	}

	/**
	 * Returns a fingerprint in the form {@code KeyFingerprint.of} prints it.
	 * @param fingerprint a fingerprint as {@code ./sws-cert inspect} prints it, in either case
	 * @param what what the fingerprint is of, for the error message
	 * @return the fingerprint in lower case
	 * @throws IllegalArgumentException if it is not eight groups of four hex digits
	 */
	static String normalize(String fingerprint, String what) {
		String normalized = fingerprint.strip().toLowerCase(Locale.ROOT);
		if (!FINGERPRINT.matcher(normalized).matches()) {
			throw new IllegalArgumentException("'" + fingerprint + "' is not a fingerprint of " + what
					+ ": expected eight groups of four hex digits separated by ':', as ./sws-cert inspect prints it");
		}
		return normalized;
	}

}
