package dev.sws.sample.relay;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.messaging.simp.broker.BrokerAvailabilityEvent;

import dev.sws.autoconfigure.relay.SwsStompBrokerRelay;
import dev.sws.cert.CertFiles;
import dev.sws.cert.NaclCert;
import dev.sws.sample.ChatParticipant;
import dev.sws.sample.DevModeAppTest;
import dev.sws.sample.SwsSampleApplication;
import dev.sws.sample.chat.ChatMessage;
import dev.sws.websocket.relay.OutageTolerantRelayClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of the sample in relay mode ({@code sws.server.stomp.relay.*}) share one chat
 * through a STOMP broker: SWS clients on different instances see each other's messages exactly
 * once and in order, and across a broker restart, which no session notices, nothing sent is lost.
 * Subclasses provide the broker.
 */
@TestInstance(Lifecycle.PER_CLASS)
abstract class AbstractScaleOutTests {

	static final int MESSAGES = 1000;

	static final Duration SEND_PAUSE = Duration.ofMillis(10);

	static final Duration OUTAGE = Duration.ofSeconds(2);

	/** Messages a sender may have in flight, between its client and the broker, at the stop. */
	static final int IN_FLIGHT = 40;

	ConfigurableApplicationContext alpha;

	ConfigurableApplicationContext beta;

	NaclCert ca;

	/** The broker's name in the report. */
	abstract String brokerName();

	/** Starts the broker, or checks that it runs. */
	abstract void startBroker() throws Exception;

	/** The arguments of an instance that uses the broker. */
	abstract String[] brokerArguments();

	/** The arguments of the first instance; by default, those of every instance. */
	String[] alphaArguments() {
		return brokerArguments();
	}

	/** Stops the broker: every connection to it is closed, and it forgets every subscription. */
	abstract void stopBroker() throws Exception;

	/** Starts the stopped broker again, on the same port. */
	abstract void restartBroker() throws Exception;

	/** Stops the broker for good. */
	abstract void closeBroker();

	@BeforeAll
	void start() throws Exception {
		startBroker();
		this.alpha = instance(alphaArguments());
		this.beta = instance(brokerArguments());
		this.ca = CertFiles.readCaCert(Path.of(DevModeAppTest.DEV_DIRECTORY, "sws-dev-ca-cert.json"));
	}

	@AfterAll
	void stop() {
		for (ConfigurableApplicationContext context : new ConfigurableApplicationContext[] { this.alpha, this.beta }) {
			if (context != null) {
				context.close();
			}
		}
		closeBroker();
	}

	/** The arguments of an instance that relays to an external broker. */
	static String[] externalBroker(String host, int port, String login, String passcode, String... more) {
		List<String> arguments = new ArrayList<>(List.of("--spring.artemis.embedded.enabled=false",
				"--sws.server.stomp.relay.host=" + host, "--sws.server.stomp.relay.port=" + port,
				"--sws.server.stomp.relay.client-login=" + login, "--sws.server.stomp.relay.client-passcode=" + passcode));
		arguments.addAll(List.of(more));
		return arguments.toArray(String[]::new);
	}

	/** An instance in relay mode; command-line arguments, so that they win over the sample's application.yml. */
	static ConfigurableApplicationContext instance(String... more) throws Exception {
		List<String> arguments = new ArrayList<>(List.of("--server.port=0",
				"--server.address=127.0.0.1", "--sws.server.dev-mode.directory=" + DevModeAppTest.DEV_DIRECTORY,
				"--sws.server.stomp.relay.enabled=true", "--sws.server.stomp.relay.outage.reconnect-interval=500ms",
				"--sws.server.stomp.relay.outage.settle-time=1s", "--spring.main.banner-mode=off"));
		arguments.addAll(List.of(more));
		CompletableFuture<Void> brokerAvailable = new CompletableFuture<>();
		ConfigurableApplicationContext context = new SpringApplicationBuilder(SwsSampleApplication.class)
			.listeners((event) -> {
				if (event instanceof BrokerAvailabilityEvent availability && availability.isBrokerAvailable()) {
					brokerAvailable.complete(null);
				}
			})
			.run(arguments.toArray(String[]::new));
		// the relay connects to the broker after startup; a client that came earlier would be refused
		brokerAvailable.get(ChatParticipant.WAIT.toSeconds(), TimeUnit.SECONDS);
		return context;
	}

