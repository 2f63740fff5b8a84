package dev.sws.internal.noise;

import java.util.Arrays;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;

import dev.sws.internal.crypto.Blake2b;
import dev.sws.internal.crypto.Sha256;

/**
 * The hash functions of Noise sections 4.3, 12.5 and 12.8, with the HMAC (RFC 2104) and HKDF that
 * Noise builds on them.
 */
@SuppressWarnings("ImmutableEnumChecker") // the function is a stateless static method reference
public enum NoiseHash {

	/** SHA-256: HASHLEN 32, BLOCKLEN 64. */
	SHA256("SHA256", Sha256.LENGTH, 64, Sha256::hash),

	/** BLAKE2b with a 64-byte output: HASHLEN 64, BLOCKLEN 128. */
	BLAKE2B("BLAKE2b", Blake2b.LENGTH, 128, Blake2b::hash512);

	private static final byte IPAD = 0x36;

	private static final byte OPAD = 0x5c;

	private final String name;

	private final int hashLength;

	private final int blockLength;

	private final UnaryOperator<byte[]> function;

	NoiseHash(String name, int hashLength, int blockLength, UnaryOperator<byte[]> function) {
		this.name = name;
		this.hashLength = hashLength;
		this.blockLength = blockLength;
		this.function = function;
	}

	/**
	 * Returns the name in protocol names, for example {@code BLAKE2b}.
	 * @return the name
	 */
	public String getName() {
		return this.name;
	}

	/**
	 * Returns HASHLEN: the length of a digest, of {@code h} and of {@code ck}.
	 * @return 32 or 64
	 */
	public int getHashLength() {
		return this.hashLength;
	}

	/**
	 * Returns BLOCKLEN, the block length HMAC pads its key to.
	 * @return 64 or 128
	 */
	public int getBlockLength() {
		return this.blockLength;
	}

	/**
	 * Looks a hash up by its name in protocol names.
	 * @param name for example {@code SHA256}
	 * @return the hash, or {@code null} if unknown
	 */
	static @Nullable NoiseHash named(String name) {
		for (NoiseHash hash : values()) {
			if (hash.name.equals(name)) {
				return hash;
			}
		}
		return null;
	}

	/** {@code HASH(data)}. */
	byte[] hash(byte[] data) {
		return this.function.apply(data);
	}

	/** {@code HASH(a || b)}; the concatenation is zeroed, since HMAC passes secrets through here. */
	byte[] hash(byte[] a, byte[] b) {
		byte[] joined = new byte[a.length + b.length];
		System.arraycopy(a, 0, joined, 0, a.length);
		System.arraycopy(b, 0, joined, a.length, b.length);
		try {
			return hash(joined);
		}
		finally {
			Arrays.fill(joined, (byte) 0);
		}
	}

	/**
	 * {@code HMAC-HASH(key, data)} as RFC 2104 defines it over this hash.
	 * @param key the key; Noise's keys are never longer than BLOCKLEN, longer ones are hashed first as RFC 2104 says
	 * @param data the message
	 * @return the HASHLEN-byte MAC
	 */
	byte[] hmac(byte[] key, byte[] data) {
		byte[] block = new byte[this.blockLength];
		byte[] shortKey = (key.length > this.blockLength) ? hash(key) : key;
		System.arraycopy(shortKey, 0, block, 0, shortKey.length);
		try {
			for (int i = 0; i < block.length; i++) {
				block[i] ^= IPAD;
			}
			byte[] inner = hash(block, data);
			try {
				for (int i = 0; i < block.length; i++) {
					block[i] ^= (IPAD ^ OPAD);
				}
				return hash(block, inner);
			}
			finally {
				Arrays.fill(inner, (byte) 0);
			}
		}
		finally {
			Arrays.fill(block, (byte) 0);
		}
	}

	/**
	 * {@code HKDF(chaining_key, input_key_material, num_outputs)} of Noise section 4.3.
	 * @param chainingKey HASHLEN bytes
	 * @param inputKeyMaterial zero or 32 bytes
	 * @param outputs 2 or 3
	 * @return the outputs, HASHLEN bytes each (the caller zeroes them when done)
	 */
	byte[][] hkdf(byte[] chainingKey, byte[] inputKeyMaterial, int outputs) {
		if (outputs != 2 && outputs != 3) {
			throw new IllegalArgumentException("Noise's HKDF has 2 or 3 outputs, not " + outputs);
		}
		byte[] tempKey = hmac(chainingKey, inputKeyMaterial);
		try {
			byte[][] out = new byte[outputs][];
			out[0] = hmac(tempKey, new byte[] { 0x01 });
			for (int i = 1; i < outputs; i++) {
				byte[] previous = Arrays.copyOf(out[i - 1], this.hashLength + 1);
				previous[this.hashLength] = (byte) (i + 1);
				out[i] = hmac(tempKey, previous);
				Arrays.fill(previous, (byte) 0);
			}
			return out;
		}
		finally {
			Arrays.fill(tempKey, (byte) 0);
		}
	}

}
