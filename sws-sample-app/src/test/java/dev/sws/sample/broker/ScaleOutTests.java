package dev.sws.sample.broker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.sws.cert.CertFiles;
import dev.sws.cert.NaclCert;
import dev.sws.sample.DevModeAppTest;
import dev.sws.sample.SwsSampleApplication;
import dev.sws.sample.chat.ChatMessage;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of the sample in relay mode share one chat through an ActiveMQ Artemis broker:
 * SWS clients on different instances see each other's messages exactly once and in order, also
 * across a broker restart.
 */
class ScaleOutTests {

	static final int MESSAGES = 1000;

	static final Duration SEND_PAUSE = Duration.ofMillis(5);

	static final Duration OUTAGE = Duration.ofSeconds(2);

	static EmbeddedStompBroker broker;

	static ConfigurableApplicationContext alpha;

	static ConfigurableApplicationContext beta;

	static NaclCert ca;

	@BeforeAll
	static void start() throws Exception {
		broker = EmbeddedStompBroker.start("127.0.0.1", 0, Map.of("guest", "guest"));
		alpha = instance(broker.port());
		beta = instance(broker.port());
		ca = CertFiles.readCaCert(java.nio.file.Path.of(DevModeAppTest.DEV_DIRECTORY, "sws-dev-ca-cert.json"));
	}

	@AfterAll
	static void stop() {
		for (ConfigurableApplicationContext context : new ConfigurableApplicationContext[] { alpha, beta }) {
			if (context != null) {
				context.close();
			}
		}
		if (broker != null) {
			broker.close();
		}
	}

	/** Command-line arguments, so that they win over the sample's application.yml. */
	static ConfigurableApplicationContext instance(int brokerPort) {
		return new SpringApplicationBuilder(SwsSampleApplication.class).run("--server.port=0",
				"--server.address=127.0.0.1", "--sample.dev-mode.directory=" + DevModeAppTest.DEV_DIRECTORY,
				"--sample.broker.mode=relay", "--sample.broker.embedded.enabled=false",
				"--sample.broker.relay.port=" + brokerPort, "--sample.broker.relay.outage.reconnect-interval=500ms",
				"--sample.broker.relay.outage.settle-time=1s", "--spring.main.banner-mode=off");
	}

	static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	static OutageTolerantRelayClient relayClient(ConfigurableApplicationContext context) {
		return context.getBean(ChatBrokerRelay.class).client();
	}

	@Test
	void clientsOnDifferentInstancesChatExactlyOnceAndInOrder() throws Exception {
		try (ChatParticipant alice = ChatParticipant.join(port(alpha), "alice", ca);
				ChatParticipant bob = ChatParticipant.join(port(beta), "bob", ca)) {
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

	@Test
	void aBrokerRestartKeepsEverySessionUp() throws Exception {
		try (ChatParticipant carol = ChatParticipant.join(port(alpha), "carol", ca);
				ChatParticipant dave = ChatParticipant.join(port(beta), "dave", ca)) {
			CompletableFuture<Void> carolSends = CompletableFuture.runAsync(() -> sendAll(carol, SEND_PAUSE));
			CompletableFuture<Void> daveSends = CompletableFuture.runAsync(() -> sendAll(dave, SEND_PAUSE));
			carol.await("200 of dave's messages", (received) -> texts(received, "dave").size() >= 200, ChatParticipant.WAIT);
			int[] sentAtStop = { carol.sent(), dave.sent() };
			long stopped = System.nanoTime();
			broker.stop();
			Thread.sleep(OUTAGE.toMillis());
			broker.start();
			long restarted = System.nanoTime();
			int[] sentAtRestart = { carol.sent(), dave.sent() };
			CompletableFuture.allOf(carolSends, daveSends).get(60, TimeUnit.SECONDS);
			for (ChatParticipant participant : List.of(carol, dave)) {
				participant.await("the last messages", (received) -> texts(received, "carol").contains("carol 999")
						&& texts(received, "dave").contains("dave 999"), ChatParticipant.WAIT);
			}
			StringBuilder report = new StringBuilder("Broker outage: ActiveMQ Artemis stopped and restarted on the same port after "
					+ OUTAGE.toMillis() + " ms; each sender sends " + MESSAGES + " messages, one every " + SEND_PAUSE.toMillis() + " ms\n");
			report.append("stop took the senders at carol ").append(sentAtStop[0]).append(", dave ").append(sentAtStop[1])
				.append("; restart at carol ").append(sentAtRestart[0]).append(", dave ").append(sentAtRestart[1]).append('\n');
			for (ChatParticipant receiver : List.of(carol, dave)) {
				for (String sender : List.of("carol", "dave")) {
					List<Integer> indices = texts(receiver.received(), sender).stream()
						.map((text) -> Integer.parseInt(text.substring(sender.length() + 1)))
						.toList();
					List<Integer> missing = new ArrayList<>();
					for (int i = 0; i < MESSAGES; i++) {
						if (!indices.contains(i)) {
							missing.add(i);
						}
					}
					long distinct = indices.stream().distinct().count();
					boolean ordered = java.util.stream.IntStream.range(1, indices.size()).allMatch((i) -> indices.get(i) > indices.get(i - 1));
					report.append(sender).append(" -> ").append(receiver.name()).append(": received ").append(indices.size())
						.append(", missing ").append(missing.size()).append(' ').append(missing).append(", duplicates ")
						.append(indices.size() - distinct).append(", in order ").append(ordered).append('\n');
				}
				long firstAfter = receiver.arrivals().stream().filter((t) -> t > restarted).findFirst().orElse(0L);
				report.append(receiver.name()).append(": first message after the restart arrived ")
					.append((firstAfter - restarted) / 1_000_000).append(" ms after it; connected ").append(receiver.isConnected())
					.append(", errors ").append(receiver.errors()).append('\n');
			}
			report.append("alpha relay: ").append(relayClient(alpha).getStats()).append('\n');
			report.append("beta relay: ").append(relayClient(beta).getStats()).append('\n');
			report.append("outage seen by the test: ").append((restarted - stopped) / 1_000_000).append(" ms\n");
			System.out.println(report);
			java.nio.file.Files.writeString(java.nio.file.Path.of("target", "broker-outage.txt"), report);
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

	static List<String> texts(List<ChatMessage> messages, String from) {
		return messages.stream().filter((message) -> from.equals(message.from())).map(ChatMessage::text).toList();
	}

}
