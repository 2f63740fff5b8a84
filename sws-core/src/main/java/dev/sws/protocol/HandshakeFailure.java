package dev.sws.protocol;

/**
 * A terminal handshake failure: the reason (which gives the close code) and a one-line detail for
 * the debug log, free of key material.
 *
 * @param reason why the handshake failed
 * @param detail what exactly was wrong
 */
public record HandshakeFailure(FailureReason reason, String detail) {

	/**
	 * Returns the close code to send to the peer.
	 * @return the close code
	 */
	public int closeCode() {
		return this.reason.getCloseCode();
	}

	@Override
	public String toString() {
		return this.reason.getTag() + ": " + this.detail;
	}

}
