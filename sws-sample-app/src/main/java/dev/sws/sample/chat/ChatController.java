package dev.sws.sample.chat;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.handler.annotation.SendTo;
import org.springframework.stereotype.Controller;

/**
 * The chat, written as in any Spring STOMP application: SWS encrypts every frame underneath
 * without this class knowing.
 */
@Controller
public class ChatController {

	static final int MAX_NICKNAME_LENGTH = 32;

	static final int MAX_TEXT_LENGTH = 2000;

	/**
	 * Relays a message to everyone in the chat, with the server's time.
	 * @param message what a client sent to {@code /app/chat.send}
	 * @return the message for {@code /topic/chat}, or {@code null} (nothing sent) for an empty one
	 */
	@MessageMapping("/chat.send")
	@SendTo("/topic/chat")
	public @Nullable ChatMessage send(ChatMessage message) {
		String text = clean(message.text(), MAX_TEXT_LENGTH);
		if (text.isEmpty()) {
			return null;
		}
		String from = clean(message.from(), MAX_NICKNAME_LENGTH);
		return new ChatMessage(from.isEmpty() ? "anonymous" : from, text, Instant.now());
	}

	private static String clean(@Nullable String value, int maxLength) {
		if (value == null) {
			return "";
		}
		String trimmed = value.strip();
		return (trimmed.length() > maxLength) ? trimmed.substring(0, maxLength) : trimmed;
	}

}
