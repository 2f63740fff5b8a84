package dev.sws.interop;

import java.util.List;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Assertions on what the original's clients (the Node client and the browser build) observed
 * against our server.
 */
final class OriginalClientChecks {

	/** How many connections {@link #assertTheFirstFrameRaceBites} may try. */
	static final int RACE_ATTEMPTS = 5;

	private OriginalClientChecks() {
	}

	/**
	 * Asserts that every message came back intact and in order, over permessage-deflate, and the
	 * connection closed cleanly.
	 * @param client what the original client was, for the report line
	 * @param result what it observed
	 * @param count how many messages it sent
	 */
	static void assertEchoed(String client, OriginalClient.Result result, int count) {
		assertThat(result.failure()).as("%s", result).isEmpty();
		assertThat(result.echoed()).as("%s", result).isEqualTo(count);
		assertThat(result.events()).extracting(OriginalEvent::type).containsExactly("open", "close");
		// the Node client and Chromium offer permessage-deflate, and Tomcat accepts it: compressed
		// frames, transparent to SWS
		String extensions = result.event("open").orElseThrow().detail();
		assertThat(extensions).startsWith("permessage-deflate");
		System.out.printf("interop: %s -> our server: %d messages, %d bytes echoed in %d ms (extensions: %s)%n", client,
				result.echoed(), result.bytes(), result.json().get("ms").asLong(), extensions);
	}

	/**
	 * Asserts that the original client loses the race of docs/protocol/sws-v1-v2.md section 6.3
	 * against a server that sends as soon as the handshake is done: it drops what arrives before
	 * its {@code open} ("Invalid message"), delivers nothing, and fails to decrypt the next frame
	 * ("Attacked message"). A CPU-starved server can miss the 20 ms window, so this tries up to
	 * {@link #RACE_ATTEMPTS} connections; an attempt the race did not hit must then have delivered
	 * everything intact.
	 * @param client what the original client is, for the report line and the failure message
	 * @param connection runs one connection to {@code /greet-at-once}, listening for
	 * {@link InteropEndpoints#GREETINGS} messages and the echo of its "ping"
	 */
	static void assertTheFirstFrameRaceBites(String client, Supplier<OriginalClient.Result> connection) {
		for (int attempt = 1; attempt <= RACE_ATTEMPTS; attempt++) {
			OriginalClient.Result result = connection.get();
			System.out.printf("interop: first-frame delay 0 -> %s, attempt %d: %s%n", client, attempt, result.events());
			if (result.event("open").isPresent() && !result.messages().isEmpty()) {
				assertThat(result.messages()).containsExactly("greeting 0", "greeting 1", "greeting 2", "ping");
				continue;
			}
			assertThat(result.messages()).isEmpty();
			List<OriginalEvent> events = result.events();
			int open = events.indexOf(result.event("open").orElseThrow());
			assertThat(events.subList(0, open)).extracting(OriginalEvent::detail)
				.isNotEmpty()
				.allMatch((detail) -> detail.startsWith("Invalid message"));
			assertThat(events.subList(open + 1, events.size())).extracting(OriginalEvent::detail)
				.contains("Attacked message:{}");
			return;
		}
		fail("The server's first frames never reached " + client + " within 20 ms of its ClientReady in "
				+ RACE_ATTEMPTS + " attempts");
	}

	/**
	 * Asserts that the original client received what the server sent as soon as the handshake
	 * was done (held back by our first-frame delay), then the echo of its "ping", and nothing went
	 * wrong.
	 * @param result what the client observed on {@code /greet}
	 */
	static void assertReceivedTheFirstFrames(OriginalClient.Result result) {
		assertThat(result.messages()).containsExactly("greeting 0", "greeting 1", "greeting 2", "ping");
		assertThat(result.event("warn")).isEmpty();
	}

}
