package dev.sws.websocket.relay;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
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
 * subscriptions, the frames held while there was no broker, and the SEND frames sent but not yet
 * confirmed by a receipt. Not thread-safe: guarded by its {@link ResumableBrokerConnection}'s lock.
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

	private final ArrayDeque<Unconfirmed> unconfirmed = new ArrayDeque<>();

	private long unconfirmedBytes;

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

	/**
	 * Asks the broker for a receipt of a SEND frame, and keeps the frame until it comes. At most
	 * the buffer size is kept: the oldest frames beyond it are no longer protected.
	 * @param send the SEND frame
	 * @param receiptId the receipt to ask for, unless the frame asks for one of its own
	 * @return the frame to write
	 */
	Message<byte[]> expectReceipt(Message<byte[]> send, String receiptId) {
		String own = accessor(send).getReceipt();
		Message<byte[]> frame = (own != null) ? copy(send) : withReceipt(send, receiptId);
		long size = send.getPayload().length + FRAME_OVERHEAD;
		this.unconfirmed.add(new Unconfirmed((own != null) ? own : receiptId, copy(send), own == null, size));
		this.unconfirmedBytes += size;
		while (this.unconfirmedBytes > this.bufferSize && !this.unconfirmed.isEmpty()) {
			this.unconfirmedBytes -= this.unconfirmed.remove().size();
		}
		return frame;
	}

	/**
	 * Takes note of a receipt from the broker.
	 * @param receiptId its id
	 * @return whether it was asked for here rather than by the client, so that the client must not see it
	 */
	boolean confirm(@Nullable String receiptId) {
		for (Iterator<Unconfirmed> frames = this.unconfirmed.iterator(); frames.hasNext();) {
			Unconfirmed frame = frames.next();
			if (frame.receiptId().equals(receiptId)) {
				frames.remove();
				this.unconfirmedBytes -= frame.size();
				return frame.askedHere();
			}
		}
		return false;
	}

	/**
	 * Puts the frames whose receipt never came in front of the held ones, as the client sent
	 * them, to be sent again: the broker connection they were written to is gone.
	 * @return how many there were
	 */
	int holdUnconfirmed() {
		int count = this.unconfirmed.size();
		for (Iterator<Unconfirmed> frames = this.unconfirmed.descendingIterator(); frames.hasNext();) {
			Unconfirmed frame = frames.next();
			this.held.addFirst(frame.frame());
			this.heldBytes += frame.size();
		}
		this.unconfirmed.clear();
		this.unconfirmedBytes = 0;
		return count;
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
		this.unconfirmed.clear();
		this.unconfirmedBytes = 0;
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

	private static Message<byte[]> withReceipt(Message<byte[]> message, String receiptId) {
		StompHeaderAccessor accessor = StompHeaderAccessor.wrap(message);
		accessor.setReceipt(receiptId);
		return MessageBuilder.createMessage(message.getPayload(), accessor.getMessageHeaders());
	}

	/**
	 * A SEND frame written to the broker and not yet confirmed.
	 * @param receiptId the receipt it asks for
	 * @param frame the frame as the client sent it
	 * @param askedHere whether the receipt was asked for here, not by the client
	 * @param size what it costs in the buffer
	 */
	private record Unconfirmed(String receiptId, Message<byte[]> frame, boolean askedHere, long size) {

	}

	/** A live subscription, and whether the broker has seen it (and answered its receipt, if any). */
	private record Subscription(Message<byte[]> frame, boolean sent) {

	}

}
