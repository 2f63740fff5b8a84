package dev.sws.sample.chat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.messaging.simp.SimpMessageHeaderAccessor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ChatController}: the sender is the session's, the text is cleaned.
 */
class ChatControllerTests {

	final ChatController controller = new ChatController();

	@Test
	void theSenderIsTheNameBoundToTheSession() {
		ChatMessage message = this.controller.send(new ChatPost("  hello  "), joined("alice"));
		assertThat(message).isNotNull();
		assertThat(message.from()).isEqualTo("alice");
		assertThat(message.text()).isEqualTo("hello");
		assertThat(message.sentAt()).isNotNull();
	}

	@Test
	void controlCharactersNeverReachTheTopic() {
		ChatMessage message = this.controller.send(new ChatPost("\u001b[2Jgone\u202e\r\nfake line"), joined("alice"));
		assertThat(message.text()).isEqualTo("[2Jgone  fake line");
	}

	@Test
	void longTextIsCut() {
		ChatMessage message = this.controller.send(new ChatPost("x".repeat(3000)), joined("alice"));
		assertThat(message.text()).hasSize(ChatController.MAX_TEXT_LENGTH);
	}

	@Test
	void nothingIsSentForEmptyTextOrASessionThatHasNotJoined() {
		assertThat(this.controller.send(new ChatPost(" \u0007 "), joined("alice"))).isNull();
		assertThat(this.controller.send(new ChatPost(null), joined("alice"))).isNull();
		SimpMessageHeaderAccessor notJoined = SimpMessageHeaderAccessor.create();
		notJoined.setSessionAttributes(new HashMap<>());
		assertThat(this.controller.send(new ChatPost("hi"), notJoined)).isNull();
	}

	private static SimpMessageHeaderAccessor joined(String nickname) {
		Map<String, Object> attributes = new HashMap<>();
		assertThat(ChatSender.bind(attributes, nickname)).isNull();
		SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.create();
		headers.setSessionAttributes(attributes);
		return headers;
	}

}
