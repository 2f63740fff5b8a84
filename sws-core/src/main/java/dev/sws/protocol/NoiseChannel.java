package dev.sws.protocol;

import dev.sws.internal.noise.CipherState;
import dev.sws.internal.noise.NoiseException;
import dev.sws.internal.noise.NoiseFailure;

/**
 * The v3 channel (docs/protocol/sws-v3.md sections 9 to 11): the two Noise cipher states of
 * {@code Split()}, one per direction. A frame is {@code EncryptWithAd(empty, plaintext)} of the
 * sender's cipher state, ciphertext || 16-byte tag, under the implicit counter {@code n}; frames
 * may exceed Noise's 65,535 bytes (the WebSocket message frames them, and the AEADs allow far
 * more). After the message that makes a direction reach its sender's announced thresholds, both
 * sides apply {@code Rekey()} to that direction. {@code n} never wraps: at 2^64 - 1 the direction
 * fails with {@link FailureReason#COUNTER_EXHAUSTED}.
 *
 * <p>The transport path allocates one array per message, the result of the AEAD.
 */
final class NoiseChannel extends TwoWayChannel {

	private final NoiseDirection tx;

	private final NoiseDirection rx;

	/**
	 * Creates a channel from the handshake's cipher states.
	 * @param sender the cipher state this side encrypts with
	 * @param sendRekey the thresholds this side announced for its sending direction
	 * @param receiver the cipher state this side decrypts with
	 * @param receiveRekey the thresholds the peer announced for its sending direction
	 */
	NoiseChannel(CipherState sender, RekeyThresholds sendRekey, CipherState receiver, RekeyThresholds receiveRekey) {
		this(new NoiseDirection(sender, sendRekey), new NoiseDirection(receiver, receiveRekey));
	}

	private NoiseChannel(NoiseDirection tx, NoiseDirection rx) {
		super(tx, rx);
		this.tx = tx;
		this.rx = rx;
	}

	/**
	 * Zeroes both keys, for a handshake that fails after {@code Split()}; every later use fails.
	 */
	void destroy() {
		synchronized (this.tx) {
			this.tx.state.destroy();
		}
		synchronized (this.rx) {
			this.rx.state.destroy();
		}
	}

	/**
	 * Moves both counters forward: a test hook for counter exhaustion (section 11), which real
	 * traffic reaches only after 2^64 - 1 messages.
	 * @param nextSend the next {@code n} this side sends with
	 * @param nextReceive the next {@code n} this side expects
	 */
	void skipCounters(long nextSend, long nextReceive) {
		synchronized (this.tx) {
			this.tx.state.setNonce(nextSend);
		}
		synchronized (this.rx) {
			this.rx.state.setNonce(nextReceive);
		}
	}

	@Override
	public String toString() {
		return "SecureChannel[v3 " + this.tx.state.getCipher().getName() + ", keys hidden]";
	}

	/** One direction: its cipher state, the thresholds that apply to it, and the counts since the last rekey. */
	private static final class NoiseDirection implements Direction {

		private final CipherState state;

		private final RekeyThresholds thresholds;

		private long messages;

		private long bytes;

		private boolean failed;

		NoiseDirection(CipherState state, RekeyThresholds thresholds) {
			this.state = state;
			this.thresholds = thresholds;
		}

		@Override
		public byte[] seal(byte[] plaintext) {
			byte[] frame;
			try {
				frame = this.state.encrypt(plaintext);
			}
			catch (NoiseException ex) {
				throw failure(ex);
			}
			counted(frame.length);
			return frame;
		}

		@Override
		public byte[] open(byte[] frame) {
			if (this.failed) {
				throw new SwsProtocolException(FailureReason.DECRYPT_FAILED, "The channel already failed to decrypt");
			}
			byte[] plaintext;
			try {
				plaintext = this.state.decrypt(frame);
			}
			catch (NoiseException ex) {
				// an exhausted counter stays exhausted by itself; anything else breaks the direction
				this.failed = ex.getReason() != NoiseFailure.COUNTER_EXHAUSTED;
				throw failure(ex);
			}
			counted(frame.length);
			return plaintext;
		}

		@Override
		public long counter() {
			return this.state.getNonce();
		}

		/** Applies the rekey rule of section 10 after one message of {@code length} ciphertext bytes. */
		private void counted(int length) {
			this.messages++;
			this.bytes += length;
			if (this.messages >= this.thresholds.messages() || this.bytes >= this.thresholds.bytes()) {
				this.state.rekey();
				this.messages = 0;
				this.bytes = 0;
			}
		}

		private static SwsProtocolException failure(NoiseException ex) {
			return switch (ex.getReason()) {
				case COUNTER_EXHAUSTED -> new SwsProtocolException(FailureReason.COUNTER_EXHAUSTED,
						"The v3 message counter reached 2^64 - 1; reconnect for fresh keys");
				case DECRYPT_FAILED, MALFORMED -> new SwsProtocolException(FailureReason.DECRYPT_FAILED, ex.getDetail());
				default -> new SwsProtocolException(FailureReason.INTERNAL_ERROR, ex.getDetail());
			};
		}

	}

}
