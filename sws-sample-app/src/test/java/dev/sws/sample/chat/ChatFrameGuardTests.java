package dev.sws.sample.chat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.assertj.core.api.AbstractStringAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.messaging.support.MessageHeaderAccessor;

import dev.sws.cert.CertAuthority;
import dev.sws.cert.NaclCert;
import dev.sws.crypto.BoxKeyPair;
import dev.sws.crypto.RandomSource;
import dev.sws.protocol.PeerIdentity;
import dev.sws.protocol.ProtocolVersion;
import dev.sws.websocket.SwsWebSocketSession;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ChatFrameGuard}, frame by frame: what passes, and the ERROR frame that answers what does
 * not. The round trips with real clients are in {@code AbstractChatRulesTests}.
 */
class ChatFrameGuardTests {

	final List<Message<?>> toClients = new ArrayList<>();

	final MessageChannel clientOutboundChannel = (message, timeout) -> this.toClients.add(message);

	final ChatFrameGuard guard = new ChatFrameGuard(() -> this.clientOutboundChannel);

	final Map<String, Object> session = new HashMap<>();

	@Test
	void aJoinBindsTheNicknameToTheSession() {
		assertPasses(StompCommand.CONNECT, "accept-version", "1.2", "nickname", "  alice  ");
		assertThat(ChatSender.of(this.session)).isEqualTo("alice");
		assertPasses(StompCommand.SUBSCRIBE, "destination", "/topic/chat", "id", "sub-0");
		assertPasses(StompCommand.SEND, "destination", "/app/chat.send", "content-type", "application/json");
	}

