package dev.sws.internal.noise;

import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

/**
 * A Noise protocol: a handshake pattern, the DH function 25519, a cipher and a hash, named as in
 * Noise section 8, for example {@code Noise_XX_25519_ChaChaPoly_BLAKE2b}. Instances are immutable.
 */
public final class NoiseProtocol {

	private static final String PREFIX = "Noise";

	private static final String DH = "25519";

	private final HandshakePattern pattern;

	private final NoiseCipher cipher;

	private final NoiseHash hash;

	private final String name;

	private NoiseProtocol(HandshakePattern pattern, NoiseCipher cipher, NoiseHash hash) {
		this.pattern = pattern;
		this.cipher = cipher;
		this.hash = hash;
		this.name = String.join("_", PREFIX, pattern.name(), DH, cipher.getName(), hash.getName());
	}

	/**
	 * Returns the protocol made of these parts, with DH 25519.
	 * @param pattern the handshake pattern
	 * @param cipher the cipher
	 * @param hash the hash
	 * @return the protocol
	 */
	public static NoiseProtocol of(HandshakePattern pattern, NoiseCipher cipher, NoiseHash hash) {
		return new NoiseProtocol(pattern, cipher, hash);
	}

	/**
	 * Parses a protocol name. Names are case-sensitive, as Noise defines them.
	 * @param name for example {@code Noise_XX_25519_AESGCM_SHA256}
	 * @return the protocol
	 * @throws IllegalArgumentException if the name is not a supported Noise protocol: patterns NN,
	 * XX, XK and IK without modifiers, DH 25519, ciphers ChaChaPoly and AESGCM, hashes SHA256 and
	 * BLAKE2b
	 */
	public static NoiseProtocol parse(String name) {
		String[] parts = name.split("_", -1);
		HandshakePattern pattern = (parts.length == 5) ? HandshakePattern.named(parts[1]) : null;
		NoiseCipher cipher = (parts.length == 5) ? NoiseCipher.named(parts[3]) : null;
		NoiseHash hash = (parts.length == 5) ? NoiseHash.named(parts[4]) : null;
		if (parts.length != 5 || !PREFIX.equals(parts[0]) || pattern == null || !DH.equals(parts[2]) || cipher == null
				|| hash == null) {
			throw new IllegalArgumentException("Not a supported Noise protocol name: '" + printable(name)
					+ "'; expected Noise_<NN|XX|XK|IK>_25519_<ChaChaPoly|AESGCM>_<SHA256|BLAKE2b>");
		}
		return new NoiseProtocol(pattern, cipher, hash);
	}

	/**
	 * Returns the protocol name.
	 * @return for example {@code Noise_XX_25519_ChaChaPoly_BLAKE2b}
	 */
	public String getName() {
		return this.name;
	}

	/**
	 * Returns the handshake pattern.
	 * @return the pattern
	 */
	public HandshakePattern getPattern() {
		return this.pattern;
	}

	/**
	 * Returns the cipher.
	 * @return the cipher
	 */
	public NoiseCipher getCipher() {
		return this.cipher;
	}

	/**
	 * Returns the hash.
	 * @return the hash
	 */
	public NoiseHash getHash() {
		return this.hash;
	}

	byte[] nameBytes() {
		return this.name.getBytes(StandardCharsets.US_ASCII);
	}

	private static String printable(String text) {
		String shortened = (text.length() > 64) ? text.substring(0, 64) + "..." : text;
		return shortened.replaceAll("\\p{Cntrl}", "?");
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return (other instanceof NoiseProtocol protocol) && protocol.name.equals(this.name);
	}

	@Override
	public int hashCode() {
		return this.name.hashCode();
	}

	@Override
	public String toString() {
		return this.name;
	}

}
