package dev.sws.hostile;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import dev.sws.crypto.KeyFingerprint;
import dev.sws.protocol.PeerIdentity;

/**
 * What an application behind a hostile endpoint saw, by the peer's key: the sessions SWS opened
 * for it and the messages SWS delivered. "Nothing reached the application" is then a question
 * about one key. The servlet stack's {@link ApplicationRecorder} and the reactive stack's recorder
 * ({@link ReactiveHostileServer}) both fill one.
 */
final class PeerRecordings {

	private final Map<String, AtomicInteger> opened = new ConcurrentHashMap<>();

	private final Map<String, List<String>> delivered = new ConcurrentHashMap<>();

	/** Records a session SWS opened for {@code peer} (null: not an SWS session). */
	void opened(PeerIdentity peer) {
		this.opened.computeIfAbsent(key(peer), (key) -> new AtomicInteger()).incrementAndGet();
	}

	/** Records a message SWS delivered from {@code peer}. */
	void delivered(PeerIdentity peer, String text) {
		this.delivered.computeIfAbsent(key(peer), (key) -> new CopyOnWriteArrayList<>()).add(text);
	}

	/** How many sessions SWS opened for the peer with this public key. */
	int sessionsOf(byte[] publicKey) {
		AtomicInteger count = this.opened.get(KeyFingerprint.of(publicKey));
		return (count != null) ? count.get() : 0;
	}

	/** The messages SWS delivered from the peer with this public key. */
	List<String> messagesFrom(byte[] publicKey) {
		return List.copyOf(this.delivered.getOrDefault(KeyFingerprint.of(publicKey), List.of()));
	}

	private static String key(PeerIdentity peer) {
		return (peer != null) ? peer.getFingerprint() : "not-sws";
	}

}
