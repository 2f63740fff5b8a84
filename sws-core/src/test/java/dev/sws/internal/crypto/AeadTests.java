package dev.sws.internal.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.sws.crypto.RandomSource;

import static dev.sws.testsupport.Vectors.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * ChaCha20-Poly1305 (IETF) and AES-256-GCM: the published vectors, agreement with the JDK's own
 * implementations (test-only cross-check), and refusals. AES-256-GCM runs only where libsodium
 * reports hardware support; this machine's CPU has it, and the check below says so when it does
 * not.
 */
class AeadTests {

	private static final byte[] EMPTY = new byte[0];

	/** Test case 16 of the GCM specification (McGrew and Viega): key, IV, AAD and plaintext. */
	private static final byte[] GCM_KEY = hex("feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308");

	private static final byte[] GCM_NONCE = hex("cafebabefacedbaddecaf888");

	private static final byte[] GCM_AD = hex("feedfacedeadbeeffeedfacedeadbeefabaddad2");

	private static final byte[] GCM_PLAINTEXT = hex("d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525"
			+ "b16aedf5aa0de657ba637b39");

	/** Its ciphertext and tag. */
	private static final byte[] GCM_CIPHERTEXT = hex("522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
			+ "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662" + "76fc6ece0f4e1768cddf8853bb2d551b");

	@BeforeAll
	static void reportAesGcmSupport() {
		if (!Aes256Gcm.isAvailable()) {
			System.err.println("AeadTests: crypto_aead_aes256gcm_is_available() is false on " + System.getProperty("os.arch")
					+ " (no AES-NI/CLMUL or ARMv8 crypto extensions): the AES-256-GCM tests are skipped");
		}
	}

	@Test
	void chaChaPolyRfc8439Section282() {
		byte[] key = hex("808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f");
		byte[] nonce = hex("070000004041424344454647");
		byte[] ad = hex("50515253c0c1c2c3c4c5c6c7");
		byte[] plaintext = ("Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future, "
				+ "sunscreen would be it.").getBytes(StandardCharsets.US_ASCII);
		byte[] expected = hex("d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d63dbea45e8ca9671282fafb69da92728b"
				+ "1a71de0a9e060b2905d6a5b67ecd3b3692ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc"
				+ "3ff4def08e4b7a9de576d26586cec64b6116" + "1ae10b594f09e26a7e902ecbd0600691");
		assertThat(ChaCha20Poly1305.encrypt(key, nonce, ad, plaintext)).isEqualTo(expected);
		assertThat(ChaCha20Poly1305.decrypt(key, nonce, ad, expected)).isEqualTo(plaintext);
	}

	@Test
	void aesGcmTestCase16OfTheGcmSpecification() {
		assumeAesGcm();
		assertThat(Aes256Gcm.encrypt(GCM_KEY, GCM_NONCE, GCM_AD, GCM_PLAINTEXT)).isEqualTo(GCM_CIPHERTEXT);
		assertThat(Aes256Gcm.decrypt(GCM_KEY, GCM_NONCE, GCM_AD, GCM_CIPHERTEXT)).isEqualTo(GCM_PLAINTEXT);
	}

