package dev.sws.hostile;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.WebSocketSession;

import dev.sws.it.TestClients;
import dev.sws.it.TestClients.Collector;
import dev.sws.websocket.SwsWebSocketClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many concurrent SWS v2 clients against one server: every client completes its handshake, then
 * all of them send their messages at once, and every client gets every echo back, in order. Sized
 * for CI by default (1,000 clients × 100 messages); the same test runs longer with
 * {@code -Dsws.load.clients=... -Dsws.load.messages=...}. The figures go to
 * {@code target/hostile-report/load.md}.
 */
@Tag("load")
@ExtendWith(OutputCaptureExtension.class)
class ConcurrentClientsLoadTests extends HostileTestSupport {

	/** Handshakes in flight at once while the clients connect. */
	private static final int CONNECTING_AT_ONCE = 64;

	private static final int SENDER_THREADS = 16;

	@Test
	void everyClientCompletesItsHandshakeAndGetsEveryMessageBackInOrder(CapturedOutput output) throws Exception {
		int clients = Integer.getInteger("sws.load.clients", 1000);
		int messages = Integer.getInteger("sws.load.messages", 100);
		SwsWebSocketClient client = TestClients.v2(HostilePki.TRUSTED.ca.getCertificate(), null, null);
		double receivedBefore = serverMessagesIn();
		List<Collector> collectors = new ArrayList<>(clients);
		List<Long> handshakeMillis = Collections.synchronizedList(new ArrayList<>());
		ExecutorService senders = Executors.newFixedThreadPool(SENDER_THREADS);
		try {
			long started = System.nanoTime();
			Semaphore connecting = new Semaphore(CONNECTING_AT_ONCE);
			List<CompletableFuture<WebSocketSession>> sessions = new ArrayList<>(clients);
			for (int i = 0; i < clients; i++) {
				Collector collector = new Collector();
				collectors.add(collector);
				connecting.acquire();
				long start = System.nanoTime();
				sessions.add(client.execute(collector, uri("/echo").toString()).whenComplete((session, ex) -> {
					connecting.release();
					handshakeMillis.add(Duration.ofNanos(System.nanoTime() - start).toMillis());
				}));
			}
			for (int i = 0; i < clients; i++) {
				collectors.get(i).session = sessions.get(i).get(60, TimeUnit.SECONDS);
			}
			long connectedMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();

			long exchangeStarted = System.nanoTime();
			List<Future<?>> sent = new ArrayList<>(clients);
			for (int i = 0; i < clients; i++) {
				WebSocketSession session = collectors.get(i).session;
				int clientIndex = i;
				sent.add(senders.submit(() -> {
					for (int m = 0; m < messages; m++) {
						session.sendMessage(new BinaryMessage(message(clientIndex, m)));
					}
					return null;
				}));
			}
			for (Future<?> future : sent) {
				future.get(120, TimeUnit.SECONDS);
			}
			for (int i = 0; i < clients; i++) {
				for (int m = 0; m < messages; m++) {
					assertThat(collectors.get(i).nextBytes()).as("client %d, message %d", i, m).isEqualTo(message(i, m));
				}
			}
			long exchangeMillis = Duration.ofNanos(System.nanoTime() - exchangeStarted).toMillis();
			long total = (long) clients * messages;

			Collections.sort(handshakeMillis);
			String figures = String.format(
					"%d clients (v2) connected in %d ms (%d handshakes in flight at most; handshake median %d ms, p99 "
							+ "%d ms, max %d ms); %d messages each, %d in all, echoed in %d ms: %d round trips/s (each side "
							+ "sealed and opened %d frames/s); 0 failures, 0 lost, 0 out of order",
					clients, connectedMillis, CONNECTING_AT_ONCE, percentile(handshakeMillis, 50),
					percentile(handshakeMillis, 99), handshakeMillis.get(handshakeMillis.size() - 1), messages, total,
					exchangeMillis, total * 1000 / Math.max(1, exchangeMillis), total * 1000 / Math.max(1, exchangeMillis));
			ConformanceReport report = new ConformanceReport("load", "figures");
			report.add(figures);
			report.write();

			assertThat(serverMessagesIn() - receivedBefore).as("messages the server decrypted").isEqualTo(total);
			for (Collector collector : collectors) {
				assertThat(collector.messages).as("unexpected extra messages").isEmpty();
				assertThat(collector.closed).as("closed early").isNotDone();
			}
		}
		finally {
			senders.shutdownNow();
			for (Collector collector : collectors) {
				if (collector.session != null) {
					collector.session.close();
				}
			}
		}
		assertNoStackTrace(output);
	}

	private double serverMessagesIn() {
		return this.meterRegistry.find("sws.messages")
			.tags("role", "server", "direction", "in")
			.counters()
			.stream()
			.mapToDouble(Counter::count)
			.sum();
	}

	private static byte[] message(int client, int index) {
		return ("client " + client + " message " + index).getBytes(StandardCharsets.UTF_8);
	}

	private static long percentile(List<Long> sorted, int percent) {
		return sorted.get(Math.min(sorted.size() - 1, sorted.size() * percent / 100));
	}

}
