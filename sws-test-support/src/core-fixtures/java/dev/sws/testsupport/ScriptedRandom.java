package dev.sws.testsupport;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import dev.sws.crypto.RandomSource;

/**
 * A {@link RandomSource} that replays recorded outputs in call order and fails loudly when a
 * request does not match the next recording's length or the recordings run out.
 */
public final class ScriptedRandom implements RandomSource {

	private final Deque<byte[]> outputs;

	/**
	 * Creates a source replaying {@code outputs}.
	 * @param outputs the outputs in call order
	 */
	public ScriptedRandom(List<byte[]> outputs) {
		this.outputs = new ArrayDeque<>(outputs);
	}

	@Override
	public synchronized void nextBytes(byte[] bytes) {
		byte[] next = this.outputs.poll();
		if (next == null) {
			throw new AssertionError("No recorded random output left for a request of " + bytes.length + " bytes");
		}
		if (next.length != bytes.length) {
			throw new AssertionError("Recorded output has " + next.length + " bytes but " + bytes.length + " were requested");
		}
		System.arraycopy(next, 0, bytes, 0, bytes.length);
	}

	/**
	 * Returns how many recorded outputs are still unused.
	 * @return the count
	 */
	public synchronized int remaining() {
		return this.outputs.size();
	}

}
