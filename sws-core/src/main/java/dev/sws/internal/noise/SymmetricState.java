package dev.sws.internal.noise;

import java.util.Arrays;

/**
 * The SymmetricState of Noise section 5.2: the chaining key {@code ck}, the handshake hash
 * {@code h} and a {@link CipherState}. PSK operations ({@code MixKeyAndHash}) are not needed by
 * the supported patterns and are left out.
 */
final class SymmetricState {

	private final NoiseProtocol protocol;

	private final NoiseHash hash;

	private final CipherState cipherState;

	private final byte[] ck;

	private byte[] h;

	/**
	 * {@code InitializeSymmetric(protocol_name)}: {@code h} is the name padded with zeros to
	 * HASHLEN, or its hash if longer; {@code ck = h}; no key.
	 * @param protocol the protocol whose name starts the transcript
	 */
	SymmetricState(NoiseProtocol protocol) {
		this.protocol = protocol;
		this.hash = protocol.getHash();
		byte[] name = protocol.nameBytes();
		this.h = (name.length <= this.hash.getHashLength()) ? Arrays.copyOf(name, this.hash.getHashLength())
				: this.hash.hash(name);
		this.ck = this.h.clone();
		this.cipherState = new CipherState(protocol.getCipher());
	}

	/**
	 * {@code MixKey(input_key_material)}: {@code ck, temp_k = HKDF(ck, ikm, 2)}, the key truncated to
	 * 32 bytes.
	 * @param inputKeyMaterial a DH result
	 */
	void mixKey(byte[] inputKeyMaterial) {
		byte[][] out = this.hash.hkdf(this.ck, inputKeyMaterial, 2);
		System.arraycopy(out[0], 0, this.ck, 0, this.ck.length);
		byte[] key = Arrays.copyOf(out[1], NoiseCipher.KEY_LENGTH);
		this.cipherState.initializeKey(key);
		Arrays.fill(key, (byte) 0);
		wipe(out);
	}

	/**
	 * {@code MixHash(data)}: {@code h = HASH(h || data)}.
	 * @param data the bytes to bind into the transcript
	 */
	void mixHash(byte[] data) {
		this.h = this.hash.hash(this.h, data);
	}

	boolean hasKey() {
		return this.cipherState.hasKey();
	}

	/**
	 * {@code EncryptAndHash(plaintext)}.
	 * @param plaintext the bytes to encrypt (sent in clear before the first key)
	 * @return the ciphertext
	 */
	byte[] encryptAndHash(byte[] plaintext) {
		byte[] ciphertext = this.cipherState.encryptWithAd(this.h, plaintext);
		mixHash(ciphertext);
		return ciphertext;
	}

	/**
	 * {@code DecryptAndHash(ciphertext)}.
	 * @param ciphertext the bytes received
	 * @return the plaintext
	 * @throws NoiseException if the ciphertext does not authenticate
	 */
	byte[] decryptAndHash(byte[] ciphertext) {
		byte[] plaintext = this.cipherState.decryptWithAd(this.h, ciphertext);
		mixHash(ciphertext);
		return plaintext;
	}

	/**
	 * {@code GetHandshakeHash()}.
	 * @return a copy of {@code h}
	 */
	byte[] getHandshakeHash() {
		return this.h.clone();
	}

	/**
	 * {@code Split()}: {@code temp_k1, temp_k2 = HKDF(ck, empty, 2)}, truncated to 32 bytes, as the
	 * keys of two fresh cipher states.
	 * @param role the role of the side that splits
	 * @return the initiator-to-responder and responder-to-initiator cipher states
	 */
	CipherStatePair split(NoiseRole role) {
		byte[][] out = this.hash.hkdf(this.ck, new byte[0], 2);
		CipherState initiatorToResponder = new CipherState(this.protocol.getCipher());
		CipherState responderToInitiator = new CipherState(this.protocol.getCipher());
		byte[] key1 = Arrays.copyOf(out[0], NoiseCipher.KEY_LENGTH);
		byte[] key2 = Arrays.copyOf(out[1], NoiseCipher.KEY_LENGTH);
		initiatorToResponder.initializeKey(key1);
		responderToInitiator.initializeKey(key2);
		wipe(out);
		Arrays.fill(key1, (byte) 0);
		Arrays.fill(key2, (byte) 0);
		return new CipherStatePair(role, initiatorToResponder, responderToInitiator);
	}

	/**
	 * Zeroes {@code ck} and the handshake cipher key; {@code h}, which is not secret, stays.
	 */
	void destroy() {
		Arrays.fill(this.ck, (byte) 0);
		this.cipherState.destroy();
	}

	private static void wipe(byte[][] arrays) {
		for (byte[] array : arrays) {
			Arrays.fill(array, (byte) 0);
		}
	}

	@Override
	public String toString() {
		return "SymmetricState[" + this.protocol + ", keys hidden]";
	}

}
