package dev.sws.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Printable fingerprints of public keys, for logs, the key tool, the health endpoint and the
 * browser page. A fingerprint identifies a public key; it is safe to print.
 */
public final class KeyFingerprint {

	private KeyFingerprint() {
	}

	/**
	 * The first 16 bytes of the key's SHA-256, as lowercase hex in groups of four digits.
	 * @param publicKey the key
	 * @return for example {@code 3f2a:9c01:77d0:...} (39 characters)
	 */
	public static String of(byte[] publicKey) {
		String hex = HexFormat.of().formatHex(sha256(publicKey), 0, 16);
		StringBuilder out = new StringBuilder(39);
		for (int i = 0; i < hex.length(); i += 4) {
			if (i > 0) {
				out.append(':');
			}
			out.append(hex, i, i + 4);
		}
		return out.toString();
	}

	private static byte[] sha256(byte[] data) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(data);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required by the Java platform", ex);
		}
	}

}