	@Test
	void aJoinWithoutANicknameIsRefused() {
		assertRefused(StompCommand.CONNECT, "accept-version", "1.2")
			.isEqualTo("Joining needs a 'nickname' header in the CONNECT frame: the name you chat under, 1 to 32 "
					+ "characters");
		assertRefused(StompCommand.STOMP, "nickname", "   ").startsWith("Joining needs a 'nickname' header");
		assertThat(ChatSender.of(this.session)).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "eve\u001b[31m", "eve\u0000", "eve\u202e", "eve\u0085", "eve\u007f" })
	void aNicknameWithControlCharactersIsRefused(String nickname) {
		assertRefused(StompCommand.CONNECT, "nickname", nickname)
			.isEqualTo("The nickname may not contain control characters");
	}

	@Test
	void aNicknameOverThirtyTwoCharactersIsRefused() {
		assertPasses(StompCommand.CONNECT, "nickname", "x".repeat(32));
		assertRefused(StompCommand.CONNECT, "nickname", "x".repeat(33))
			.isEqualTo("The nickname is longer than 32 characters");
	}

	@Test
	void aClientWithACertificateIsNamedByItWhateverNicknameItGives() {
		CertAuthority ca = CertAuthority.generate("clients", Instant.now().plus(Duration.ofDays(1)), Clock.systemUTC(),
				RandomSource.secure());
		BoxKeyPair keys = BoxKeyPair.generate(RandomSource.secure());
		NaclCert certificate = ca.issue(keys.getPublicKey(), List.of("carol.example", "other.example"), List.of(),
				ca.getExpiresAt());
		PeerIdentity peer = new PeerIdentity(ProtocolVersion.V2, keys.getPublicKey(), certificate);
		this.session.put(SwsWebSocketSession.PEER_ATTRIBUTE, peer);
		assertPasses(StompCommand.CONNECT, "nickname", "alice");
		assertThat(ChatSender.of(this.session)).isEqualTo("carol.example");
		this.session.clear();
		this.session.put(SwsWebSocketSession.PEER_ATTRIBUTE, peer);
		assertPasses(StompCommand.CONNECT);
		assertThat(ChatSender.of(this.session)).isEqualTo("carol.example");
	}

	@Test
	void aClientWithoutACertificateNeedsANickname() {
		BoxKeyPair keys = BoxKeyPair.generate(RandomSource.secure());
		PeerIdentity peer = new PeerIdentity(ProtocolVersion.V2, keys.getPublicKey(), null);
		this.session.put(SwsWebSocketSession.PEER_ATTRIBUTE, peer);
		assertRefused(StompCommand.CONNECT).startsWith("Joining needs a 'nickname' header");
		assertPasses(StompCommand.CONNECT, "nickname", "dave");
		assertThat(ChatSender.of(this.session)).isEqualTo("dave");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/topic/chat", "/app/other", "/app/chat.send/x", "/app/chat.send ", "/queue/x",
			"/user/queue/x", "chat" })
	void sendGoesOnlyToTheController(String destination) {
		join();
		assertRefused(StompCommand.SEND, "destination", destination)
			.isEqualTo("SEND to '" + destination.strip() + "' is not allowed: chat messages go to /app/chat.send");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/topic/other", "/topic/chat.x", "/queue/x", "/user/queue/errors", "/app/chat.send" })
	void subscribeOnlyToTheChat(String destination) {
		join();
		assertRefused(StompCommand.SUBSCRIBE, "destination", destination, "id", "sub-0")
			.isEqualTo("SUBSCRIBE to '" + destination + "' is not allowed: the chat is /topic/chat");
	}

	@Test
	void framesWithoutADestinationAreRefused() {
		join();
		assertRefused(StompCommand.SEND).isEqualTo("SEND to (none) is not allowed: chat messages go to /app/chat.send");
		assertRefused(StompCommand.SUBSCRIBE, "id", "sub-0")
			.isEqualTo("SUBSCRIBE to (none) is not allowed: the chat is /topic/chat");
	}

	@Test
	void sendAndSubscribeBeforeJoiningAreRefused() {
		assertRefused(StompCommand.SEND, "destination", "/app/chat.send")
			.isEqualTo("SEND before joining is not allowed");
		assertRefused(StompCommand.SUBSCRIBE, "destination", "/topic/chat", "id", "s")
			.isEqualTo("SUBSCRIBE before joining is not allowed");
	}

	/** RabbitMQ's and Artemis's SUBSCRIBE headers that make queues outlive the subscription, and the like. */
	@ParameterizedTest
	@ValueSource(strings = { "durable:true", "persistent:true", "auto-delete:false", "exclusive:false",
			"x-queue-name:kept", "x-queue-type:quorum", "x-max-length:1", "durable-subscription-name:kept",
			"subscription-name:kept", "selector:x", "prefetch-count:1000000" })
	void subscribeHeadersThatReachTheBrokerAreRefused(String header) {
		join();
		String[] nameAndValue = header.split(":");
		assertRefused(StompCommand.SUBSCRIBE, "destination", "/topic/chat", "id", "sub-0", nameAndValue[0],
				nameAndValue[1])
			.isEqualTo("SUBSCRIBE header '" + nameAndValue[0] + "' is not allowed: only ack, destination, id, receipt");
	}

	@Test
	void onlyAutomaticAcknowledgementIsAllowed() {
		join();
		assertRefused(StompCommand.SUBSCRIBE, "destination", "/topic/chat", "id", "s", "ack", "client")
			.isEqualTo("SUBSCRIBE with ack 'client' is not allowed: only ack:auto");
		assertRefused(StompCommand.SUBSCRIBE, "destination", "/topic/chat", "id", "s", "ack", "client-individual")
			.startsWith("SUBSCRIBE with ack 'client-individual'");
		assertPasses(StompCommand.SUBSCRIBE, "destination", "/topic/chat", "id", "s", "ack", "auto", "receipt", "r");
	}

	@Test
	void aSessionSubscribesOnceAndMayUnsubscribeAndSubscribeAgain() {
		join();
		assertPasses(StompCommand.SUBSCRIBE, "destination", "/topic/chat", "id", "sub-0");
		assertRefused(StompCommand.SUBSCRIBE, "destination", "/topic/chat", "id", "sub-1")
			.isEqualTo("A second SUBSCRIBE is not allowed: this session already subscribes to /topic/chat");
		assertRefused(StompCommand.UNSUBSCRIBE, "id", "sub-1")
			.isEqualTo("UNSUBSCRIBE from 'sub-1' is not allowed: this session has no such subscription");
		assertRefused(StompCommand.UNSUBSCRIBE, "id", "sub-0", "durable-subscription-name", "x")
			.isEqualTo("UNSUBSCRIBE header 'durable-subscription-name' is not allowed: only id, receipt");
		assertPasses(StompCommand.UNSUBSCRIBE, "id", "sub-0", "receipt", "r");
		assertPasses(StompCommand.SUBSCRIBE, "destination", "/topic/chat", "id", "sub-1");
	}

	@ParameterizedTest
	@ValueSource(strings = { "ACK", "NACK", "BEGIN", "COMMIT", "ABORT" })
	void acknowledgementsAndTransactionsAreRefused(String command) {
		join();
		assertRefused(StompCommand.valueOf(command), "id", "x", "transaction", "t")
			.isEqualTo(command + " is not allowed in this chat: it has no acknowledgements or transactions");
	}

	@Test
	void heartbeatsAndDisconnectPass() {
		StompHeaderAccessor heartbeat = StompHeaderAccessor.createForHeartbeat();
		heartbeat.setSessionId("s1");
		heartbeat.setSessionAttributes(this.session);
		Message<byte[]> message = MessageBuilder.createMessage(new byte[] { '\n' }, heartbeat.getMessageHeaders());
		assertThat(this.guard.preSend(message, this.clientOutboundChannel)).isSameAs(message);
		assertThat(this.toClients).isEmpty();
		assertPasses(StompCommand.DISCONNECT, "receipt", "bye");
	}

	@Test
	void theRefusalIsAnErrorFrameToThatSessionThatAnswersItsReceipt() {
		join();
		preSend(frame(StompCommand.SEND, "destination", "/topic/chat", "receipt", "r-7"));
		assertThat(this.toClients).hasSize(1);
		StompHeaderAccessor error = MessageHeaderAccessor.getAccessor(this.toClients.get(0), StompHeaderAccessor.class);
		assertThat(error.getCommand()).isEqualTo(StompCommand.ERROR);
		assertThat(error.getSessionId()).isEqualTo("s1");
		assertThat(error.getReceiptId()).isEqualTo("r-7");
		assertThat(error.getMessage()).startsWith("SEND to '/topic/chat' is not allowed");
		assertThat((byte[]) this.toClients.get(0).getPayload()).isEmpty();
	}

	@Test
	void aRefusalNeverEchoesControlCharactersOrLongValues() {
		join();
		assertRefused(StompCommand.SEND, "destination", "/topic/\u001b[2J\u001b]0;x\u0007" + "y".repeat(100))
			.isEqualTo("SEND to '/topic/[2J]0;x" + "y".repeat(64 - 14) + "' is not allowed: chat messages go to "
					+ "/app/chat.send");
	}

	private void join() {
		assertPasses(StompCommand.CONNECT, "nickname", "alice");
		this.toClients.clear();
	}

	private void assertPasses(StompCommand command, String... headers) {
		this.toClients.clear();
		Message<byte[]> message = frame(command, headers);
		assertThat(preSend(message)).as("%s %s", command, List.of(headers)).isSameAs(message);
		assertThat(this.toClients).as("%s %s", command, List.of(headers)).isEmpty();
	}

	private AbstractStringAssert<?> assertRefused(StompCommand command, String... headers) {
		this.toClients.clear();
		assertThat(preSend(frame(command, headers))).as("%s %s", command, List.of(headers)).isNull();
		assertThat(this.toClients).as("ERROR frames").hasSize(1);
		StompHeaderAccessor error = MessageHeaderAccessor.getAccessor(this.toClients.get(0), StompHeaderAccessor.class);
		assertThat(error.getCommand()).isEqualTo(StompCommand.ERROR);
		return assertThat(error.getMessage());
	}

	private Message<?> preSend(Message<byte[]> message) {
		return this.guard.preSend(message, this.clientOutboundChannel);
	}

	/** A frame as Spring's STOMP decoder makes it, with the session's id and attributes. */
	private Message<byte[]> frame(StompCommand command, String... headers) {
		Map<String, List<String>> nativeHeaders = new LinkedHashMap<>();
		for (int i = 0; i < headers.length; i += 2) {
			nativeHeaders.put(headers[i], List.of(headers[i + 1]));
		}
		StompHeaderAccessor accessor = StompHeaderAccessor.create(command, nativeHeaders);
		accessor.setSessionId("s1");
		accessor.setSessionAttributes(this.session);
		return MessageBuilder.createMessage(new byte[0], accessor.getMessageHeaders());
	}

}
