package dev.sws.hostile;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import com.sun.management.UnixOperatingSystemMXBean;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.socket.TextMessage;

import dev.sws.it.TestClients;
import dev.sws.it.TestClients.Collector;
import dev.sws.protocol.FailureReason;
import dev.sws.testsupport.hostile.RawWebSocket;
import dev.sws.websocket.SwsWebSocketClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A flood of connections that open the WebSocket and never speak (nor answer a close), far beyond
 * the cap on pending handshakes, while legitimate clients connect: the cap holds at every moment,
 * SWS tracks no more connections than the cap, every legitimate client completes its handshake
 * during the flood, and the heap grows only by the container's per-connection buffers, all
 * returned once the flood disconnects. The handshake timeout is raised to 60 s so that only the
 * cap's eviction of the oldest pending handshake makes room. Size it with
 * {@code -Dsws.flood.connections=...} (default 4,000, capped by the file descriptors this process
 * may open: each flood connection costs two, one per end).
 */
@Tag("load")
@ExtendWith(OutputCaptureExtension.class)
@Import(PendingHandshakeFloodTests.NoChannelCache.class)
@TestPropertySource(properties = { "sws.server.max-pending-handshakes=" + PendingHandshakeFloodTests.CAP,
		"sws.server.handshake-timeout=60s" })
class PendingHandshakeFloodTests extends HostileTestSupport {

	static final int CAP = 200;

	/** Tomcat's default for {@code server.tomcat.threads.max}: upgrades in flight at once. */
	private static final int CONTAINER_THREADS = 200;

	private static final int LEGITIMATE_CLIENTS = 10;

	@Autowired
	HostileConfiguration endpoints;

