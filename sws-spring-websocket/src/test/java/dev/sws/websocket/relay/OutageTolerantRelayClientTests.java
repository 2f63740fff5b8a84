package dev.sws.websocket.relay;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.messaging.Message;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.tcp.FixedIntervalReconnectStrategy;

import dev.sws.testsupport.ManualTaskScheduler;

import static dev.sws.websocket.relay.FakeBroker.frame;
import static dev.sws.websocket.relay.FakeBroker.heartbeat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the relay's sessions see when the broker goes away and comes back, on a fake broker and a
 * manual clock.
 */
class OutageTolerantRelayClientTests {

	static final Message<byte[]> CONNECT = frame(StompCommand.CONNECT, "accept-version", "1.1,1.2", "heart-beat",
			"10000,10000", "login", "guest", "receipt", "c1");

	static final Message<byte[]> CONNECTED = frame(StompCommand.CONNECTED, "version", "1.2", "heart-beat", "5000,10000");

	static final Message<byte[]> SUBSCRIBE = frame(StompCommand.SUBSCRIBE, "id", "0", "destination", "/topic/chat",
			"receipt", "r0");

	final ManualTaskScheduler scheduler = new ManualTaskScheduler();

	final FakeBroker broker = new FakeBroker();

	final OutageTolerantRelayClient client = new OutageTolerantRelayClient(this.broker, this.scheduler,
			new RelayOutagePolicy(Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofSeconds(2), 1024, false));

	static Message<byte[]> send(String text) {
		return frame(StompCommand.SEND, text.getBytes(), "destination", "/topic/chat");
	}

	RecordingRelayHandler openSession() {
		return openSession(this.client);
	}

	RecordingRelayHandler openSession(OutageTolerantRelayClient client) {
		RecordingRelayHandler handler = new RecordingRelayHandler(CONNECT);
		client.connectAsync(handler);
		this.broker.accept().deliver(CONNECTED);
		return handler;
	}

	OutageTolerantRelayClient resendingClient() {
		return new OutageTolerantRelayClient(this.broker, this.scheduler,
				new RelayOutagePolicy(Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofSeconds(2), 1024, true));
	}

	static Message<byte[]> receipt(String id) {
		return frame(StompCommand.RECEIPT, "receipt-id", id);
	}

	@Test
	void sendsWhoseReceiptHadNotComeWhenTheBrokerWentAwayAreSentAgain() {
		OutageTolerantRelayClient client = resendingClient();
		RecordingRelayHandler handler = openSession(client);
		handler.send(SUBSCRIBE);
		handler.send(send("one"));
		FakeBroker.Connection first = this.broker.last();
		first.deliver(receipt("r0"));
		first.deliver(receipt("sws-relay-1"));
		handler.send(send("two"));
		handler.send(send("three"));
		first.deliver(receipt("sws-relay-3"));
		assertThat(first.sent()).containsExactly("CONNECT accept-version=1.1,1.2 heart-beat=10000,10000 login=guest receipt=c1",
				"SUBSCRIBE id=0 destination=/topic/chat receipt=r0", "SEND destination=/topic/chat receipt=sws-relay-1 body=one",
				"SEND destination=/topic/chat receipt=sws-relay-2 body=two",
				"SEND destination=/topic/chat receipt=sws-relay-3 body=three");
		first.drop();
		handler.send(send("four"));
		this.scheduler.advance(Duration.ofSeconds(1));
		FakeBroker.Connection second = this.broker.accept();
		second.deliver(CONNECTED);
		this.scheduler.advance(Duration.ofSeconds(2));
		assertThat(second.sent()).containsExactly("CONNECT accept-version=1.1,1.2 heart-beat=10000,10000 login=guest",
				"SUBSCRIBE id=0 destination=/topic/chat", "SEND destination=/topic/chat receipt=sws-relay-4 body=two",
				"SEND destination=/topic/chat receipt=sws-relay-5 body=four");
		// the relay's client never sees the receipts it did not ask for
		assertThat(handler.events()).containsExactly("connected", "CONNECTED version=1.2 heart-beat=5000,10000",
				"RECEIPT receipt-id=r0");
		assertThat(client.getStats().framesResent()).isOne();
		assertThat(client.getStats().framesFlushed()).isEqualTo(2);
	}

