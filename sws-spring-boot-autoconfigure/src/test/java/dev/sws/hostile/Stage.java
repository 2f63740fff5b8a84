package dev.sws.hostile;

/**
 * Where a hostile case makes the connection fail.
 */
enum Stage {

	/** The handshake fails: the application never sees a session. */
	HANDSHAKE,

	/** The handshake succeeds, then the session fails: the application sees the session close. */
	SESSION

}
