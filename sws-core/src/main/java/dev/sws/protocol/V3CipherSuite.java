package dev.sws.protocol;

import java.util.Optional;

import dev.sws.internal.noise.NoiseProtocol;

/**
 * The cipher suites of SWS v3 (docs/protocol/sws-v3.md section 3): one byte on the wire that names a
 * complete Noise protocol, always the pattern XX with the DH function 25519. The client offers
 * suites in its order of preference; the server picks the first one it implements and is willing
 * to use.
 */
@SuppressWarnings("ImmutableEnumChecker") // NoiseProtocol is immutable: final fields of enums and a String
public enum V3CipherSuite {

	/** {@code 0x01}, {@code Noise_XX_25519_ChaChaPoly_BLAKE2b}: every client and server has it. */
	CHACHAPOLY_BLAKE2B(0x01, "Noise_XX_25519_ChaChaPoly_BLAKE2b"),

	/**
	 * {@code 0x02}, {@code Noise_XX_25519_AESGCM_SHA256}: optional, and only where libsodium runs
	 * AES-256-GCM on hardware support ({@link #isAvailable()}), since a table-based software AES
	 * leaks its key through cache timing. Faster than ChaChaPoly for large messages on CPUs with
	 * AES instructions.
	 */
	AESGCM_SHA256(0x02, "Noise_XX_25519_AESGCM_SHA256");

	private final int id;

	private final NoiseProtocol protocol;

	V3CipherSuite(int id, String protocolName) {
		this.id = id;
		this.protocol = NoiseProtocol.parse(protocolName);
	}

	/**
	 * Returns the suite's id on the wire.
	 * @return {@code 0x01} or {@code 0x02}
	 */
	public int getId() {
		return this.id;
	}

	/**
	 * Returns the Noise protocol name, which starts the handshake hash.
	 * @return for example {@code Noise_XX_25519_ChaChaPoly_BLAKE2b}
	 */
	public String getProtocolName() {
		return this.protocol.getName();
	}

	/**
	 * Tells whether this machine can run the suite: always for ChaChaPoly; for AES-GCM only
	 * where libsodium reports hardware support ({@code crypto_aead_aes256gcm_is_available}).
	 * @return {@code true} if usable here
	 */
	public boolean isAvailable() {
		return this.protocol.getCipher().isAvailable();
	}

	/**
	 * Looks a suite up by its id.
	 * @param id the byte on the wire, 0 to 255
	 * @return the suite, or empty for a reserved id
	 */
	public static Optional<V3CipherSuite> ofId(int id) {
		for (V3CipherSuite suite : values()) {
			if (suite.id == id) {
				return Optional.of(suite);
			}
		}
		return Optional.empty();
	}

	NoiseProtocol protocol() {
		return this.protocol;
	}

}
