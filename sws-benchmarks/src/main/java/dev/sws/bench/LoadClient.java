package dev.sws.bench;

import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import jakarta.websocket.ContainerProvider;
import jakarta.websocket.WebSocketContainer;
import org.jspecify.annotations.Nullable;

import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.client.WebSocketClient;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.handler.BinaryWebSocketHandler;

import dev.sws.cert.CertFiles;
import dev.sws.cert.TrustPolicy;
import dev.sws.crypto.BoxKeyPair;
import dev.sws.crypto.RandomSource;
import dev.sws.protocol.ClientHandshakeSettings;
import dev.sws.protocol.ProtocolVersion;
import dev.sws.protocol.V3CipherSuite;
import dev.sws.websocket.SwsWebSocketClient;

/**
 * The load generator, run in its own JVM by {@link E2eBenchmark}. Every transport goes through
 * the same client (Tomcat's, via Spring's {@link StandardWebSocketClient}); SWS adds its
 * {@link SwsWebSocketClient} on top. Modes:
 * <ul>
 * <li>{@code echo}: each connection keeps a window of messages in flight, for a warm-up and a
 * measured period; prints messages/s and round-trip percentiles.</li>
 * <li>{@code suite}: the echo run for several transports, interleaved over several rounds in this
 * one JVM; prints the median round of each.</li>
 * <li>{@code connect}: workers open (including the SWS or TLS handshake) and close connections in
 * a loop; prints connections/s.</li>
 * <li>{@code idle}: opens N connections, prints {@code OPENED}, and closes them when stdin says
 * {@code close}.</li>
 * </ul>
 * Arguments are {@code key=value}; the result is one line {@code RESULT key=value ...}.
 */
public final class LoadClient {

	private final Map<String, String> args;

	/** The client of the {@code transport=} argument, for the modes on one transport. */
	private final @Nullable WebSocketClient client;

	/** The {@code url=} argument, for the modes on one transport. */
	private final @Nullable URI uri;

	private LoadClient(Map<String, String> args) throws Exception {
		this.args = args;
		this.uri = args.containsKey("url") ? URI.create(args.get("url")) : null;
		this.client = args.containsKey("transport") ? client(args.get("transport")) : null;
	}

	public static void main(String[] argv) throws Exception {
		Map<String, String> args = new HashMap<>();
		for (String arg : argv) {
			int eq = arg.indexOf('=');
			args.put(arg.substring(0, eq), arg.substring(eq + 1));
		}
		LoadClient load = new LoadClient(args);
		String mode = String.valueOf(args.get("mode"));
		switch (mode) {
			case "echo" -> load.echo();
			case "suite" -> load.suite();
			case "connect" -> load.connect();
			case "idle" -> load.idle();
			default -> throw new IllegalArgumentException("Unknown mode " + mode);
		}
		System.out.flush();
		System.exit(0);
	}

