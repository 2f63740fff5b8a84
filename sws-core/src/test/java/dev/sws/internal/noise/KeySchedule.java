package dev.sws.internal.noise;

/**
 * Test-only access to a Noise {@link SymmetricState}, for tests outside this package that compute
 * what a {@link HandshakeState} will not: a forger who puts a low-order key into a message, or an
 * eavesdropper who replays the key schedule of a recorded handshake with the secrets it holds.
 */
public final class KeySchedule {

	private final SymmetricState state;

	private KeySchedule(SymmetricState state) {
		this.state = state;
	}

	/**
	 * {@code InitializeSymmetric(protocol_name)}, then {@code MixHash(prologue)}.
	 * @param protocolName the Noise protocol name
	 * @param prologue the prologue
	 * @return the schedule
	 */
	public static KeySchedule start(String protocolName, byte[] prologue) {
		SymmetricState state = new SymmetricState(NoiseProtocol.parse(protocolName));
		state.mixHash(prologue);
		return new KeySchedule(state);
	}

	/**
	 * {@code MixHash(data)}.
	 * @param data the bytes
	 * @return this schedule
	 */
	public KeySchedule mixHash(byte[] data) {
		this.state.mixHash(data);
		return this;
	}

	/**
	 * {@code MixKey(input_key_material)}.
	 * @param inputKeyMaterial a DH result, or what an attacker tries in its place
	 * @return this schedule
	 */
	public KeySchedule mixKey(byte[] inputKeyMaterial) {
		this.state.mixKey(inputKeyMaterial);
		return this;
	}

	/**
	 * {@code EncryptAndHash(plaintext)}.
	 * @param plaintext the plaintext
	 * @return the ciphertext
	 */
	public byte[] encryptAndHash(byte[] plaintext) {
		return this.state.encryptAndHash(plaintext);
	}

	/**
	 * {@code DecryptAndHash(ciphertext)}.
	 * @param ciphertext the ciphertext
	 * @return the plaintext
	 * @throws NoiseException if it does not authenticate
	 */
	public byte[] decryptAndHash(byte[] ciphertext) {
		return this.state.decryptAndHash(ciphertext);
	}

	/**
	 * {@code Split()}.
	 * @param role the side whose view to take
	 * @return the transport cipher states
	 */
	public CipherStatePair split(NoiseRole role) {
		return this.state.split(role);
	}

}
