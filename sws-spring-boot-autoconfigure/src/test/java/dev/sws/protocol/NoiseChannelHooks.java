package dev.sws.protocol;

/**
 * Test access to the counters of a v3 channel: counter exhaustion (docs/protocol/sws-v3.md
 * section 11) takes 2^64 - 1 messages of real traffic.
 */
public final class NoiseChannelHooks {

	private NoiseChannelHooks() {
	}

	/** Moves a v3 channel's counters to the next {@code n} it sends and expects. */
	public static void skipCounters(SecureChannel channel, long nextSend, long nextReceive) {
		((NoiseChannel) channel).skipCounters(nextSend, nextReceive);
	}

}