	@Test
	void chaChaPolyAgreesWithTheJdk() throws GeneralSecurityException {
		assertAgreesWithTheJdk(ChaCha20Poly1305::encrypt, ChaCha20Poly1305::decrypt, (key, nonce) -> {
			Cipher jdk = Cipher.getInstance("ChaCha20-Poly1305");
			jdk.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "ChaCha20"), new IvParameterSpec(nonce));
			return jdk;
		});
	}

	@Test
	void aesGcmAgreesWithTheJdk() throws GeneralSecurityException {
		assumeAesGcm();
		assertAgreesWithTheJdk(Aes256Gcm::encrypt, Aes256Gcm::decrypt, (key, nonce) -> {
			Cipher jdk = Cipher.getInstance("AES/GCM/NoPadding");
			jdk.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
			return jdk;
		});
	}

	@Test
	void theJdksAesGcmAgreesWithLibsodiumBothWays() {
		assumeAesGcm();
		JdkAes256Gcm jdk = new JdkAes256Gcm();
		assertThat(jdk.encrypt(GCM_KEY, GCM_NONCE, GCM_AD, GCM_PLAINTEXT))
			.isEqualTo(Aes256Gcm.encrypt(GCM_KEY, GCM_NONCE, GCM_AD, GCM_PLAINTEXT))
			.isEqualTo(GCM_CIPHERTEXT);
		for (int length : new int[] { 0, 1, 16, 17, 1000, 70_000 }) {
			byte[] k = RandomSource.secure().bytes(32);
			byte[] n = RandomSource.secure().bytes(12);
			byte[] a = RandomSource.secure().bytes(length % 40);
			byte[] p = RandomSource.secure().bytes(length);
			assertThat(Aes256Gcm.decrypt(k, n, a, jdk.encrypt(k, n, a, p))).as("length %d", length).isEqualTo(p);
			assertThat(jdk.decrypt(k, n, a, Aes256Gcm.encrypt(k, n, a, p))).as("length %d", length).isEqualTo(p);
		}
	}

	@Test
	void theJdksAesGcmRefusesEveryFlippedBitAndShortInputAndSealsAFixedVectorTwice() {
		assumeAesGcm();
		JdkAes256Gcm jdk = new JdkAes256Gcm();
		assertRefusesTamperingAndShortInput(jdk::encrypt, jdk::decrypt);
		byte[] key = new byte[32];
		byte[] nonce = new byte[12];
		// fixed vectors encrypt twice with one key and nonce, which the JDK refuses on one Cipher
		assertThat(jdk.encrypt(key, nonce, EMPTY, EMPTY)).isEqualTo(jdk.encrypt(key, nonce, EMPTY, EMPTY));
		assertThatIllegalArgumentException().isThrownBy(() -> jdk.encrypt(new byte[16], nonce, EMPTY, EMPTY))
			.withMessage("An AEAD key has 32 bytes, not 16");
	}

	@Test
	void oneJdkAesGcmInstanceServesChangingKeysAndStartsAfreshAfterDestroy() {
		assumeAesGcm();
		JdkAes256Gcm jdk = new JdkAes256Gcm();
		byte[] other = RandomSource.secure().bytes(32);
		for (int i = 0; i < 3; i++) {
			byte[] nonce = new byte[12];
			nonce[11] = (byte) i;
			assertThat(jdk.encrypt(GCM_KEY, GCM_NONCE, GCM_AD, GCM_PLAINTEXT)).isEqualTo(GCM_CIPHERTEXT);
			assertThat(jdk.decrypt(other, nonce, EMPTY, Aes256Gcm.encrypt(other, nonce, EMPTY, GCM_PLAINTEXT)))
				.isEqualTo(GCM_PLAINTEXT);
			assertThat(jdk.decrypt(other, nonce, EMPTY, GCM_CIPHERTEXT)).as("a forgery under the other key").isNull();
			assertThat(jdk.decrypt(GCM_KEY, GCM_NONCE, GCM_AD, GCM_CIPHERTEXT)).isEqualTo(GCM_PLAINTEXT);
		}
		jdk.destroy();
		assertThat(jdk.encrypt(GCM_KEY, GCM_NONCE, GCM_AD, GCM_PLAINTEXT)).isEqualTo(GCM_CIPHERTEXT);
	}

	@Test
	void chaChaPolyRefusesEveryFlippedBitAndShortInput() {
		assertRefusesTamperingAndShortInput(ChaCha20Poly1305::encrypt, ChaCha20Poly1305::decrypt);
	}

	@Test
	void aesGcmRefusesEveryFlippedBitAndShortInput() {
		assumeAesGcm();
		assertRefusesTamperingAndShortInput(Aes256Gcm::encrypt, Aes256Gcm::decrypt);
	}

	@Test
	void wrongKeyOrNonceLengthsAreRefusedBeforeLibsodiumReadsThem() {
		assertThatIllegalArgumentException().isThrownBy(() -> ChaCha20Poly1305.encrypt(new byte[31], new byte[12], EMPTY, EMPTY))
			.withMessage("An AEAD key has 32 bytes, not 31");
		assertThatIllegalArgumentException().isThrownBy(() -> ChaCha20Poly1305.decrypt(new byte[32], new byte[8], EMPTY, new byte[16]))
			.withMessage("An AEAD nonce has 12 bytes, not 8");
		if (Aes256Gcm.isAvailable()) {
			assertThatIllegalArgumentException().isThrownBy(() -> Aes256Gcm.encrypt(new byte[16], new byte[12], EMPTY, EMPTY))
				.withMessage("An AEAD key has 32 bytes, not 16");
		}
	}

	private static void assertAgreesWithTheJdk(AeadFunction encrypt, AeadFunction decrypt, JdkCipher jdkCipher)
			throws GeneralSecurityException {
		for (int length : new int[] { 0, 1, 15, 16, 17, 63, 64, 65, 1000, 70_000 }) {
			byte[] key = RandomSource.secure().bytes(32);
			byte[] nonce = RandomSource.secure().bytes(12);
			byte[] ad = RandomSource.secure().bytes(length % 40);
			byte[] plaintext = RandomSource.secure().bytes(length);
			Cipher jdk = jdkCipher.forEncryption(key, nonce);
			jdk.updateAAD(ad);
			byte[] expected = jdk.doFinal(plaintext);
			assertThat(encrypt.apply(key, nonce, ad, plaintext)).as("length %d", length).isEqualTo(expected);
			assertThat(decrypt.apply(key, nonce, ad, expected)).isEqualTo(plaintext);
		}
	}

	private static void assertRefusesTamperingAndShortInput(AeadFunction encrypt, AeadFunction decrypt) {
		byte[] key = RandomSource.secure().bytes(32);
		byte[] nonce = RandomSource.secure().bytes(12);
		byte[] ad = "ad".getBytes(StandardCharsets.US_ASCII);
		byte[] sealed = encrypt.apply(key, nonce, ad, "hello".getBytes(StandardCharsets.US_ASCII));
		for (int bit = 0; bit < sealed.length * 8; bit++) {
			byte[] tampered = sealed.clone();
			tampered[bit / 8] ^= (byte) (1 << (bit % 8));
			assertThat(decrypt.apply(key, nonce, ad, tampered)).as("bit %d flipped", bit).isNull();
		}
		assertThat(decrypt.apply(key, nonce, EMPTY, sealed)).as("other ad").isNull();
		assertThat(decrypt.apply(key, nonce, ad, Arrays.copyOf(sealed, 15))).as("shorter than a tag").isNull();
		assertThat(decrypt.apply(key, nonce, ad, EMPTY)).isNull();
		assertThat(encrypt.apply(key, nonce, EMPTY, EMPTY)).hasSize(16);
	}

	private static void assumeAesGcm() {
		Assumptions.assumeTrue(Aes256Gcm.isAvailable(),
				"crypto_aead_aes256gcm_is_available() is false on this CPU: no AES-256-GCM");
	}

	/** The shape of both AEADs' encrypt and decrypt. */
	@FunctionalInterface
	private interface AeadFunction {

		byte[] apply(byte[] key, byte[] nonce, byte[] ad, byte[] input);

	}

	/** The JDK's implementation of the same AEAD, ready to encrypt. */
	@FunctionalInterface
	private interface JdkCipher {

		Cipher forEncryption(byte[] key, byte[] nonce) throws GeneralSecurityException;

	}

}
