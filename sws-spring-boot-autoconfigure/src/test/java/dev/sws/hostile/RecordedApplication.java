package dev.sws.hostile;

import java.util.List;

/**
 * What an application behind a hostile endpoint saw, by the peer's key: the sessions SWS opened
 * for it and the messages SWS delivered.
 */
interface RecordedApplication {

	/** How many sessions SWS opened for the peer with this public key. */
	int sessionsOf(byte[] publicKey);

	/** The messages SWS delivered from the peer with this public key. */
	List<String> messagesFrom(byte[] publicKey);

}
