package dev.sws.sample.chat;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.handler.annotation.SendTo;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.stereotype.Controller;

/**
 * The chat, written as in any Spring STOMP application: SWS encrypts every frame underneath
 * without this class knowing.
 */
@Controller
public class ChatController {

	static final int MAX_TEXT_LENGTH = 2000;

	/**
	 * Relays a message to everyone in the chat, under the name bound to the sender's session when
	 * it joined, with the server's time and without control characters.
	 * @param post what a client sent to {@code /app/chat.send}
	 * @param headers the message's headers, with the sender's session attributes
	 * @return the message for {@code /topic/chat}, or {@code null} (nothing sent) for an empty one
	 */
	@MessageMapping("/chat.send")
	@SendTo(ChatConfiguration.TOPIC)
	public @Nullable ChatMessage send(ChatPost post, SimpMessageHeaderAccessor headers) {
		String from = ChatSender.of(headers.getSessionAttributes());
		String text = ChatText.clean(post.text(), MAX_TEXT_LENGTH);
		if (from == null || text.isEmpty()) {
			// no name: the session has not joined, which ChatFrameGuard does not let happen
			return null;
		}
		return new ChatMessage(from, text, Instant.now());
	}

}