	@Test
	void legitimateClientsGetThroughAFloodOfStalledConnectionsAndTheCapHolds(CapturedOutput output) throws Exception {
		int flood = floodSize();
		assertThat(flood).as("flood size (raise ulimit -n if this fails)").isGreaterThanOrEqualTo(10 * CAP);
		long evictedBefore = handshakeFailures(this.meterRegistry, "server", FailureReason.TOO_MANY_PENDING);
		SwsWebSocketClient legitClient = TestClients.v2(HostilePki.TRUSTED.ca.getCertificate(), null, null);
		TestClients.connect(legitClient, uri(ServerCase.PLAIN).toString()).session.close(); // warm up
		long heapBefore = usedHeapAfterGc();

		Queue<RawWebSocket> stalled = new ConcurrentLinkedQueue<>();
		AtomicInteger opened = new AtomicInteger();
		AtomicInteger maxPending = new AtomicInteger();
		AtomicInteger maxTracked = new AtomicInteger();
		CountDownLatch aThird = new CountDownLatch(1);
		ExecutorService flooders = Executors.newFixedThreadPool(8);
		Thread sampler = new Thread(() -> {
			while (!Thread.currentThread().isInterrupted()) {
				maxPending.accumulateAndGet(this.swsServer.getPendingHandshakes(), Math::max);
				maxTracked.accumulateAndGet(this.endpoints.plainEndpoint().getConnectionCount(), Math::max);
				LockSupport.parkNanos(100_000);
			}
		}, "pending-sampler");
		List<Long> legitimateMillis = new ArrayList<>();
		long started = System.nanoTime();
		try {
			sampler.start();
			List<Future<?>> floods = new ArrayList<>();
			for (int t = 0; t < 8; t++) {
				floods.add(flooders.submit(() -> {
					while (opened.incrementAndGet() <= flood) {
						stalled.add(RawWebSocket.connect(uri(ServerCase.PLAIN), Duration.ofSeconds(30)));
						if (stalled.size() >= flood / 3) {
							aThird.countDown();
						}
					}
					return null;
				}));
			}
			assertThat(aThird.await(60, TimeUnit.SECONDS)).as("a third of the flood is open").isTrue();
			for (int i = 0; i < LEGITIMATE_CLIENTS; i++) {
				long start = System.nanoTime();
				Collector legit = TestClients.connect(legitClient, uri(ServerCase.PLAIN).toString());
				legitimateMillis.add(Duration.ofNanos(System.nanoTime() - start).toMillis());
				legit.session.sendMessage(new TextMessage("through the flood " + i));
				assertThat(new String(legit.nextBytes(), StandardCharsets.UTF_8)).isEqualTo("through the flood " + i);
				legit.session.close();
			}
			int openedDuringLegit = stalled.size();
			for (Future<?> future : floods) {
				future.get(120, TimeUnit.SECONDS);
			}
			long floodMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();
			long heapWithFlood = usedHeapAfterGc();
			long evicted = handshakeFailures(this.meterRegistry, "server", FailureReason.TOO_MANY_PENDING) - evictedBefore;
			stalled.forEach(RawWebSocket::close);
			long heapAfterFlood = await().atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofSeconds(1))
				.until(PendingHandshakeFloodTests::usedHeapAfterGc, (heap) -> heap < heapBefore + (32L << 20));
			String figures = String.format(
					"%d stalled connections in %d ms, cap %d; %d legitimate handshakes during the flood (after %d flood "
							+ "connections): %s ms; max pending %d; max connections SWS tracked %d; closed with 1013: %d; "
							+ "used heap after GC: %d MB before, %d MB with the flood open (+%d KB per connection, the "
							+ "container's buffers), %d MB once it disconnected",
					flood, floodMillis, CAP, LEGITIMATE_CLIENTS, openedDuringLegit, legitimateMillis, maxPending.get(),
					maxTracked.get(), evicted, heapBefore >> 20, heapWithFlood >> 20,
					((heapWithFlood - heapBefore) / flood) >> 10, heapAfterFlood >> 20);
			ConformanceReport report = new ConformanceReport("flood", "figures");
			report.add(figures);
			report.write();

			assertThat(maxPending.get()).as("pending handshakes at any moment").isLessThanOrEqualTo(CAP);
			// a connection is tracked from its upgrade, a moment before it evicts the oldest
			assertThat(maxTracked.get()).as("connections SWS tracked at any moment")
				.isLessThanOrEqualTo(CAP + CONTAINER_THREADS);
			// an eviction that picks a legitimate handshake completing at that moment closes nothing
			assertThat(evicted).as("flood connections closed with 1013")
				.isGreaterThanOrEqualTo(flood - CAP - LEGITIMATE_CLIENTS);
			assertThat((heapWithFlood - heapBefore) / flood).as("heap per open flood connection")
				.isLessThan(128L << 10);
			assertThat(openedDuringLegit).as("the flood went on while legitimate clients connected")
				.isLessThan(flood);
		}
		finally {
			sampler.interrupt();
			flooders.shutdownNow();
			stalled.forEach(RawWebSocket::close);
		}
		assertNoStackTrace(output);
	}

	/**
	 * Tomcat caches closed connections' channels (16 KB of buffers each) for reuse; without the
	 * cache, what the heap keeps after the flood is what anything else kept.
	 */
	@Configuration(proxyBeanMethods = false)
	static class NoChannelCache {

		@Bean
		TomcatConnectorCustomizer noChannelCache() {
			return (connector) -> connector.setProperty("socket.bufferPool", "0");
		}

	}

	/** The flood's size: as asked, within the file descriptors this process may still open. */
	private static int floodSize() {
		int asked = Integer.getInteger("sws.flood.connections", 4000);
		if (ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix) {
			long spare = unix.getMaxFileDescriptorCount() - unix.getOpenFileDescriptorCount() - 1000;
			return (int) Math.min(asked, spare / 2);
		}
		return asked;
	}

	private static long usedHeapAfterGc() {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		for (int i = 0; i < 3; i++) {
			System.gc();
		}
		return memory.getHeapMemoryUsage().getUsed();
	}

}
