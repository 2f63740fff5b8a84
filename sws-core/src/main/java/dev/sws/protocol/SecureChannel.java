package dev.sws.protocol;

import dev.sws.internal.crypto.Nonce;
import dev.sws.internal.crypto.SecretBoxKey;

/**
 * The secure context that a successful handshake produces, the same for every protocol version:
 * one key and one message counter per direction. Each application message is exactly one binary
 * frame of {@code plaintext.length + 16} bytes, and the counters are implicit, so frames must be
 * opened in the order they were sealed.
 * <ul>
 * <li>v1/v2: secretbox (XSalsa20-Poly1305), tag first; 64-bit counters from a random start that
 * wrap modulo 2^64 (docs/protocol/sws-v1-v2.md section 5).</li>
 * <li>v3: the Noise cipher states of the handshake (ChaCha20-Poly1305 or AES-256-GCM), tag last;
 * counters from 0 that never wrap: at 2^64 - 1 {@code seal} and {@code open} fail with
 * {@link FailureReason#COUNTER_EXHAUSTED}. Each direction rekeys after the thresholds its sender
 * announced (docs/protocol/sws-v3.md sections 9 to 11).</li>
 * </ul>
 *
 * <p>{@link #seal} and {@link #open} are each thread-safe, and each direction keeps its own lock.
 * A caller that must keep wire order equal to counter order (every WebSocket adapter) holds its
 * own send lock around {@code seal} and the send. A frame that fails to authenticate breaks the
 * receiving direction for good: the caller must close the session, and every later
 * {@code open} fails too. Both directions allocate exactly one array per message, the result.
 */
public sealed interface SecureChannel permits TwoWayChannel {

	/** Bytes each frame adds to its plaintext. */
	int OVERHEAD = 16;

	/**
	 * Creates a v1/v2 channel, as a v1/v2 handshake ends; for tests and tools that play a peer.
	 * @param txKey the key this side encrypts with (its own share key)
	 * @param txNonce the first nonce this side encrypts with
	 * @param rxKey the key this side decrypts with (the peer's share key)
	 * @param rxNonce the first nonce the peer encrypts with
	 * @return the channel
	 */
	static SecureChannel secretBox(SecretBoxKey txKey, Nonce txNonce, SecretBoxKey rxKey, Nonce rxNonce) {
		return new SecretBoxChannel(txKey, txNonce, rxKey, rxNonce);
	}

	/**
	 * Encrypts one message under the next transmit counter.
	 * @param plaintext the message (may be empty)
	 * @return the frame to send, {@code plaintext.length + 16} bytes
	 * @throws SwsProtocolException with {@link FailureReason#COUNTER_EXHAUSTED} if a v3 direction
	 * reached the reserved counter 2^64 - 1 (nothing is encrypted)
	 */
	byte[] seal(byte[] plaintext);

	/**
	 * Decrypts one frame under the next receive counter.
	 * @param frame the frame as received
	 * @return the plaintext
	 * @throws SwsProtocolException with {@link FailureReason#DECRYPT_FAILED} if the frame does not
	 * authenticate, is shorter than 16 bytes, or the channel already failed (the counter does not
	 * advance); with {@link FailureReason#COUNTER_EXHAUSTED} if a v3 direction reached 2^64 - 1
	 */
	byte[] open(byte[] frame);

	/**
	 * Returns the next transmit counter, for diagnostics and tests.
	 * @return the counter of the next frame this side sends (unsigned)
	 */
	long getNextTransmitCounter();

	/**
	 * Returns the next receive counter, for diagnostics and tests.
	 * @return the counter of the next frame this side expects (unsigned)
	 */
	long getNextReceiveCounter();

}
