package dev.sws.protocol;

import dev.sws.internal.crypto.Nonce;
import dev.sws.internal.crypto.SecretBoxKey;

/**
 * The v1/v2 channel: one secretbox key and one 64-bit nonce counter per direction
 * (docs/protocol/sws-v1-v2.md section 5). Each application message is exactly one frame,
 * {@code secretbox(plaintext, counter)} = tag(16) || ciphertext; the counter advances by one per
 * frame and wraps modulo 2^64.
 */
final class SecretBoxChannel extends TwoWayChannel {

	/**
	 * Creates a channel; {@link SecureChannel#secretBox} is the public way.
	 * @param txKey the key this side encrypts with (its own share key)
	 * @param txNonce the first nonce this side encrypts with
	 * @param rxKey the key this side decrypts with (the peer's share key)
	 * @param rxNonce the first nonce the peer encrypts with
	 */
	SecretBoxChannel(SecretBoxKey txKey, Nonce txNonce, SecretBoxKey rxKey, Nonce rxNonce) {
		super(new SecretBoxDirection(txKey, txNonce.counter()), new SecretBoxDirection(rxKey, rxNonce.counter()));
	}

	@Override
	public String toString() {
		return "SecureChannel[secretbox, keys hidden]";
	}

	private static final class SecretBoxDirection implements Direction {

		private final SecretBoxKey key;

		private final byte[] nonce24 = new byte[Nonce.EXPANDED_LENGTH];

		private long counter;

		private boolean failed;

		SecretBoxDirection(SecretBoxKey key, long counter) {
			this.key = key;
			this.counter = counter;
		}

		@Override
		public byte[] seal(byte[] plaintext) {
			Nonce.expandInto(this.counter, this.nonce24);
			byte[] frame = this.key.seal(plaintext, this.nonce24);
			this.counter++;
			return frame;
		}

		@Override
		public byte[] open(byte[] frame) {
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

		@Override
		public long counter() {
			return this.counter;
		}

	}

}