	static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	static OutageTolerantRelayClient relayClient(ConfigurableApplicationContext context) {
		return Objects.requireNonNull(context.getBean(SwsStompBrokerRelay.class).getRelayClient());
	}

	@Test
	void clientsOnDifferentInstancesChatExactlyOnceAndInOrder() throws Exception {
		try (ChatParticipant alice = ChatParticipant.join(port(this.alpha), "alice", this.ca);
				ChatParticipant bob = ChatParticipant.join(port(this.beta), "bob", ca)) {
			CompletableFuture<Void> aliceSends = CompletableFuture.runAsync(() -> sendAll(alice, Duration.ZERO));
			CompletableFuture<Void> bobSends = CompletableFuture.runAsync(() -> sendAll(bob, Duration.ZERO));
			CompletableFuture.allOf(aliceSends, bobSends).get(60, TimeUnit.SECONDS);
			for (ChatParticipant participant : List.of(alice, bob)) {
				participant.await("every message", (received) -> received.size() >= 2 * MESSAGES, Duration.ofSeconds(60));
				assertThat(texts(participant.received(), "alice")).as(participant.name() + " from alice")
					.containsExactlyElementsOf(expected("alice"));
				assertThat(texts(participant.received(), "bob")).as(participant.name() + " from bob")
					.containsExactlyElementsOf(expected("bob"));
				assertThat(participant.received()).hasSize(2 * MESSAGES);
				assertThat(participant.errors()).isEmpty();
			}
		}
	}

	/**
	 * Stops the broker in the middle of the conversation and starts it again on the same port.
	 * What happened is written to {@code target/broker-outage-BROKER.txt}. Nothing sent while the
	 * broker was away is lost; of the messages in flight when it went down, at most those the broker
	 * had accepted but not yet delivered may be lost, and those whose receipt had not come may be
	 * delivered twice; nothing arrives out of order.
	 */
	@Test
	void aBrokerRestartKeepsEverySessionUp() throws Exception {
		try (ChatParticipant carol = ChatParticipant.join(port(this.alpha), "carol", this.ca);
				ChatParticipant dave = ChatParticipant.join(port(this.beta), "dave", ca)) {
			List<ChatParticipant> participants = List.of(carol, dave);
			CompletableFuture<Void> carolSends = CompletableFuture.runAsync(() -> sendAll(carol, SEND_PAUSE));
			CompletableFuture<Void> daveSends = CompletableFuture.runAsync(() -> sendAll(dave, SEND_PAUSE));
			carol.await("200 of dave's messages", (received) -> texts(received, "dave").size() >= 200, ChatParticipant.WAIT);
			Map<String, Integer> sentAtStop = Map.of("carol", carol.sent(), "dave", dave.sent());
			long stopping = System.nanoTime();
			stopBroker();
			// rabbitmqctl takes a second or two: the broker is down once it returns
			long stopTook = System.nanoTime() - stopping;
			Map<String, Integer> sentWhenStopped = Map.of("carol", carol.sent(), "dave", dave.sent());
			assertThat(sentWhenStopped.values()).as("messages sent when the broker was down: some must be left to send")
				.allMatch((sent) -> sent < MESSAGES);
			// the outage itself, not a wait for a result
			Thread.sleep(OUTAGE.toMillis());
			long restarted = System.nanoTime();
			restartBroker();
			long restartTook = System.nanoTime() - restarted;
			Map<String, Integer> sentAtRestart = Map.of("carol", carol.sent(), "dave", dave.sent());
			CompletableFuture.allOf(carolSends, daveSends).get(60, TimeUnit.SECONDS);
			for (ChatParticipant participant : participants) {
				participant.await("the last messages", (received) -> texts(received, "carol").contains("carol 999")
						&& texts(received, "dave").contains("dave 999"), ChatParticipant.WAIT);
			}

			StringBuilder report = new StringBuilder();
			report.append(brokerName()).append(" stopped when carol had sent ").append(sentAtStop.get("carol")).append(" and dave ")
				.append(sentAtStop.get("dave")).append(" messages (").append(sentWhenStopped.get("carol")).append(" and ")
				.append(sentWhenStopped.get("dave")).append(" when the stop returned ").append(stopTook / 1_000_000)
				.append(" ms later), started again ").append(OUTAGE.toMillis()).append(" ms later (the start took ")
				.append(restartTook / 1_000_000).append(" ms), when they had sent ").append(sentAtRestart.get("carol"))
				.append(" and ").append(sentAtRestart.get("dave")).append(" (one message every ").append(SEND_PAUSE.toMillis())
				.append(" ms each)\n");
			for (ChatParticipant receiver : participants) {
				for (String sender : List.of("carol", "dave")) {
					Delivery delivery = Delivery.of(sender, receiver);
					report.append(delivery).append('\n');
					assertThat(delivery.inOrder()).as(delivery.toString()).isTrue();
					// only what was in flight when the broker went down may be lost, or arrive twice
					int firstInFlight = sentAtStop.get(sender) - IN_FLIGHT;
					assertThat(delivery.missing()).as(delivery.toString())
						.allMatch((index) -> index >= firstInFlight && index < sentAtRestart.get(sender));
					assertThat(delivery.duplicated()).as(delivery.toString())
						.allMatch((index) -> index >= firstInFlight && index < sentAtRestart.get(sender));
				}
				long firstAfterRestart = receiver.arrivals().stream().filter((at) -> at > restarted).findFirst().orElseThrow();
				report.append(receiver.name()).append(" got the first message ")
					.append((firstAfterRestart - restarted) / 1_000_000).append(" ms after the restart began\n");
				assertThat(receiver.isConnected()).isTrue();
				assertThat(receiver.errors()).isEmpty();
			}
			for (ConfigurableApplicationContext instance : List.of(this.alpha, this.beta)) {
				OutageTolerantRelayClient.Stats stats = relayClient(instance).getStats();
				report.append(instance == this.alpha ? "alpha: " : "beta: ").append(stats).append('\n');
				assertThat(stats.connectionsResumed()).isEqualTo(stats.connectionsLost()).isPositive();
				assertThat(stats.sessionsClosed()).isZero();
				// what was held, and what was sent again for want of a receipt, went out after the restart
				assertThat(stats.framesFlushed()).isEqualTo(stats.framesHeld() + stats.framesResent()).isPositive();
			}
			System.out.print(report);
			Files.writeString(Path.of("target", "broker-outage-" + brokerName().toLowerCase().replaceAll("\\W+", "-") + ".txt"),
					report);
		}
	}

