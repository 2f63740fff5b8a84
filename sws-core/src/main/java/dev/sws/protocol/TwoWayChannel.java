package dev.sws.protocol;

/**
 * What every {@link SecureChannel} shares: two independent directions, each behind its own lock,
 * so that sealing and opening never wait for each other.
 */
abstract sealed class TwoWayChannel implements SecureChannel permits SecretBoxChannel, NoiseChannel {

	private final Direction tx;

	private final Direction rx;

	TwoWayChannel(Direction tx, Direction rx) {
		this.tx = tx;
		this.rx = rx;
	}

	@Override
	public final byte[] seal(byte[] plaintext) {
		synchronized (this.tx) {
			return this.tx.seal(plaintext);
		}
	}

	@Override
	public final byte[] open(byte[] frame) {
		synchronized (this.rx) {
			return this.rx.open(frame);
		}
	}

	@Override
	public final long getNextTransmitCounter() {
		synchronized (this.tx) {
			return this.tx.counter();
		}
	}

	@Override
	public final long getNextReceiveCounter() {
		synchronized (this.rx) {
			return this.rx.counter();
		}
	}

	/**
	 * One direction's key and counter; the channel calls it under the direction's lock.
	 */
	interface Direction {

		/**
		 * Encrypts under the next counter.
		 * @param plaintext the message
		 * @return the frame
		 */
		byte[] seal(byte[] plaintext);

		/**
		 * Decrypts under the next counter.
		 * @param frame the frame
		 * @return the plaintext
		 */
		byte[] open(byte[] frame);

		/**
		 * Returns the next counter.
		 * @return the counter (unsigned)
		 */
		long counter();

	}

}