	@Test
	void aReceiptTheClientAskedForReachesItAndIsAskedForAgainIfTheBrokerWentAwayBeforeIt() {
		OutageTolerantRelayClient client = resendingClient();
		RecordingRelayHandler handler = openSession(client);
		FakeBroker.Connection first = this.broker.last();
		handler.send(frame(StompCommand.SEND, "hi".getBytes(), "destination", "/topic/chat", "receipt", "mine"));
		first.deliver(receipt("mine"));
		handler.send(frame(StompCommand.SEND, "again".getBytes(), "destination", "/topic/chat", "receipt", "lost"));
		first.drop();
		this.scheduler.advance(Duration.ofSeconds(1));
		FakeBroker.Connection second = this.broker.accept();
		second.deliver(CONNECTED);
		this.scheduler.advance(Duration.ofSeconds(2));
		assertThat(second.sent()).last().isEqualTo("SEND destination=/topic/chat receipt=lost body=again");
		second.deliver(receipt("lost"));
		assertThat(handler.events()).containsExactly("connected", "CONNECTED version=1.2 heart-beat=5000,10000",
				"RECEIPT receipt-id=mine", "RECEIPT receipt-id=lost");
	}

	@Test
	void noMoreThanTheBufferSizeOfUnconfirmedSendsIsKept() {
		OutageTolerantRelayClient client = resendingClient();
		RecordingRelayHandler handler = openSession(client);
		handler.send(send("x".repeat(700)));
		handler.send(send("y".repeat(700)));
		this.broker.last().drop();
		this.scheduler.advance(Duration.ofSeconds(1));
		FakeBroker.Connection second = this.broker.accept();
		second.deliver(CONNECTED);
		this.scheduler.advance(Duration.ofSeconds(2));
		assertThat(second.sent()).hasSize(2).last().asString().contains("y".repeat(700)).doesNotContain("x");
		assertThat(client.getStats().framesResent()).isOne();
	}

	@Test
	void whileTheBrokerIsUpEverythingPassesThrough() {
		RecordingRelayHandler handler = openSession();
		handler.send(SUBSCRIBE);
		handler.send(send("hello"));
		this.broker.last().deliver(frame(StompCommand.MESSAGE, "hi".getBytes(), "subscription", "0"));
		assertThat(this.broker.last().sent()).containsExactly(
				"CONNECT accept-version=1.1,1.2 heart-beat=10000,10000 login=guest receipt=c1",
				"SUBSCRIBE id=0 destination=/topic/chat receipt=r0", "SEND destination=/topic/chat body=hello");
		assertThat(handler.events()).containsExactly("connected", "CONNECTED version=1.2 heart-beat=5000,10000",
				"MESSAGE subscription=0 body=hi");
	}

	@Test
	void aLostBrokerIsNotReportedAndTheSessionIsResumedOnANewConnection() {
		RecordingRelayHandler handler = openSession();
		handler.send(SUBSCRIBE);
		handler.send(frame(StompCommand.SUBSCRIBE, "id", "1", "destination", "/topic/gone"));
		FakeBroker.Connection first = this.broker.last();
		first.drop();
		handler.send(send("one"));
		handler.send(heartbeat());
		handler.send(frame(StompCommand.UNSUBSCRIBE, "id", "1"));
		handler.send(frame(StompCommand.SUBSCRIBE, "id", "2", "destination", "/queue/new", "receipt", "r2"));
		handler.send(send("two"));
		assertThat(first.sent()).hasSize(3);
		assertThat(handler.events()).containsExactly("connected", "CONNECTED version=1.2 heart-beat=5000,10000");

		this.scheduler.advance(Duration.ofMillis(999));
		assertThat(this.broker.pendingAttempts()).isZero();
		this.scheduler.advance(Duration.ofMillis(1));
		FakeBroker.Connection second = this.broker.accept();
		assertThat(second.sent()).containsExactly("CONNECT accept-version=1.1,1.2 heart-beat=10000,10000 login=guest");
		second.deliver(CONNECTED);
		assertThat(second.sent()).containsExactly("CONNECT accept-version=1.1,1.2 heart-beat=10000,10000 login=guest",
				"SUBSCRIBE id=0 destination=/topic/chat", "SUBSCRIBE id=2 destination=/queue/new receipt=r2");

		this.scheduler.advance(Duration.ofMillis(1999));
		assertThat(second.sent()).hasSize(3);
		handler.send(send("three"));
		this.scheduler.advance(Duration.ofMillis(1));
		assertThat(second.sent()).endsWith("SEND destination=/topic/chat body=one", "SEND destination=/topic/chat body=two",
				"SEND destination=/topic/chat body=three");
		handler.send(send("four"));
		assertThat(second.sent()).last().isEqualTo("SEND destination=/topic/chat body=four");
		assertThat(handler.events()).containsExactly("connected", "CONNECTED version=1.2 heart-beat=5000,10000");
		assertThat(this.client.getStats()).isEqualTo(new OutageTolerantRelayClient.Stats(1, 0, 1, 1, 0, 3, 3, 0, 0, 0));
	}

