package dev.sws.sample.chat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.messaging.support.MessageHeaderAccessor;

/**
 * The chat's rules for what clients may send, on the client inbound channel: CONNECT (which binds
 * the sender's name, see {@link ChatSender}), DISCONNECT, heartbeats, one SUBSCRIBE to
 * {@value ChatConfiguration#TOPIC} with automatic acknowledgement, its UNSUBSCRIBE, and SEND to
 * {@value ChatConfiguration#SEND_DESTINATION}. Anything else (a SEND straight to the topic that
 * would skip the controller and name its own sender, a destination of its own, ACK, NACK,
 * transactions, broker-specific SUBSCRIBE headers that would create durable queues) is refused:
 * the client gets a STOMP ERROR frame that says why, and Spring closes its connection.
 *
 * <p>The ERROR frame is sent here, through the client outbound channel, and the frame is dropped
 * (not thrown for): with {@code preserveReceiveOrder}, Spring's ordered channel only logs an
 * exception from an interceptor and the client would learn nothing.
 */
final class ChatFrameGuard implements ChannelInterceptor {

	private static final Log logger = LogFactory.getLog(ChatFrameGuard.class);

	/** The headers of a SUBSCRIBE that the broker relay may pass on to the broker. */
	private static final Set<String> SUBSCRIBE_HEADERS = Set.of("destination", "id", "ack", "receipt");

	private static final Set<String> UNSUBSCRIBE_HEADERS = Set.of("id", "receipt");

	private static final String SUBSCRIPTION_ATTRIBUTE = ChatFrameGuard.class.getName() + ".subscription";

	private static final int MAX_ECHOED_LENGTH = 64;

	private static final byte[] EMPTY = new byte[0];

	private final Supplier<MessageChannel> clientOutboundChannel;

	/**
	 * Creates the guard.
	 * @param clientOutboundChannel the channel that carries frames to clients, looked up on the
	 * first refusal
	 */
	ChatFrameGuard(Supplier<MessageChannel> clientOutboundChannel) {
		this.clientOutboundChannel = clientOutboundChannel;
	}

	@Override
	public @Nullable Message<?> preSend(Message<?> message, MessageChannel channel) {
		StompHeaderAccessor frame = MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
		if (frame == null) {
			frame = StompHeaderAccessor.wrap(message);
		}
		String refusal = refusal(frame);
		if (refusal == null) {
			return message;
		}
		refuse(frame, refusal);
		return null;
	}

	private @Nullable String refusal(StompHeaderAccessor frame) {
		StompCommand command = frame.getCommand();
		if (command == null) {
			return frame.isHeartbeat() ? null : "A frame without a command is not allowed";
		}
		Map<String, Object> attributes = frame.getSessionAttributes();
		if (attributes == null) {
			return "A frame without a session is not allowed";
		}
		return switch (command) {
			case CONNECT, STOMP ->
				ChatSender.bind(attributes, frame.getFirstNativeHeader(ChatConfiguration.NICKNAME_HEADER));
			case DISCONNECT -> null;
			case SEND -> send(frame, attributes);
			case SUBSCRIBE -> subscribe(frame, attributes);
			case UNSUBSCRIBE -> unsubscribe(frame, attributes);
			default -> command + " is not allowed in this chat: it has no acknowledgements or transactions";
		};
	}

	private static @Nullable String send(StompHeaderAccessor frame, Map<String, Object> attributes) {
		if (ChatSender.of(attributes) == null) {
			return "SEND before joining is not allowed";
		}
		if (!ChatConfiguration.SEND_DESTINATION.equals(frame.getDestination())) {
			return "SEND to " + echo(frame.getDestination()) + " is not allowed: chat messages go to "
					+ ChatConfiguration.SEND_DESTINATION;
		}
		return null;
	}

	private static @Nullable String subscribe(StompHeaderAccessor frame, Map<String, Object> attributes) {
		if (ChatSender.of(attributes) == null) {
			return "SUBSCRIBE before joining is not allowed";
		}
		if (!ChatConfiguration.TOPIC.equals(frame.getDestination())) {
			return "SUBSCRIBE to " + echo(frame.getDestination()) + " is not allowed: the chat is "
					+ ChatConfiguration.TOPIC;
		}
		String ack = frame.getFirstNativeHeader("ack");
		if (ack != null && !ack.equals("auto")) {
			return "SUBSCRIBE with ack " + echo(ack) + " is not allowed: only ack:auto";
		}
		String header = unexpectedHeader(frame, SUBSCRIBE_HEADERS);
		if (header != null) {
			return "SUBSCRIBE header " + echo(header) + " is not allowed: only " + allowed(SUBSCRIBE_HEADERS);
		}
		String id = frame.getSubscriptionId();
		if (id == null) {
			return "SUBSCRIBE without an id is not allowed";
		}
		if (attributes.putIfAbsent(SUBSCRIPTION_ATTRIBUTE, id) != null) {
			return "A second SUBSCRIBE is not allowed: this session already subscribes to " + ChatConfiguration.TOPIC;
		}
		return null;
	}

	private static @Nullable String unsubscribe(StompHeaderAccessor frame, Map<String, Object> attributes) {
		String header = unexpectedHeader(frame, UNSUBSCRIBE_HEADERS);
		if (header != null) {
			return "UNSUBSCRIBE header " + echo(header) + " is not allowed: only " + allowed(UNSUBSCRIBE_HEADERS);
		}
		String id = frame.getSubscriptionId();
		if (id == null || !attributes.remove(SUBSCRIPTION_ATTRIBUTE, id)) {
			return "UNSUBSCRIBE from " + echo(id) + " is not allowed: this session has no such subscription";
		}
		return null;
	}

	private static @Nullable String unexpectedHeader(StompHeaderAccessor frame, Set<String> allowed) {
		Map<String, List<String>> headers = frame.toNativeHeaderMap();
		return headers.keySet().stream().filter((name) -> !allowed.contains(name)).findFirst().orElse(null);
	}

	private static String allowed(Set<String> names) {
		return String.join(", ", names.stream().sorted().toList());
	}

	/** A client's value, quoted, cut short and without control characters, to put in a reply or a log line. */
	private static String echo(@Nullable String value) {
		return (value != null) ? "'" + ChatText.clean(value, MAX_ECHOED_LENGTH) + "'" : "(none)";
	}

	private void refuse(StompHeaderAccessor frame, String refusal) {
		String sessionId = frame.getSessionId();
		logger.warn("Refused " + frame.getCommand() + " of STOMP session " + sessionId + ": " + refusal);
		if (sessionId == null) {
			return;
		}
		StompHeaderAccessor error = StompHeaderAccessor.create(StompCommand.ERROR);
		error.setSessionId(sessionId);
		error.setMessage(refusal);
		String receipt = frame.getReceipt();
		if (receipt != null) {
			error.setReceiptId(receipt);
		}
		this.clientOutboundChannel.get().send(MessageBuilder.createMessage(EMPTY, error.getMessageHeaders()));
	}

}