	static void sendAll(ChatParticipant participant, Duration pause) {
		for (int i = 0; i < MESSAGES; i++) {
			participant.say(participant.name() + " " + i);
			if (!pause.isZero()) {
				try {
					Thread.sleep(pause.toMillis());
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}
	}

	static List<String> expected(String name) {
		List<String> texts = new ArrayList<>();
		for (int i = 0; i < MESSAGES; i++) {
			texts.add(name + " " + i);
		}
		return texts;
	}

	/** What one participant received from one sender. */
	record Delivery(String sender, String receiver, List<Integer> indices) {

		static Delivery of(String sender, ChatParticipant receiver) {
			List<Integer> indices = texts(receiver.received(), sender).stream()
				.map((text) -> Integer.parseInt(text.substring(sender.length() + 1)))
				.toList();
			return new Delivery(sender, receiver.name(), indices);
		}

		List<Integer> missing() {
			return IntStream.range(0, MESSAGES).filter((index) -> !this.indices.contains(index)).boxed().toList();
		}

		List<Integer> duplicated() {
			return IntStream.range(1, this.indices.size())
				.filter((i) -> this.indices.subList(0, i).contains(this.indices.get(i)))
				.mapToObj(this.indices::get)
				.toList();
		}

		/** Every message that arrives for the first time comes after those before it. */
		boolean inOrder() {
			int highest = -1;
			for (int i = 0; i < this.indices.size(); i++) {
				int index = this.indices.get(i);
				if (index > highest) {
					highest = index;
				}
				else if (!this.indices.subList(0, i).contains(index)) {
					return false;
				}
			}
			return true;
		}

		@Override
		public String toString() {
			return this.sender + " -> " + this.receiver + ": received " + this.indices.size() + ", lost " + missing().size()
					+ " " + missing() + ", duplicates " + duplicated().size() + " " + duplicated() + ", in order "
					+ inOrder();
		}

	}

	static List<String> texts(List<ChatMessage> messages, String from) {
		return messages.stream().filter((message) -> from.equals(message.from())).map(ChatMessage::text).toList();
	}

}
