package dev.sws.interop;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The original {@code node-sws@1.2.1} Node client ({@code original-client.js}), run to completion
 * in its own process, bounded by the configuration's deadline.
 */
final class OriginalClient {

	private OriginalClient() {
	}

	/**
	 * Runs the client.
	 * @param config secinfo, URL, masking and action
	 * @return what it observed
	 */
	static Result run(OriginalConfig config) {
		String json = OriginalSws.run("original-client.js", config.deadline().plusSeconds(20), config.toJson())
			.lastLine("result");
		return new Result(OriginalConfig.JSON.readTree(json));
	}

	/**
	 * What the original client observed, with times in milliseconds since it was constructed.
	 * @param json the script's result
	 */
	record Result(JsonNode json) {

		/** Whether the original emitted {@code open}. */
		boolean opened() {
			return this.json.get("opened").asBoolean();
		}

		/** Every event in order: {@code open, error, warn, timeout, close}. */
		List<OriginalEvent> events() {
			List<OriginalEvent> events = new ArrayList<>();
			this.json.get("events").forEach((event) -> events.add(OriginalEvent.of(event)));
			return events;
		}

		/** The first event of a type. */
		Optional<OriginalEvent> event(String type) {
			return events().stream().filter((event) -> event.type().equals(type)).findFirst();
		}

		/** The close code the original saw. */
		int closeCode() {
			Optional<OriginalEvent> close = event("close");
			assertThat(close).as("a close event in %s", this.json).isPresent();
			return close.get().closeCode();
		}

		/** The echo's failure, if any. */
		Optional<String> failure() {
			JsonNode failure = this.json.get("failure");
			return (failure == null || failure.isNull()) ? Optional.empty() : Optional.of(failure.asString());
		}

		/** How many messages came back intact, in order. */
		int echoed() {
			JsonNode echoed = this.json.get("echoed");
			return (echoed != null) ? echoed.asInt() : 0;
		}

		/** The bytes of the echoed messages. */
		long bytes() {
			JsonNode bytes = this.json.get("bytes");
			return (bytes != null) ? bytes.asLong() : 0;
		}

		/** The messages received while listening, as UTF-8 text. */
		List<String> messages() {
			List<String> messages = new ArrayList<>();
			JsonNode received = this.json.get("messages");
			if (received != null) {
				received.forEach((message) -> messages.add(message.asString()));
			}
			return messages;
		}

		/** Whether the client gave up at its deadline. */
		boolean hitDeadline() {
			JsonNode deadline = this.json.get("deadline");
			return deadline != null && deadline.asBoolean();
		}

		@Override
		public String toString() {
			return this.json.toString();
		}

	}

}
