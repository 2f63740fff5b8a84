package dev.sws.crypto;

import java.util.HexFormat;

/**
 * Checks on X25519 box public keys received from a peer.
 *
 * <p>All-zero and low-order points are refused: with such a key the box key derived by
 * {@code crypto_box_beforenm} is a public constant (docs/protocol/sws-v1-v2.md section 10, W1). The
 * list is libsodium's own blocklist, compared with the top bit ignored as X25519 ignores it.
 */
public final class BoxPublicKeys {

	/** Length of an X25519 public key, in bytes. */
	public static final int LENGTH = 32;

	private static final byte[][] LOW_ORDER = {
			// 0 (order 4)
			new byte[32],
			// 1 (order 1)
			hex("0100000000000000000000000000000000000000000000000000000000000000"),
			// order 8
			hex("e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800"),
			// order 8
			hex("5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157"),
			// p - 1 (order 2)
			hex("ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"),
			// p (= 0)
			hex("edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"),
			// p + 1 (= 1)
			hex("eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f") };

	private BoxPublicKeys() {
	}

	/**
	 * Tells whether {@code key} is a 32-byte X25519 public key that is neither all-zero nor of low
	 * order.
	 * @param key the candidate key
	 * @return {@code true} if it may be used
	 */
	public static boolean isAcceptable(byte[] key) {
		if (key == null || key.length != LENGTH) {
			return false;
		}
		for (byte[] bad : LOW_ORDER) {
			int diff = 0;
			for (int i = 0; i < 31; i++) {
				diff |= key[i] ^ bad[i];
			}
			diff |= (key[31] & 0x7f) ^ bad[31];
			if (diff == 0) {
				return false;
			}
		}
		return true;
	}

	private static byte[] hex(String hex) {
		return HexFormat.of().parseHex(hex);
	}

}
