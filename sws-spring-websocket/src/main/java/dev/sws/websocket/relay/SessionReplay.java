package dev.sws.websocket.relay;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.messaging.Message;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.messaging.support.MessageHeaderAccessor;

/**
 * What a new broker connection needs to continue one STOMP session: its CONNECT frame, its live
 * subscriptions, and the frames held while there was no broker. Not thread-safe: guarded by its
 * {@link ResumableBrokerConnection}'s lock.
 */
final class SessionReplay {

	/** What a held frame costs beyond its body, roughly: its headers. */
	private static final long FRAME_OVERHEAD = 128;

	private final long bufferSize;

	private @Nullable Message<byte[]> connectFrame;

	private final Map<String, Subscription> subscriptions = new LinkedHashMap<>();

	private final Set<String> clientAckSubscriptions = new HashSet<>();

	private final Set<String> transactions = new HashSet<>();

	private final ArrayDeque<Message<byte[]>> held = new ArrayDeque<>();

	private long heldBytes;

	SessionReplay(long bufferSize) {
		this.bufferSize = bufferSize;
	}

	/**
	 * Records a frame sent to the broker, or meant for it while there is none.
	 * @param message the frame
	 * @param sent whether the broker gets it now
	 */
	void record(Message<byte[]> message, boolean sent) {
		StompHeaderAccessor accessor = accessor(message);
		StompCommand command = accessor.getCommand();
		String id = accessor.getFirstNativeHeader("id");
		if (command == StompCommand.CONNECT || command == StompCommand.STOMP) {
			this.connectFrame = copy(message);
		}
		else if (command == StompCommand.SUBSCRIBE && id != null) {
			this.subscriptions.put(id, new Subscription(copy(message), sent));
			String ack = accessor.getFirstNativeHeader("ack");
			if (ack != null && !ack.equals("auto")) {
				this.clientAckSubscriptions.add(id);
			}
		}
		else if (command == StompCommand.UNSUBSCRIBE && id != null) {
			this.subscriptions.remove(id);
			this.clientAckSubscriptions.remove(id);
		}
		else if (command == StompCommand.BEGIN) {
			this.transactions.add(String.valueOf(accessor.getFirstNativeHeader("transaction")));
		}
		else if (command == StompCommand.COMMIT || command == StompCommand.ABORT) {
			this.transactions.remove(String.valueOf(accessor.getFirstNativeHeader("transaction")));
		}
	}

	/** Whether a new broker connection can continue the session: the broker forgets acknowledgements and transactions. */
	boolean isResumable() {
		return this.clientAckSubscriptions.isEmpty() && this.transactions.isEmpty();
	}

	/** The CONNECT frame again; the client had its RECEIPT, if any, the first time. */
	@Nullable Message<byte[]> connectAgain() {
		return (this.connectFrame != null) ? withoutReceipt(this.connectFrame) : null;
	}

	/** The live subscriptions, in the order they were made; receipts only for those the broker never saw. */
	List<Message<byte[]>> subscribeAgain() {
		List<Message<byte[]>> frames = new ArrayList<>();
		for (Map.Entry<String, Subscription> entry : this.subscriptions.entrySet()) {
			Subscription subscription = entry.getValue();
			frames.add(subscription.sent() ? withoutReceipt(subscription.frame()) : subscription.frame());
			entry.setValue(new Subscription(subscription.frame(), true));
		}
		return frames;
	}

	/**
	 * Holds a frame for the next broker connection.
	 * @param message the frame
	 * @return {@code false} if it does not fit in the buffer
	 */
	boolean hold(Message<byte[]> message) {
		long size = message.getPayload().length + FRAME_OVERHEAD;
		if (this.heldBytes + size > this.bufferSize) {
			return false;
		}
		this.held.add(copy(message));
		this.heldBytes += size;
		return true;
	}

	/** Takes the held frames, in order. */
	List<Message<byte[]>> takeHeld() {
		List<Message<byte[]>> frames = new ArrayList<>(this.held);
		this.held.clear();
		this.heldBytes = 0;
		return frames;
	}

	/** Forgets the held frames. @return how many there were */
	int dropHeld() {
		return takeHeld().size();
	}

	/** Forgets everything: the session is over. @return how many held frames were dropped */
	int clear() {
		this.connectFrame = null;
		this.subscriptions.clear();
		this.clientAckSubscriptions.clear();
		this.transactions.clear();
		return dropHeld();
	}

	/** How often the client expects the broker's heartbeats: {@code max(cy, sx)} of both heart-beat headers. */
	long heartbeatToClient(Message<byte[]> connected) {
		if (this.connectFrame == null) {
			return 0;
		}
		long clientReceives = accessor(this.connectFrame).getHeartbeat()[1];
		long brokerSends = accessor(connected).getHeartbeat()[0];
		return (clientReceives > 0 && brokerSends > 0) ? Math.max(clientReceives, brokerSends) : 0;
	}

	static StompHeaderAccessor accessor(Message<byte[]> message) {
		StompHeaderAccessor accessor = MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
		return (accessor != null) ? accessor : StompHeaderAccessor.wrap(message);
	}

	/** A frame the relay may still change, copied to be sent later. */
	private static Message<byte[]> copy(Message<byte[]> message) {
		return MessageBuilder.createMessage(message.getPayload(), StompHeaderAccessor.wrap(message).getMessageHeaders());
	}

	private static Message<byte[]> withoutReceipt(Message<byte[]> message) {
		StompHeaderAccessor accessor = StompHeaderAccessor.wrap(message);
		accessor.removeNativeHeader(StompHeaderAccessor.STOMP_RECEIPT_HEADER);
		return MessageBuilder.createMessage(message.getPayload(), accessor.getMessageHeaders());
	}

	/** A live subscription, and whether the broker has seen it (and answered its receipt, if any). */
	private record Subscription(Message<byte[]> frame, boolean sent) {

	}

}