	@Test
	void duringAnOutageTheClientGetsHeartbeatsAndReceiptsFromTheRelay() {
		RecordingRelayHandler handler = openSession();
		this.broker.last().drop();
		handler.send(frame(StompCommand.UNSUBSCRIBE, "id", "0", "receipt", "u0"));
		// the client expects the broker's heartbeats every max(10000, 5000) ms
		for (int i = 0; i < 3; i++) {
			this.scheduler.advance(Duration.ofSeconds(1));
			this.broker.refuse();
		}
		this.scheduler.advance(Duration.ofSeconds(7));
		assertThat(handler.events()).containsExactly("connected", "CONNECTED version=1.2 heart-beat=5000,10000",
				"RECEIPT receipt-id=u0", "HEARTBEAT");
		handler.send(frame(StompCommand.DISCONNECT, "receipt", "bye"));
		assertThat(handler.events()).endsWith("RECEIPT receipt-id=bye", "closed");
		int attempts = this.broker.pendingAttempts();
		this.scheduler.advance(Duration.ofSeconds(60));
		assertThat(this.broker.pendingAttempts()).isEqualTo(attempts);
		assertThat(this.client.getStats().sessions()).isZero();
	}

	@Test
	void aSessionHeldLongerThanTheMaxDurationIsClosedAsTheRelayWouldHave() {
		RecordingRelayHandler handler = openSession();
		this.broker.last().drop();
		handler.send(send("lost"));
		for (int second = 1; second < 30; second++) {
			this.scheduler.advance(Duration.ofSeconds(1));
			this.broker.refuse();
		}
		assertThat(handler.events()).doesNotContain("closed");
		this.scheduler.advance(Duration.ofSeconds(1));
		assertThat(handler.events()).last().isEqualTo("closed");
		this.scheduler.advance(Duration.ofSeconds(10));
		assertThat(this.broker.pendingAttempts()).isZero();
		OutageTolerantRelayClient.Stats stats = this.client.getStats();
		assertThat(stats.sessionsClosed()).isOne();
		assertThat(stats.framesDropped()).isOne();
		assertThat(stats.sessions()).isZero();
	}

	@Test
	void aSessionThatSendsMoreThanTheBufferDuringAnOutageIsClosed() {
		RecordingRelayHandler handler = openSession();
		this.broker.last().drop();
		handler.send(send("x".repeat(700)));
		assertThat(handler.events()).doesNotContain("closed");
		handler.send(send("y".repeat(200)));
		assertThat(handler.events()).last().isEqualTo("closed");
		assertThat(this.client.getStats().framesDropped()).isOne();
	}

	@Test
	void clientAcknowledgementsAndTransactionsCannotBeResumed() {
		RecordingRelayHandler acking = openSession();
		acking.send(frame(StompCommand.SUBSCRIBE, "id", "0", "destination", "/queue/work", "ack", "client"));
		this.broker.last().drop();
		assertThat(acking.events()).last().isEqualTo("closed");

		RecordingRelayHandler transacting = openSession();
		transacting.send(frame(StompCommand.BEGIN, "transaction", "t1"));
		this.broker.last().drop();
		assertThat(transacting.events()).last().isEqualTo("closed");

		RecordingRelayHandler committed = openSession();
		committed.send(frame(StompCommand.BEGIN, "transaction", "t2"));
		committed.send(frame(StompCommand.COMMIT, "transaction", "t2"));
		this.broker.last().drop();
		assertThat(committed.events()).doesNotContain("closed");
		committed.send(frame(StompCommand.ACK, "id", "m1"));
		assertThat(committed.events()).last().isEqualTo("closed");
	}

	@Test
	void aBrokerErrorEndsTheSessionAsWithoutTheClient() {
		RecordingRelayHandler handler = openSession();
		this.broker.last().deliver(frame(StompCommand.ERROR, "message", "Invalid destination"));
		this.broker.last().drop();
		assertThat(handler.events()).endsWith("ERROR message=Invalid destination", "closed");
		this.scheduler.advance(Duration.ofSeconds(5));
		assertThat(this.broker.pendingAttempts()).isZero();
	}

	@Test
	void rabbitMqClosingItsConnectionsIsAnOutage() {
		RecordingRelayHandler handler = openSession();
		FakeBroker.Connection first = this.broker.last();
		first.deliver(frame(StompCommand.ERROR, "message", "connection_forced"));
		assertThat(first.closed).isTrue();
		this.scheduler.advance(Duration.ofSeconds(1));
		this.broker.accept().deliver(CONNECTED);
		this.scheduler.advance(Duration.ofSeconds(2));
		assertThat(handler.events()).containsExactly("connected", "CONNECTED version=1.2 heart-beat=5000,10000");
		assertThat(this.client.getStats().connectionsResumed()).isOne();
	}

