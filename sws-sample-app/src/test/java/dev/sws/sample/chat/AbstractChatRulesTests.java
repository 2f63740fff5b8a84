package dev.sws.sample.chat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.messaging.simp.stomp.StompHeaders;

import dev.sws.cert.CertFiles;
import dev.sws.cert.NaclCert;
import dev.sws.sample.ChatParticipant;
import dev.sws.sample.DevModeAppTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chat's rules as real clients meet them, over SWS v2 and STOMP: the server names the sender,
 * strips control characters, and answers a frame that a chat client has no business sending with a
 * STOMP ERROR frame (and closes that client's connection) before it reaches the broker. Subclasses
 * run them on the simple broker and on the broker relay.
 *
 * <p>The ERROR frame is best effort in Spring (see {@link ChatParticipant#refusal}); SWS itself
 * writes what waits, frames held by the first-frame delay included, before it closes.
 */
abstract class AbstractChatRulesTests {

	NaclCert ca;

	/** The instance's port on 127.0.0.1. */
	abstract int port();

	/** The development CA, which the application made when it started. */
	@BeforeEach
	void readTheDevelopmentCa() throws Exception {
		this.ca = CertFiles.readCaCert(Path.of(DevModeAppTest.DEV_DIRECTORY, "sws-dev-ca-cert.json"));
	}

	@Test
	void aSendStraightToTheTopicWithAForgedSenderIsRefusedAndNeverDelivered() throws Exception {
		try (ChatParticipant alice = ChatParticipant.enter(port(), "alice", this.ca)) {
			ChatMessage forged = new ChatMessage("alice", "forged by mallory", null);
			assertThat(refusal((mallory) -> mallory.send("/topic/chat", forged)))
				.isEqualTo("SEND to '/topic/chat' is not allowed: chat messages go to /app/chat.send");
			// had a forgery been published, it would have been before this
			alice.say("after the forgery");
			alice.await("her own message", (received) -> texts(received).contains("after the forgery"),
					ChatParticipant.WAIT);
			assertThat(texts(alice.received())).doesNotContain("forged by mallory");
		}
	}

	@Test
	void aSubscriptionToAQueueIsRefused() throws Exception {
		assertThat(refusal((mallory) -> mallory.subscribe(headers("destination", "/queue/x"))))
			.isEqualTo("SUBSCRIBE to '/queue/x' is not allowed: the chat is /topic/chat");
	}

	@Test
	void aSubscriptionThatWouldMakeTheBrokerKeepAQueueIsRefused() throws Exception {
		assertThat(refusal((mallory) -> mallory.subscribe(headers("destination", "/topic/chat", "durable", "true"))))
			.isEqualTo("SUBSCRIBE header 'durable' is not allowed: only ack, destination, id, receipt");
	}

	@Test
	void aSendToAnotherApplicationDestinationIsRefused() throws Exception {
		assertThat(refusal((mallory) -> mallory.send("/app/other", Map.of("text", "hello?"))))
			.isEqualTo("SEND to '/app/other' is not allowed: chat messages go to /app/chat.send");
	}

	@Test
	void joiningWithoutANicknameIsRefused() throws Exception {
		assertThat(ChatParticipant.refusal(port(), this.ca, new StompHeaders(), (joined) -> {
			throw new AssertionError("The server accepted a CONNECT without a nickname");
		})).isEqualTo(
				"Joining needs a 'nickname' header in the CONNECT frame: the name you chat under, 1 to 32 characters");
	}

	@Test
	void joiningWithANicknameThatHidesControlCharactersIsRefused() throws Exception {
		assertThat(ChatParticipant.refusal(port(), this.ca, ChatParticipant.nickname("eve\u001b[8m"), (joined) -> {
			throw new AssertionError("The server accepted a nickname with an escape sequence");
		})).isEqualTo("The nickname may not contain control characters");
	}

	private String refusal(Consumer<ChatParticipant> misbehaviour) throws Exception {
		return ChatParticipant.refusal(port(), this.ca, ChatParticipant.nickname("mallory"), misbehaviour);
	}

	@Test
	void theServerNamesTheSenderAndIgnoresAFromInTheMessage() throws Exception {
		try (ChatParticipant alice = ChatParticipant.enter(port(), "alice", this.ca)) {
			alice.send(ChatConfiguration.SEND_DESTINATION, Map.of("from", "bob", "text", "I am not bob"));
			alice.await("her message", (received) -> texts(received).contains("I am not bob"), ChatParticipant.WAIT);
			assertThat(alice.received()).filteredOn((message) -> "I am not bob".equals(message.text()))
				.extracting(ChatMessage::from)
				.containsExactly("alice");
		}
	}

	@Test
	void controlCharactersNeverReachTheOthers() throws Exception {
		try (ChatParticipant alice = ChatParticipant.enter(port(), "alice", this.ca);
				ChatParticipant bob = ChatParticipant.enter(port(), "bob", this.ca)) {
			alice.say("\u001b[2J\u001b]0;owned\u0007 look\u202e\r\n[00:00] bob: fake");
			String clean = "[2J]0;owned look  [00:00] bob: fake";
			bob.await("alice's message", (received) -> texts(received).contains(clean), ChatParticipant.WAIT);
		}
	}

	static StompHeaders headers(String... namesAndValues) {
		StompHeaders headers = new StompHeaders();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			headers.set(namesAndValues[i], namesAndValues[i + 1]);
		}
		return headers;
	}

	static List<String> texts(List<ChatMessage> messages) {
		return messages.stream().map(ChatMessage::text).toList();
	}

}
