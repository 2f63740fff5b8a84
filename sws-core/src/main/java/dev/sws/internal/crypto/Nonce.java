package dev.sws.internal.crypto;

import java.util.HexFormat;

import org.jspecify.annotations.Nullable;

import dev.sws.crypto.RandomSource;

/**
 * The SWS nonce: an 8-byte value on the wire, read as an unsigned 64-bit little-endian counter.
 *
 * <p>The 24-byte NaCl nonce is that counter's 8 little-endian bytes repeated three times
 * (docs/protocol/sws-v1-v2.md section 2). Data frames use the counter incremented once per frame in
 * each direction, with carry across all 64 bits and wrap from {@code ffffffffffffffff} to zero.
 * Instances are immutable.
 */
public final class Nonce {

	/** Length of the nonce on the wire, in bytes. */
	public static final int WIRE_LENGTH = 8;

	/** Length of the expanded NaCl nonce, in bytes. */
	public static final int EXPANDED_LENGTH = 24;

	private final long counter;

	private Nonce(long counter) {
		this.counter = counter;
	}

	/**
	 * Reads a nonce from its 8 wire bytes.
	 * @param wire exactly 8 bytes
	 * @return the nonce
	 * @throws IllegalArgumentException if the length is not 8
	 */
	public static Nonce fromWire(byte[] wire) {
		if (wire.length != WIRE_LENGTH) {
			throw new IllegalArgumentException("A nonce has 8 bytes, not " + wire.length);
		}
		long value = 0;
		for (int i = WIRE_LENGTH - 1; i >= 0; i--) {
			value = (value << 8) | (wire[i] & 0xFF);
		}
		return new Nonce(value);
	}

	/**
	 * Creates a nonce from its counter value.
	 * @param counter the unsigned 64-bit counter, as a Java {@code long}
	 * @return the nonce
	 */
	public static Nonce ofCounter(long counter) {
		return new Nonce(counter);
	}

	/**
	 * Draws a fresh random nonce.
	 * @param random the source
	 * @return the nonce
	 */
	public static Nonce random(RandomSource random) {
		return fromWire(random.bytes(WIRE_LENGTH));
	}

	/**
	 * Returns the unsigned 64-bit counter value.
	 * @return the counter (compare with {@link Long#compareUnsigned})
	 */
	public long counter() {
		return this.counter;
	}

	/**
	 * Returns the next nonce: the counter plus one, modulo 2^64.
	 * @return the next nonce
	 */
	public Nonce next() {
		return new Nonce(this.counter + 1);
	}

	/**
	 * Returns the 8 wire bytes.
	 * @return a new array, little-endian
	 */
	public byte[] toWire() {
		byte[] wire = new byte[WIRE_LENGTH];
		writeLittleEndian(this.counter, wire, 0);
		return wire;
	}

	/**
	 * Returns the 24-byte NaCl nonce: the wire bytes repeated three times.
	 * @return a new array
	 */
	public byte[] expand() {
		byte[] expanded = new byte[EXPANDED_LENGTH];
		expandInto(this.counter, expanded);
		return expanded;
	}

	/**
	 * Writes the 24-byte expansion of {@code counter} into {@code target}, for callers that reuse
	 * one buffer per direction.
	 * @param counter the counter
	 * @param target an array of at least 24 bytes
	 */
	public static void expandInto(long counter, byte[] target) {
		writeLittleEndian(counter, target, 0);
		System.arraycopy(target, 0, target, 8, 8);
		System.arraycopy(target, 0, target, 16, 8);
	}

	private static void writeLittleEndian(long value, byte[] target, int offset) {
		for (int i = 0; i < 8; i++) {
			target[offset + i] = (byte) (value >>> (8 * i));
		}
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return (other instanceof Nonce nonce) && nonce.counter == this.counter;
	}

	@Override
	public int hashCode() {
		return Long.hashCode(this.counter);
	}

	/**
	 * Nonces are public values: they travel in clear (ClientHello) or are derived from the
	 * transcript, so printing them is harmless.
	 */
	@Override
	public String toString() {
		return "Nonce[" + HexFormat.of().formatHex(toWire()) + "]";
	}

}