	@Test
	void aBrokerThatRefusesTheResumedSessionClosesIt() {
		RecordingRelayHandler handler = openSession();
		this.broker.last().drop();
		handler.send(send("held"));
		this.scheduler.advance(Duration.ofSeconds(1));
		FakeBroker.Connection second = this.broker.accept();
		second.deliver(frame(StompCommand.ERROR, "message", "Security Error occurred: User name [guest] or password is invalid"));
		second.drop();
		assertThat(handler.events()).endsWith("ERROR message=Security Error occurred: User name [guest] or password is invalid",
				"closed");
		assertThat(second.sent()).hasSize(1);
		assertThat(this.client.getStats().framesDropped()).isOne();
	}

	@Test
	void aResumedConnectionThatNeverAnswersIsReplaced() {
		openSession();
		this.broker.last().drop();
		this.scheduler.advance(Duration.ofSeconds(1));
		FakeBroker.Connection silent = this.broker.accept();
		silent.readIdleTask.run();
		assertThat(silent.closed).isTrue();
		this.scheduler.advance(Duration.ofSeconds(1));
		assertThat(this.broker.pendingAttempts()).isOne();
	}

	@Test
	void aFailedWriteIsAnOutage() {
		RecordingRelayHandler handler = openSession();
		FakeBroker.Connection first = this.broker.last();
		first.failWrites = true;
		handler.send(send("lost in flight"));
		this.scheduler.advance(Duration.ZERO);
		assertThat(first.closed).isTrue();
		handler.send(send("held"));
		this.scheduler.advance(Duration.ofSeconds(1));
		FakeBroker.Connection second = this.broker.accept();
		second.deliver(CONNECTED);
		this.scheduler.advance(Duration.ofSeconds(2));
		assertThat(second.sent()).last().isEqualTo("SEND destination=/topic/chat body=held");
		assertThat(handler.events()).doesNotContain("closed");
		assertThat(this.client.getStats().failedWrites()).isOne();
	}

	@Test
	void untilTheFirstConnectedEverythingIsPassedOn() {
		RecordingRelayHandler refused = new RecordingRelayHandler(CONNECT);
		this.client.connectAsync(refused);
		this.broker.refuse();
		assertThat(refused.events()).containsExactly("connect failure: Connection refused");

		RecordingRelayHandler unanswered = new RecordingRelayHandler(CONNECT);
		this.client.connectAsync(unanswered);
		this.broker.accept().drop();
		assertThat(unanswered.events()).containsExactly("connected", "closed");
		this.scheduler.advance(Duration.ofSeconds(10));
		assertThat(this.broker.pendingAttempts()).isZero();
		assertThat(this.client.getStats().sessions()).isZero();
	}

	@Test
	void theSystemSessionConnectsWithItsStrategyAndIsHeldLikeTheOthers() {
		RecordingRelayHandler system = new RecordingRelayHandler(CONNECT);
		this.client.connectAsync(system, new FixedIntervalReconnectStrategy(5000));
		this.broker.refuse();
		this.scheduler.advance(Duration.ofMillis(4999));
		assertThat(this.broker.pendingAttempts()).isZero();
		this.scheduler.advance(Duration.ofMillis(1));
		FakeBroker.Connection first = this.broker.accept();
		first.deliver(CONNECTED);
		Runnable heartbeatWatch = () -> system.events.add("relay's heartbeat watch");
		system.connection.onReadInactivity(heartbeatWatch, 30000);
		first.readIdleTask.run();
		assertThat(first.closed).isTrue();
		assertThat(system.events()).containsExactly("connect failure: Connection refused", "connected",
				"CONNECTED version=1.2 heart-beat=5000,10000");

		this.scheduler.advance(Duration.ofSeconds(1));
		FakeBroker.Connection second = this.broker.accept();
		second.deliver(CONNECTED);
		assertThat(second.readIdleTask).isNotNull();
		second.drop();
		for (int second1 = 1; second1 <= 30; second1++) {
			this.scheduler.advance(Duration.ofSeconds(1));
			if (this.broker.pendingAttempts() > 0) {
				this.broker.refuse();
			}
		}
		// given up: the relay learns the broker is gone, and connects again with its strategy
		assertThat(system.events()).endsWith("closed");
		this.scheduler.advance(Duration.ofSeconds(5));
		this.broker.accept();
		assertThat(system.events()).last().isEqualTo("connected");
	}

	@Test
	void shutdownClosesEverySession() {
		RecordingRelayHandler handler = openSession();
		this.broker.last().drop();
		this.client.shutdownAsync();
		this.scheduler.advance(Duration.ofSeconds(5));
		assertThat(this.broker.pendingAttempts()).isZero();
		assertThat(this.broker.shutDown).isTrue();
		assertThat(handler.events()).doesNotContain("closed");
		RecordingRelayHandler late = new RecordingRelayHandler(CONNECT);
		this.client.connectAsync(late);
		assertThat(late.events()).containsExactly("connect failure: Shutting down.");
	}

}
