package dev.sws.protocol;

import dev.sws.internal.crypto.Nonce;
import dev.sws.internal.crypto.SecretBoxKey;

/**
 * The secure context that a successful handshake produces: one secretbox key and one 64-bit
 * nonce counter per direction (SPEC section 5). Each application message is exactly one frame,
 * {@code secretbox(plaintext, counter)} = tag(16) || ciphertext; the counter advances by one per
 * frame and wraps modulo 2^64.
 *
 * <p>{@link #seal} and {@link #open} are each thread-safe, and each direction keeps its own lock.
 * A caller that must keep wire order equal to counter order (every WebSocket adapter) holds its
 * own send lock around {@code seal} and the send. A frame that fails to authenticate breaks the
 * receiving direction for good: the caller must close the session, and every later
 * {@code open} fails too.
 */
public final class SecureChannel {

	/** Bytes each frame adds to its plaintext. */
	public static final int OVERHEAD = SecretBoxKey.OVERHEAD;

	private final Direction tx;

	private final Direction rx;

	/**
	 * Creates a channel.
	 * @param txKey the key this side encrypts with (its own share key)
	 * @param txNonce the first nonce this side encrypts with
	 * @param rxKey the key this side decrypts with (the peer's share key)
	 * @param rxNonce the first nonce the peer encrypts with
	 */
	public SecureChannel(SecretBoxKey txKey, Nonce txNonce, SecretBoxKey rxKey, Nonce rxNonce) {
		this.tx = new Direction(txKey, txNonce.counter());
		this.rx = new Direction(rxKey, rxNonce.counter());
	}

	/**
	 * Encrypts one message under the next transmit counter.
	 * @param plaintext the message (may be empty)
	 * @return the frame to send, {@code plaintext.length + 16} bytes
	 */
	public byte[] seal(byte[] plaintext) {
		synchronized (this.tx) {
			return this.tx.seal(plaintext);
		}
	}

	/**
	 * Decrypts one frame under the next receive counter.
	 * @param frame the frame as received
	 * @return the plaintext
	 * @throws SwsProtocolException with {@link FailureReason#DECRYPT_FAILED} if the frame does not
	 * authenticate (or the channel already failed); the counter does not advance
	 */
	public byte[] open(byte[] frame) {
		synchronized (this.rx) {
			return this.rx.open(frame);
		}
	}

	/**
	 * Returns the next transmit counter, for diagnostics and tests.
	 * @return the counter of the next frame this side sends
	 */
	public long nextTransmitCounter() {
		synchronized (this.tx) {
			return this.tx.counter;
		}
	}

	/**
	 * Returns the next receive counter, for diagnostics and tests.
	 * @return the counter of the next frame this side expects
	 */
	public long nextReceiveCounter() {
		synchronized (this.rx) {
			return this.rx.counter;
		}
	}

	@Override
	public String toString() {
		return "SecureChannel[keys hidden]";
	}

	private static final class Direction {

		private final SecretBoxKey key;

		private final byte[] nonce24 = new byte[Nonce.EXPANDED_LENGTH];

		private long counter;

		private boolean failed;

		Direction(SecretBoxKey key, long counter) {
			this.key = key;
			this.counter = counter;
		}

		byte[] seal(byte[] plaintext) {
			Nonce.expandInto(this.counter, this.nonce24);
			byte[] frame = this.key.seal(plaintext, this.nonce24);
			this.counter++;
			return frame;
		}

		byte[] open(byte[] frame) {
			if (this.failed) {
				throw new SwsProtocolException(FailureReason.DECRYPT_FAILED, "The channel already failed to decrypt");
			}
			Nonce.expandInto(this.counter, this.nonce24);
			byte[] plaintext = this.key.open(frame, this.nonce24);
			if (plaintext == null) {
				this.failed = true;
				throw new SwsProtocolException(FailureReason.DECRYPT_FAILED,
						"A frame of " + frame.length + " bytes failed to authenticate");
			}
			this.counter++;
			return plaintext;
		}

	}

}
