package dev.sws.internal.noise;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import dev.sws.internal.crypto.Aead;
import dev.sws.internal.crypto.Aes256Gcm;
import dev.sws.internal.crypto.ChaCha20Poly1305;
import dev.sws.internal.crypto.JdkAes256Gcm;

/**
 * The cipher functions of Noise sections 4.2 and 12.3-12.4: AEADs with a 32-byte key, a 64-bit
 * counter nonce {@code n} and a 16-byte tag, which differ in how {@code n} fills the 96-bit AEAD
 * nonce.
 */
@SuppressWarnings("ImmutableEnumChecker") // the suppliers are stateless: a constant, a constructor, () -> true
public enum NoiseCipher {

	/** ChaCha20-Poly1305 (RFC 8439); the nonce is 32 zero bits then {@code n} little-endian. */
	CHACHAPOLY("ChaChaPoly", false, () -> ChaCha20Poly1305.AEAD, () -> true),

	/**
	 * AES-256-GCM; the nonce is 32 zero bits then {@code n} big-endian. Only where
	 * {@link #isAvailable()}: where libsodium finds hardware AES. Computed by the JDK's provider
	 * ({@link JdkAes256Gcm}), whose intrinsics are 2-3 times as fast as libsodium's AES-GCM here;
	 * each cipher state has its own, so that the provider expands its key once, not per message.
	 */
	AESGCM("AESGCM", true, JdkAes256Gcm::new, Aes256Gcm::isAvailable);

	/** Length of a key, in bytes. */
	public static final int KEY_LENGTH = 32;

	/** Length of the authentication tag every encryption adds, in bytes. */
	public static final int TAG_LENGTH = 16;

	/** Length of the AEAD nonce {@link #writeNonce} fills. */
	static final int NONCE_LENGTH = 12;

	private final String name;

	private final boolean bigEndianNonce;

	private final Supplier<Aead> aeads;

	private final BooleanSupplier availability;

	NoiseCipher(String name, boolean bigEndianNonce, Supplier<Aead> aeads, BooleanSupplier availability) {
		this.name = name;
		this.bigEndianNonce = bigEndianNonce;
		this.aeads = aeads;
		this.availability = availability;
	}

	/**
	 * Returns the name in protocol names, for example {@code ChaChaPoly}.
	 * @return the name
	 */
	public String getName() {
		return this.name;
	}

	/**
	 * Tells whether this cipher can run here: always for ChaChaPoly; for AESGCM only where
	 * libsodium finds hardware AES ({@code crypto_aead_aes256gcm_is_available}).
	 * @return {@code true} if usable
	 */
	public boolean isAvailable() {
		return this.availability.getAsBoolean();
	}

	static @Nullable NoiseCipher named(String name) {
		for (NoiseCipher cipher : values()) {
			if (cipher.name.equals(name)) {
				return cipher;
			}
		}
		return null;
	}

	/**
	 * Writes the AEAD nonce for counter {@code n} into the last eight bytes; the first four stay
	 * zero.
	 * @param n the unsigned 64-bit counter
	 * @param nonce a 12-byte array whose first four bytes are zero
	 */
	void writeNonce(long n, byte[] nonce) {
		for (int i = 0; i < 8; i++) {
			nonce[this.bigEndianNonce ? 11 - i : 4 + i] = (byte) (n >>> (8 * i));
		}
	}

	/**
	 * Returns the AEAD for one cipher state: {@code ENCRYPT} and {@code DECRYPT} of Noise section
	 * 4.2 with the nonce {@link #writeNonce} made. Not to be shared between threads.
	 * @return a stateless shared instance (ChaChaPoly) or a new one (AESGCM)
	 */
	Aead newAead() {
		return this.aeads.get();
	}

}
