package dev.sws.testsupport;

import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.sws.internal.crypto.SharedBoxKey;

/**
 * Weak X25519 public keys for hostile-peer tests, and the box key that every peer derives from
 * one: with a low-order point the X25519 output is all-zero, so the box key is
 * {@code HSalsa20(0, 0)}, a public constant (docs/protocol/sws-v1-v2.md W1). libsodium refuses to
 * compute it, so it is computed here in Java.
 */
public final class WeakKeys {

	private static final int[] SIGMA = { 0x61707865, 0x3320646e, 0x79622d32, 0x6b206574 };

	private WeakKeys() {
	}

	/**
	 * Returns the all-zero key and the low-order points (libsodium's blocklist), each also with
	 * the top bit set, which X25519 ignores.
	 * @return keys by name, in a stable order
	 */
	public static Map<String, byte[]> lowOrderPoints() {
		Map<String, byte[]> keys = new LinkedHashMap<>();
		keys.put("all-zero", new byte[32]);
		keys.put("one [1,0,...,0] (W1)", identity());
		keys.put("order 8 (e0eb7a7c...)", hex("e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800"));
		keys.put("order 8 (5f9c95bc...)", hex("5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157"));
		keys.put("p - 1 (order 2)", hex("ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"));
		keys.put("p (= 0)", hex("edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"));
		keys.put("p + 1 (= 1)", hex("eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"));
		byte[] zeroTop = new byte[32];
		zeroTop[31] = (byte) 0x80;
		keys.put("all-zero with the top bit set", zeroTop);
		byte[] oneTop = identity();
		oneTop[31] = (byte) 0x80;
		keys.put("one with the top bit set", oneTop);
		return keys;
	}

	/**
	 * Returns {@code [1,0,...,0]}: the Ed25519 identity point and a low-order X25519 point, the
	 * key of the W1 forgery.
	 * @return the 32 bytes
	 */
	public static byte[] identity() {
		byte[] one = new byte[32];
		one[0] = 1;
		return one;
	}

	/**
	 * Returns the box key that the original derives from any low-order peer key:
	 * {@code HSalsa20(0^32, 0^16)}. A forger who advertises a low-order key boxes with it.
	 * @return the shared box key
	 */
	public static SharedBoxKey lowOrderSharedKey() {
		return SharedBoxKey.of(hsalsa20(new byte[32], new byte[16]));
	}

	/** HSalsa20 as in {@code crypto_core_hsalsa20} (the NaCl box key derivation). */
	public static byte[] hsalsa20(byte[] key, byte[] input) {
		int[] x = new int[16];
		x[0] = SIGMA[0];
		x[5] = SIGMA[1];
		x[10] = SIGMA[2];
		x[15] = SIGMA[3];
		for (int i = 0; i < 4; i++) {
			x[1 + i] = le32(key, 4 * i);
			x[11 + i] = le32(key, 16 + 4 * i);
			x[6 + i] = le32(input, 4 * i);
		}
		for (int round = 0; round < 20; round += 2) {
			quarter(x, 0, 4, 8, 12);
			quarter(x, 5, 9, 13, 1);
			quarter(x, 10, 14, 2, 6);
			quarter(x, 15, 3, 7, 11);
			quarter(x, 0, 1, 2, 3);
			quarter(x, 5, 6, 7, 4);
			quarter(x, 10, 11, 8, 9);
			quarter(x, 15, 12, 13, 14);
		}
		byte[] out = new byte[32];
		int[] picks = { 0, 5, 10, 15, 6, 7, 8, 9 };
		for (int i = 0; i < picks.length; i++) {
			int word = x[picks[i]];
			for (int b = 0; b < 4; b++) {
				out[4 * i + b] = (byte) (word >>> (8 * b));
			}
		}
		return out;
	}

	private static void quarter(int[] x, int a, int b, int c, int d) {
		x[b] ^= Integer.rotateLeft(x[a] + x[d], 7);
		x[c] ^= Integer.rotateLeft(x[b] + x[a], 9);
		x[d] ^= Integer.rotateLeft(x[c] + x[b], 13);
		x[a] ^= Integer.rotateLeft(x[d] + x[c], 18);
	}

	private static int le32(byte[] bytes, int offset) {
		return (bytes[offset] & 0xFF) | (bytes[offset + 1] & 0xFF) << 8 | (bytes[offset + 2] & 0xFF) << 16
				| (bytes[offset + 3] & 0xFF) << 24;
	}

	private static byte[] hex(String hex) {
		return HexFormat.of().parseHex(hex);
	}

}
