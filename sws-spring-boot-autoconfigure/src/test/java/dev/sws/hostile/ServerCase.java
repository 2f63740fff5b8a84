package dev.sws.hostile;

import java.io.IOException;
import java.util.List;

import dev.sws.protocol.FailureReason;
import dev.sws.testsupport.hostile.HostileClient;

/**
 * One attack on the server by a hostile client, and what the server must do about it: close the
 * connection with the reason's code, count the reason in its metrics, and hand the application
 * nothing but {@code delivered}.
 *
 * @param group the table section
 * @param name what the client does
 * @param path the endpoint: {@link #PLAIN} or {@link #MTLS}
 * @param version the protocol version the hostile client speaks
 * @param reason the failure the server must report
 * @param stage whether the handshake fails, or an established session does
 * @param delivered the messages the application receives before the failure (honest ones)
 * @param attack what the client does on its connection
 */
record ServerCase(String group, String name, String path, int version, FailureReason reason, Stage stage,
		List<String> delivered, Attack attack) {

	/** The auto-configured server: v1, v2 and v3, no client certificates. */
	static final String PLAIN = "/hostile";

	/** The server that accepts only v2 and v3 clients with a certificate from the trusted CA. */
	static final String MTLS = "/hostile-mtls";

	@Override
	public String toString() {
		return this.group + ": " + this.name;
	}

	/** What the hostile client does. */
	@FunctionalInterface
	interface Attack {

		/**
		 * Plays the attack.
		 * @param client the connection whose fate the case checks
		 * @param server opens further connections (victims whose messages get replayed)
		 */
		void run(HostileClient client, Server server) throws Exception;

	}

	/** Opens further connections to the server under attack. */
	@FunctionalInterface
	interface Server {

		HostileClient connect(String path, int version) throws IOException;

	}

}
