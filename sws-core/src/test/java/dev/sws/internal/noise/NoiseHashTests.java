package dev.sws.internal.noise;

import java.security.GeneralSecurityException;
import java.util.Arrays;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import dev.sws.crypto.RandomSource;
import dev.sws.internal.crypto.Blake2b;

import static dev.sws.testsupport.Vectors.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * HMAC and HKDF as Noise section 4.3 builds them: HMAC-SHA256 against RFC 4231 and the JDK
 * (test-only cross-check), HMAC-BLAKE2b against RFC 2104 spelled out, HKDF against its
 * definition. The cacophony vectors check both again end to end.
 */
class NoiseHashTests {

	@Test
	void hmacSha256Rfc4231TestCase2() {
		assertThat(NoiseHash.SHA256.hmac("Jefe".getBytes(), "what do ya want for nothing?".getBytes()))
			.isEqualTo(hex("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"));
	}

	@Test
	void hmacSha256AgreesWithTheJdkForShortBlockSizedAndLongKeys() throws GeneralSecurityException {
		for (int keyLength : new int[] { 0, 1, 32, 63, 64, 65, 200 }) {
			byte[] key = RandomSource.secure().bytes(keyLength);
			byte[] data = RandomSource.secure().bytes(keyLength * 3 + 1);
			assertThat(NoiseHash.SHA256.hmac(key, data)).as("key of %d bytes", keyLength).isEqualTo(jdkHmac(key, data));
		}
	}

	@Test
	void hmacBlake2bIsRfc2104WithA128ByteBlock() {
		byte[] key = RandomSource.secure().bytes(64);
		byte[] data = RandomSource.secure().bytes(100);
		byte[] inner = Blake2b.hash512(concat(xor(Arrays.copyOf(key, 128), 0x36), data));
		byte[] expected = Blake2b.hash512(concat(xor(Arrays.copyOf(key, 128), 0x5c), inner));
		assertThat(NoiseHash.BLAKE2B.hmac(key, data)).isEqualTo(expected);
		assertThat(NoiseHash.BLAKE2B.getHashLength()).isEqualTo(64);
		assertThat(NoiseHash.BLAKE2B.getBlockLength()).isEqualTo(128);
	}

	@Test
	void hkdfIsNoiseSection43() throws GeneralSecurityException {
		byte[] chainingKey = RandomSource.secure().bytes(32);
		byte[] inputKeyMaterial = RandomSource.secure().bytes(32);
		byte[] tempKey = jdkHmac(chainingKey, inputKeyMaterial);
		byte[] output1 = jdkHmac(tempKey, new byte[] { 1 });
		byte[] output2 = jdkHmac(tempKey, concat(output1, new byte[] { 2 }));
		byte[] output3 = jdkHmac(tempKey, concat(output2, new byte[] { 3 }));
		assertThat(NoiseHash.SHA256.hkdf(chainingKey, inputKeyMaterial, 3)).isDeepEqualTo(new byte[][] { output1, output2, output3 });
		assertThat(NoiseHash.SHA256.hkdf(chainingKey, inputKeyMaterial, 2)).isDeepEqualTo(new byte[][] { output1, output2 });
		assertThat(NoiseHash.SHA256.hkdf(chainingKey, new byte[0], 2)[0])
			.isEqualTo(jdkHmac(jdkHmac(chainingKey, new byte[0]), new byte[] { 1 }));
		assertThatIllegalArgumentException().isThrownBy(() -> NoiseHash.SHA256.hkdf(chainingKey, inputKeyMaterial, 4));
	}

	private static byte[] jdkHmac(byte[] key, byte[] data) throws GeneralSecurityException {
		Mac mac = Mac.getInstance("HmacSHA256");
		// the JDK refuses an empty key spec; RFC 2104 pads it to zeros, exactly like a one-zero-byte key
		mac.init(new SecretKeySpec((key.length == 0) ? new byte[1] : key, "HmacSHA256"));
		return mac.doFinal(data);
	}

	private static byte[] xor(byte[] bytes, int pad) {
		for (int i = 0; i < bytes.length; i++) {
			bytes[i] ^= (byte) pad;
		}
		return bytes;
	}

	private static byte[] concat(byte[] a, byte[] b) {
		byte[] joined = Arrays.copyOf(a, a.length + b.length);
		System.arraycopy(b, 0, joined, a.length, b.length);
		return joined;
	}

}
