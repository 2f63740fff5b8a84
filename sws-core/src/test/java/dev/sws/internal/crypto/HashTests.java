package dev.sws.internal.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import org.junit.jupiter.api.Test;

import dev.sws.crypto.RandomSource;

import static dev.sws.testsupport.Vectors.hex;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * SHA-256 and BLAKE2b-512 against their published vectors (FIPS 180-2 appendix B, RFC 7693
 * appendix A).
 */
class HashTests {

	private static final byte[] ABC = "abc".getBytes(StandardCharsets.US_ASCII);

	@Test
	void sha256() throws NoSuchAlgorithmException {
		assertThat(Sha256.hash(ABC)).isEqualTo(hex("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
		assertThat(Sha256.hash(new byte[0]))
			.isEqualTo(hex("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
		byte[] large = RandomSource.secure().bytes(100_000);
		assertThat(Sha256.hash(large)).isEqualTo(MessageDigest.getInstance("SHA-256").digest(large));
	}

	@Test
	void blake2b512() {
		assertThat(Blake2b.hash512(ABC)).isEqualTo(hex("ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d1"
				+ "7d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923"));
		assertThat(Blake2b.hash512(new byte[0])).isEqualTo(hex("786a02f742015903c6c6fd852552d272912f4740e15847618a86e217f71f5419"
				+ "d25e1031afee585313896444934eb04b903a685b1448b755d56f701afe9be2ce"));
	}

}