	private WebSocketClient client(String transport) throws Exception {
		if (transport.startsWith("flux-")) {
			return client(transport.substring("flux-".length())); // the same clients against the WebFlux server
		}
		WebSocketContainer container = ContainerProvider.getWebSocketContainer();
		container.setDefaultMaxSessionIdleTimeout(0);
		StandardWebSocketClient standard = new StandardWebSocketClient(container);
		Path pki = Path.of(this.args.getOrDefault("pki", "."));
		if (transport.equals("wss")) {
			KeyStore trust = KeyStore.getInstance("PKCS12");
			try (FileInputStream in = new FileInputStream(pki.resolve("tls.p12").toFile())) {
				trust.load(in, "changeit".toCharArray());
			}
			TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			factory.init(trust);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, factory.getTrustManagers(), null);
			standard.setSslContext(context);
			return standard;
		}
		if (transport.equals("ws")) {
			return standard;
		}
		ClientHandshakeSettings.Builder handshake;
		BoxKeyPair keys = BoxKeyPair.generate(RandomSource.secure());
		if (transport.equals("sws2") || transport.startsWith("sws3")) {
			ProtocolVersion version = transport.equals("sws2") ? ProtocolVersion.V2 : ProtocolVersion.V3;
			handshake = ClientHandshakeSettings.builder(keys, version)
				.serverCertVerifier(TrustPolicy.builder().trustAnchor(CertFiles.readCaCert(pki.resolve("ca-cert.json"))).build());
			if (transport.equals("sws3")) {
				handshake.v3Suites(List.of(V3CipherSuite.CHACHAPOLY_BLAKE2B));
			}
			else if (transport.equals("sws3gcm")) {
				handshake.v3Suites(List.of(V3CipherSuite.AESGCM_SHA256));
			}
		}
		else {
			String pinFile = transport.equals("node") ? "node-kp.json" : "server-kp.json";
			handshake = ClientHandshakeSettings.builder(keys, ProtocolVersion.V1)
				.pinnedServerKeys(List.of(CertFiles.readBoxPublicKey(pki.resolve(pinFile))));
		}
		return SwsWebSocketClient.builder(handshake).transport(standard).handshakeTimeout(java.time.Duration.ofSeconds(20)).build();
	}

	private int intArg(String name, int defaultValue) {
		return Integer.parseInt(this.args.getOrDefault(name, Integer.toString(defaultValue)));
	}

	private String arg(String name) {
		String value = this.args.get(name);
		if (value == null) {
			throw new IllegalArgumentException("Missing argument " + name + "=...");
		}
		return value;
	}

	private WebSocketClient client() {
		if (this.client == null) {
			throw new IllegalArgumentException("Missing argument transport=...");
		}
		return this.client;
	}

	private URI uri() {
		if (this.uri == null) {
			throw new IllegalArgumentException("Missing argument url=...");
		}
		return this.uri;
	}

	private void echo() throws Exception {
		EchoResult result = echo(client(), uri());
		System.out.println("RESULT " + result.format());
	}

	/**
	 * Runs every transport of {@code transports} (with the matching {@code urls}) in turn, for
	 * {@code rounds} rounds, in this one JVM: later rounds run with a warm JIT, and interleaving
	 * (each round starting with the next transport, after a pause) spreads any noise of the shared
	 * machine over all transports. Prints one RESULT line per
	 * transport: the round with the median rate.
	 */
	private void suite() throws Exception {
		String[] transports = arg("transports").split(",");
		String[] urls = arg("urls").split(",");
		int rounds = intArg("rounds", 3);
		List<List<EchoResult>> results = new ArrayList<>();
		List<WebSocketClient> clients = new ArrayList<>();
		for (String transport : transports) {
			clients.add(client(transport));
			results.add(new ArrayList<>());
		}
		for (int round = 0; round < rounds; round++) {
			// each round starts with another transport, so that no transport always follows the same one
			for (int step = 0; step < transports.length; step++) {
				int i = (round + step) % transports.length;
				// let the previous run's servers and JVMs finish their GC and compilation first
				Thread.sleep(1000);
				results.get(i).add(echo(clients.get(i), URI.create(urls[i])));
			}
		}
		for (int i = 0; i < transports.length; i++) {
			List<EchoResult> sorted = new ArrayList<>(results.get(i));
			sorted.sort((a, b) -> Double.compare(a.rate, b.rate));
			EchoResult median = sorted.get(sorted.size() / 2);
			System.out.println("RESULT transport=" + transports[i] + " " + median.format() + " min="
					+ String.format(java.util.Locale.ROOT, "%.1f", sorted.get(0).rate) + " max="
					+ String.format(java.util.Locale.ROOT, "%.1f", sorted.get(sorted.size() - 1).rate));
		}
	}

	private EchoResult echo(WebSocketClient client, URI uri) throws Exception {
		int size = intArg("size", 64);
		int connections = intArg("conns", 1);
		int window = intArg("window", 8);
		long warmupMs = intArg("warmupMs", 2000);
		long durationMs = intArg("durationMs", 5000);
		byte[] payload = RandomSource.secure().bytes(size);
		List<Echoer> echoers = new ArrayList<>();
		List<CompletableFuture<WebSocketSession>> sessions = new ArrayList<>();
		for (int i = 0; i < connections; i++) {
			Echoer echoer = new Echoer(payload, window);
			echoers.add(echoer);
			sessions.add(client.execute(echoer, null, uri));
		}
		for (CompletableFuture<WebSocketSession> session : sessions) {
			session.get(30, TimeUnit.SECONDS);
		}
		// SWS servers hold their first frames briefly after the handshake; start once all are open
		Thread.sleep(200);
		for (Echoer echoer : echoers) {
			echoer.start();
		}
		Thread.sleep(warmupMs);
		for (Echoer echoer : echoers) {
			echoer.measure(true);
		}
		long started = System.nanoTime();
		Thread.sleep(durationMs);
		for (Echoer echoer : echoers) {
			echoer.measure(false);
		}
		double seconds = (System.nanoTime() - started) / 1e9;
		long messages = 0;
		List<long[]> samples = new ArrayList<>();
		for (Echoer echoer : echoers) {
			messages += echoer.count.get();
			samples.add(echoer.latencies());
			echoer.stop();
		}
		long[] all = samples.stream().flatMapToLong(Arrays::stream).sorted().toArray();
		long errors = echoers.stream().mapToLong((e) -> e.errors.get()).sum();
		for (CompletableFuture<WebSocketSession> session : sessions) {
			session.get().close();
		}
		Thread.sleep(300);
		return new EchoResult(messages, messages / seconds, size, percentile(all, 0.50) / 1e3,
				percentile(all, 0.99) / 1e3, errors);
	}

	/** One measured echo run. */
	record EchoResult(long messages, double rate, int size, double p50us, double p99us, long errors) {

		String format() {
			return String.format(java.util.Locale.ROOT, "msgs=%d rate=%.1f mbps=%.3f p50us=%.1f p99us=%.1f errors=%d",
					this.messages, this.rate, this.rate * this.size / 1e6, this.p50us, this.p99us, this.errors);
		}

	}

	private static double percentile(long[] sorted, double quantile) {
		if (sorted.length == 0) {
			return Double.NaN;
		}
		return sorted[Math.min(sorted.length - 1, (int) Math.floor(quantile * sorted.length))];
	}

	private void connect() throws Exception {
		WebSocketClient client = client();
		URI uri = uri();
		int workers = intArg("workers", 8);
		long warmupMs = intArg("warmupMs", 1000);
		long durationMs = intArg("durationMs", 5000);
		AtomicLong count = new AtomicLong();
		AtomicLong errors = new AtomicLong();
		long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(warmupMs + durationMs);
		long measureFrom = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(warmupMs);
		ExecutorService pool = Executors.newFixedThreadPool(workers);
		for (int i = 0; i < workers; i++) {
			pool.execute(() -> {
				while (System.nanoTime() < deadline) {
					try {
						WebSocketSession session = client.execute(new BinaryWebSocketHandler(), null, uri)
							.get(30, TimeUnit.SECONDS);
						session.close();
						if (System.nanoTime() >= measureFrom) {
							count.incrementAndGet();
						}
					}
					catch (Exception ex) {
						errors.incrementAndGet();
					}
				}
			});
		}
		pool.shutdown();
		pool.awaitTermination(warmupMs + durationMs + 60_000, TimeUnit.MILLISECONDS);
		System.out.printf("RESULT connections=%d rate=%.1f errors=%d%n", count.get(), count.get() / (durationMs / 1e3),
				errors.get());
	}

	@SuppressWarnings("FutureReturnValueIgnored") // the callback only counts, and cannot throw
	private void idle() throws Exception {
		WebSocketClient client = client();
		URI uri = uri();
		int connections = intArg("conns", 10_000);
		Semaphore inFlight = new Semaphore(200);
		List<CompletableFuture<WebSocketSession>> sessions = new ArrayList<>();
		AtomicLong errors = new AtomicLong();
		for (int i = 0; i < connections; i++) {
			inFlight.acquire();
			CompletableFuture<WebSocketSession> session = client.execute(new BinaryWebSocketHandler(), null, uri);
			session.whenComplete((s, ex) -> {
				inFlight.release();
				if (ex != null) {
					errors.incrementAndGet();
				}
			});
			sessions.add(session);
		}
		int open = 0;
		for (CompletableFuture<WebSocketSession> session : sessions) {
			try {
				session.get(60, TimeUnit.SECONDS);
				open++;
			}
			catch (Exception ex) {
				// counted above
			}
		}
		System.out.printf("OPENED %d errors=%d%n", open, errors.get());
		System.out.flush();
		BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
		String line;
		while ((line = stdin.readLine()) != null && !line.equals("close")) {
			// wait for the driver
		}
		for (CompletableFuture<WebSocketSession> session : sessions) {
			if (!session.isCompletedExceptionally()) {
				try {
					session.get().close();
				}
				catch (Exception ex) {
					// closing anyway
				}
			}
		}
		System.out.println("RESULT closed=" + open);
	}

	/** One connection of the echo load: a window of messages in flight, round trips recorded. */
	static final class Echoer extends BinaryWebSocketHandler {

		final AtomicLong count = new AtomicLong();

		final AtomicLong errors = new AtomicLong();

		private final byte[] payload;

		private final int window;

		private final ArrayDeque<Long> sentAt = new ArrayDeque<>();

		private final CountDownLatch opened = new CountDownLatch(1);

		private long[] latencies = new long[1 << 16];

		private int latencyCount;

		private volatile boolean measuring;

		private volatile boolean stopped;

		private volatile @Nullable WebSocketSession session;

		private int partialBytes;

		Echoer(byte[] payload, int window) {
			this.payload = payload;
			this.window = window;
		}

		@Override
		public void afterConnectionEstablished(WebSocketSession session) {
			this.session = session;
			this.opened.countDown();
		}

		void start() throws Exception {
			this.opened.await(30, TimeUnit.SECONDS);
			synchronized (this) {
				for (int i = 0; i < this.window; i++) {
					send();
				}
			}
		}

		private void send() throws java.io.IOException {
			WebSocketSession session = this.session;
			if (session == null) {
				throw new IllegalStateException("The session did not open within 30 seconds");
			}
			this.sentAt.addLast(System.nanoTime());
			session.sendMessage(new BinaryMessage(this.payload));
		}

		@Override
		protected void handleBinaryMessage(WebSocketSession session, BinaryMessage message) {
			ByteBuffer data = message.getPayload();
			this.partialBytes += data.remaining();
			if (!message.isLast()) {
				return;
			}
			int received = this.partialBytes;
			this.partialBytes = 0;
			synchronized (this) {
				Long sent = this.sentAt.pollFirst();
				if (received != this.payload.length || sent == null) {
					this.errors.incrementAndGet();
				}
				else if (this.measuring) {
					this.count.incrementAndGet();
					if (this.latencyCount == this.latencies.length) {
						this.latencies = Arrays.copyOf(this.latencies, this.latencies.length * 2);
					}
					this.latencies[this.latencyCount++] = System.nanoTime() - sent;
				}
				if (!this.stopped) {
					try {
						send();
					}
					catch (Exception ex) {
						this.errors.incrementAndGet();
					}
				}
			}
		}

		@Override
		public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
			if (!this.stopped) {
				this.errors.incrementAndGet();
			}
		}

		@Override
		public boolean supportsPartialMessages() {
			return true;
		}

		void measure(boolean on) {
			this.measuring = on;
		}

		void stop() {
			this.stopped = true;
		}

		synchronized long[] latencies() {
			return Arrays.copyOf(this.latencies, this.latencyCount);
		}

	}

}
