package dev.sws.it;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import dev.sws.websocket.SwsStompClient;
import dev.sws.websocket.SwsWebSocketClient;

/**
 * What the Spring Security round trips share: the key files' folder, the server's STOMP URL, and
 * the STOMP clients, closed after each test. The server stops at the end of each class: on Jetty,
 * a session the client left open would otherwise end at the idle timeout while a later suite runs,
 * and Spring Security's refusal of the DISCONNECT that Spring then sends for an unauthenticated
 * session (a WARN with a stack trace) would land in that suite's log checks.
 */
@DirtiesContext
abstract class SecuredStompRoundTrips {

	@TempDir
	static Path dir;

	@LocalServerPort
	int port;

	private final List<SwsStompClient> clients = new ArrayList<>();

	@AfterEach
	void closeClients() {
		this.clients.forEach(SwsStompClient::close);
	}

	/** Starts a STOMP connection to {@code /stomp} over the given SWS client. */
	SecuredStompConnection connect(SwsWebSocketClient client) {
		return SecuredStompConnection.connect(client, "ws://127.0.0.1:" + this.port + "/stomp", this.clients);
	}

}
