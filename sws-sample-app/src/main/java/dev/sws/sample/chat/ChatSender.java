package dev.sws.sample.chat;

import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import dev.sws.protocol.PeerIdentity;
import dev.sws.websocket.SwsWebSocketSession;

/**
 * The name a session chats under, bound once when it joins and kept in its attributes: the first
 * name of the client's certificate when the SWS handshake verified one, otherwise the nickname
 * the client gave in its STOMP CONNECT frame. Messages never name their sender themselves.
 */
final class ChatSender {

	private static final String ATTRIBUTE = ChatSender.class.getName();

	private ChatSender() {
	}

	/**
	 * Binds the name of a session that joins.
	 * @param attributes the session's attributes
	 * @param nickname the CONNECT frame's {@value ChatConfiguration#NICKNAME_HEADER} header
	 * @return why the session may not join, or {@code null} once its name is bound
	 */
	static @Nullable String bind(Map<String, Object> attributes, @Nullable String nickname) {
		String name = certifiedName(attributes);
		if (name == null) {
			String refusal = checkNickname(nickname);
			if (refusal != null) {
				return refusal;
			}
			name = Objects.requireNonNull(nickname).strip(); // checkNickname refuses a null nickname
		}
		attributes.put(ATTRIBUTE, name);
		return null;
	}

	/**
	 * Returns the name bound to a session.
	 * @param attributes the session's attributes
	 * @return the name, or {@code null} if the session has not joined
	 */
	static @Nullable String of(@Nullable Map<String, Object> attributes) {
		return (attributes != null && attributes.get(ATTRIBUTE) instanceof String name) ? name : null;
	}

	/** The name in the client's verified certificate, if it presented one. */
	private static @Nullable String certifiedName(Map<String, Object> attributes) {
		if (attributes.get(SwsWebSocketSession.PEER_ATTRIBUTE) instanceof PeerIdentity peer
				&& peer.getCertificate().isPresent()) {
			// PeerIdentity#getName(), not Principal#getName(): the certificate's first name, for people to read
			String name = ChatText.clean(peer.getName(), ChatConfiguration.MAX_NICKNAME_LENGTH);
			return name.isEmpty() ? peer.getFingerprint() : name;
		}
		return null;
	}

	private static @Nullable String checkNickname(@Nullable String nickname) {
		if (nickname == null || nickname.isBlank()) {
			return "Joining needs a '" + ChatConfiguration.NICKNAME_HEADER + "' header in the CONNECT frame: the name "
					+ "you chat under, 1 to " + ChatConfiguration.MAX_NICKNAME_LENGTH + " characters";
		}
		if (ChatText.hasControlCharacters(nickname)) {
			return "The nickname may not contain control characters";
		}
		if (nickname.strip().length() > ChatConfiguration.MAX_NICKNAME_LENGTH) {
			return "The nickname is longer than " + ChatConfiguration.MAX_NICKNAME_LENGTH + " characters";
		}
		return null;
	}

}
