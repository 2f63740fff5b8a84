package dev.sws.internal.noise;

/**
 * The result of {@code Split()} (Noise section 5.2): one {@link CipherState} per direction. The
 * initiator sends with the first, the responder with the second.
 */
public final class CipherStatePair {

	private final NoiseRole role;

	private final CipherState initiatorToResponder;

	private final CipherState responderToInitiator;

	CipherStatePair(NoiseRole role, CipherState initiatorToResponder, CipherState responderToInitiator) {
		this.role = role;
		this.initiatorToResponder = initiatorToResponder;
		this.responderToInitiator = responderToInitiator;
	}

	/**
	 * Returns the cipher state this side encrypts with.
	 * @return the initiator-to-responder state on the initiator, the other on the responder
	 */
	public CipherState getSender() {
		return (this.role == NoiseRole.INITIATOR) ? this.initiatorToResponder : this.responderToInitiator;
	}

	/**
	 * Returns the cipher state this side decrypts with.
	 * @return the responder-to-initiator state on the initiator, the other on the responder
	 */
	public CipherState getReceiver() {
		return (this.role == NoiseRole.INITIATOR) ? this.responderToInitiator : this.initiatorToResponder;
	}

	/**
	 * Returns Noise's first cipher state, {@code c1}.
	 * @return the state for messages from the initiator to the responder
	 */
	public CipherState getInitiatorToResponder() {
		return this.initiatorToResponder;
	}

	/**
	 * Returns Noise's second cipher state, {@code c2}.
	 * @return the state for messages from the responder to the initiator
	 */
	public CipherState getResponderToInitiator() {
		return this.responderToInitiator;
	}

	/**
	 * Zeroes both keys; every later use fails with {@link NoiseFailure#WRONG_STATE}.
	 */
	public void destroy() {
		this.initiatorToResponder.destroy();
		this.responderToInitiator.destroy();
	}

	@Override
	public String toString() {
		return "CipherStatePair[" + this.role.name().toLowerCase(java.util.Locale.ROOT) + ", keys hidden]";
	}

}
