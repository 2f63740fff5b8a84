package dev.sws.crypto;

/**
 * {@link RandomSource} backed by libsodium's {@code randombytes_buf}.
 */
final class SodiumRandomSource implements RandomSource {

	static final SodiumRandomSource INSTANCE = new SodiumRandomSource();

	private SodiumRandomSource() {
	}

	@Override
	public void nextBytes(byte[] bytes) {
		Sodium.lib().randombytes_buf(bytes, bytes.length);
	}

	@Override
	public String toString() {
		return "libsodium randombytes_buf";
	}

}
