package dev.sws.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import dev.sws.cert.CertAuthority;
import dev.sws.cert.CertFiles;
import dev.sws.crypto.BoxKeyPair;
import dev.sws.crypto.RandomSource;
import dev.sws.protocol.V3CipherSuite;

/**
 * The end-to-end benchmark: starts, on loopback, a Spring Boot server with a plain WebSocket echo
 * and an SWS echo (once over HTTP, once over HTTPS for wss), the same pair on WebFlux and Reactor
 * Netty, and the original {@code node-sws} server, then runs every scenario from a separate client JVM, one after the other, and prints
 * one table. See docs/performance.md.
 */
public final class E2eBenchmark {

	private static final Pattern READY = Pattern.compile("READY (\\d+)");

	private static final Pattern FIELD = Pattern.compile("(\\w+)=([-\\w.]+)");

	private final Path work;

	private final boolean quick;

	private final int rounds;

	private final EchoSelection echo;

	private final List<Process> servers = new ArrayList<>();

	private final StringBuilder report = new StringBuilder();

	private int httpPort;

	private int httpsPort;

	private int nodePort;

	private int fluxPort;

	E2eBenchmark(Path work, boolean quick, int rounds, EchoSelection echo) {
		this.work = work;
		this.quick = quick;
		this.rounds = rounds;
		this.echo = echo;
	}

	/**
	 * Runs the benchmark: {@code --quick} for short cells and one round, {@code --rounds=N} for N
	 * interleaved rounds per cell (default 5, or 1 with {@code --quick}). A focused run of some echo
	 * cells only: {@code --echo-only} with {@code --transports=ws,wss,sws3gcm} (plain ws and wss
	 * are always measured, as the ratios need them, and plain ws on Reactor Netty with any WebFlux
	 * SWS transport), {@code --sizes=64,1024} and
	 * {@code --connections=1,16}.
	 */
	public static void main(String[] args) throws Exception {
		boolean quick = List.of(args).contains("--quick");
		int rounds = Integer.parseInt(option(args, "rounds", quick ? "1" : "5"));
		EchoSelection echo = new EchoSelection(List.of(args).contains("--echo-only"),
				transports(option(args, "transports", String.join(",", ALL_TRANSPORTS)).split(",")),
				numbers(option(args, "sizes", "64,1024,65536")), numbers(option(args, "connections", "1,16")));
		Path work = Path.of("target", "bench-run").toAbsolutePath();
		Files.createDirectories(work);
		E2eBenchmark benchmark = new E2eBenchmark(work, quick, rounds, echo);
		try {
			benchmark.run();
		}
		finally {
			benchmark.stopServers();
		}
	}

	/** The transports of a full run, in the order of the table. */
	private static final List<String> ALL_TRANSPORTS = List.of("ws", "wss", "sws1", "sws2", "sws3", "sws3gcm", "node",
			"flux-ws", "flux-sws1", "flux-sws3", "flux-sws3gcm");

	/**
	 * The echo cells to measure, and whether to measure nothing else.
	 * @param only no connection or heap table
	 * @param transports the transports, plain ws and wss among them
	 * @param sizes the message sizes
	 * @param connections the connection counts
	 */
	record EchoSelection(boolean only, List<String> transports, int[] sizes, int[] connections) {
	}

	private static String option(String[] args, String name, String defaultValue) {
		String prefix = "--" + name + "=";
		return Arrays.stream(args)
			.filter((arg) -> arg.startsWith(prefix))
			.map((arg) -> arg.substring(prefix.length()))
			.findFirst()
			.orElse(defaultValue);
	}

	private static int[] numbers(String list) {
		return Arrays.stream(list.split(",")).mapToInt(Integer::parseInt).toArray();
	}

	void run() throws Exception {
		preparePki();
		startServers();
		line("# SWS end-to-end benchmark");
		line("");
		line("Machine: %d cores (%s), %s, Java %s, %s. Servers and clients run in separate JVMs on loopback; "
				+ "each echo cell keeps 8 messages in flight per connection, %.1f s warm-up then %.1f s measured; one client "
				+ "JVM per size and connection count runs all transports in turn for %d rounds, and each cell shows the "
				+ "median round (with the lowest and highest).",
				Runtime.getRuntime().availableProcessors(), cpuModel(), System.getProperty("os.name"),
				System.getProperty("java.version"), Instant.now(), warmupMs() / 1000.0, durationMs() / 1000.0, rounds());
		line("");
		echoTable();
		if (!this.echo.only()) {
			connectTable();
			heapTable();
		}
		Path results = this.work.resolve("results.md");
		Files.writeString(results, this.report.toString());
		System.out.println();
		System.out.println("(also written to " + results + ")");
	}

	private long warmupMs() {
		return this.quick ? 500 : 1500;
	}

	private long durationMs() {
		return this.quick ? 1000 : 3000;
	}

	private void line(String format, @Nullable Object... args) {
		String text = String.format(Locale.ROOT, format, args);
		System.out.println(text);
		this.report.append(text).append('\n');
	}

	private void preparePki() throws Exception {
		Instant expiry = Instant.now().plusSeconds(30 * 86_400L);
		CertAuthority ca = CertAuthority.generate("bench.sws.test", expiry, Clock.systemUTC(), RandomSource.secure());
		BoxKeyPair server = BoxKeyPair.generate(RandomSource.secure());
		Files.writeString(this.work.resolve("ca-cert.json"), ca.getCertificate().toJson());
		Files.writeString(this.work.resolve("server-kp.json"), CertFiles.formatBoxKeyPair(server));
		Files.writeString(this.work.resolve("server-cert.json"),
				ca.issue(server.getPublicKey(), List.of("localhost"), List.of("127.0.0.1"), expiry).toJson());
		Files.writeString(this.work.resolve("node-kp.json"), CertFiles.formatBoxKeyPair(BoxKeyPair.generate(RandomSource.secure())));
		for (String file : List.of("tls.p12", "tls.crt", "tls-trust.p12")) {
			Files.deleteIfExists(this.work.resolve(file));
		}
		String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
		exec(keytool, "-genkeypair", "-alias", "bench", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
				"CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "30", "-storetype", "PKCS12",
				"-keystore", "tls.p12", "-storepass", "changeit");
		exec(keytool, "-exportcert", "-alias", "bench", "-keystore", "tls.p12", "-storepass", "changeit", "-rfc",
				"-file", "tls.crt");
		exec(keytool, "-importcert", "-noprompt", "-alias", "bench", "-file", "tls.crt", "-storetype", "PKCS12",
				"-keystore", "tls-trust.p12", "-storepass", "changeit");
		Path modules = this.work.resolve("npm/node_modules/node-sws");
		if (!Files.isDirectory(modules)) {
			exec("npm", "install", "--silent", "--no-audit", "--no-fund", "--prefix", this.work.resolve("npm").toString(),
					"node-sws@1.2.1");
		}
		try (InputStream script = E2eBenchmark.class.getResourceAsStream("/bench/node-echo-server.js")) {
			Files.copy(script, this.work.resolve("node-echo-server.js"), StandardCopyOption.REPLACE_EXISTING);
		}
	}

	private void exec(String... command) throws Exception {
		Process process = new ProcessBuilder(command).directory(this.work.toFile()).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!process.waitFor(300, TimeUnit.SECONDS) || process.exitValue() != 0) {
			throw new IllegalStateException("Command failed: " + String.join(" ", command) + "\n" + output);
		}
	}

	private void startServers() throws Exception {
		List<String> sws = List.of("--sws.server.key-pair=file:" + this.work.resolve("server-kp.json"),
				"--sws.server.certificate=file:" + this.work.resolve("server-cert.json"), "--sws.server.versions=1,2,3");
		this.httpPort = start(java(BenchServerApplication.class, "-Xms2g", "-Xmx2g", sws), "http server");
		List<String> tls = new ArrayList<>(sws);
		tls.addAll(List.of("--server.ssl.enabled=true", "--server.ssl.key-store=file:" + this.work.resolve("tls.p12"),
				"--server.ssl.key-store-password=changeit", "--server.ssl.key-store-type=PKCS12"));
		this.httpsPort = start(java(BenchServerApplication.class, "-Xms2g", "-Xmx2g", tls), "https server");
		this.fluxPort = start(java(ReactiveBenchServerApplication.class, "-Xms2g", "-Xmx2g", sws), "webflux server");
		this.nodePort = start(List.of("node", this.work.resolve("node-echo-server.js").toString(),
				this.work.resolve("npm/node_modules").toString(), this.work.resolve("node-kp.json").toString()), "node server");
	}

	private List<String> java(Class<?> main, String xms, String xmx, List<String> args) {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				xms, xmx, "-cp", System.getProperty("java.class.path"), main.getName()));
		command.addAll(args);
		return command;
	}

	private int start(List<String> command, String name) throws Exception {
		Process process = new ProcessBuilder(command).directory(this.work.toFile())
			.redirectError(this.work.resolve(name.replace(' ', '-') + ".err").toFile())
			.start();
		this.servers.add(process);
		BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
		CompletableFuture<Integer> port = CompletableFuture.supplyAsync(() -> {
			try {
				String line;
				while ((line = out.readLine()) != null) {
					Matcher matcher = READY.matcher(line);
					if (matcher.find()) {
						drain(out);
						return Integer.parseInt(matcher.group(1));
					}
				}
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
			throw new IllegalStateException(name + " exited before it was ready; see " + name.replace(' ', '-') + ".err");
		});
		return port.get(120, TimeUnit.SECONDS);
	}

	private static void drain(BufferedReader out) {
		Thread drainer = new Thread(() -> {
			try {
				while (out.readLine() != null) {
					// discard
				}
			}
			catch (IOException ex) {
				// process gone
			}
		});
		drainer.setDaemon(true);
		drainer.start();
	}

	void stopServers() {
		for (Process process : this.servers) {
			process.destroy();
		}
		for (Process process : this.servers) {
			try {
				if (!process.waitFor(10, TimeUnit.SECONDS)) {
					process.destroyForcibly();
				}
			}
			catch (InterruptedException ex) {
				process.destroyForcibly();
			}
		}
	}

	private Map<String, String> client(String... args) throws Exception {
		List<String> command = java(LoadClient.class, "-Xms512m", "-Xmx2g", List.of(args));
		command.add("pki=" + this.work);
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		process.waitFor(10, TimeUnit.MINUTES);
		return result(output, String.join(" ", args));
	}

	private static Map<String, String> result(String output, String what) {
		for (String line : output.split("\n")) {
			if (line.startsWith("RESULT ")) {
				Map<String, String> fields = new LinkedHashMap<>();
				Matcher matcher = FIELD.matcher(line);
				while (matcher.find()) {
					fields.put(matcher.group(1), matcher.group(2));
				}
				return fields;
			}
		}
		throw new IllegalStateException("No result from client " + what + ":\n" + output);
	}

	private String url(String transport) {
		return switch (transport) {
			case "ws" -> "ws://127.0.0.1:" + this.httpPort + "/plain";
			case "wss" -> "wss://127.0.0.1:" + this.httpsPort + "/plain";
			case "sws1", "sws2", "sws3", "sws3gcm" -> "ws://127.0.0.1:" + this.httpPort + "/sws";
			case "node" -> "ws://127.0.0.1:" + this.nodePort + "/sws";
			case "flux-ws" -> "ws://127.0.0.1:" + this.fluxPort + "/plain";
			case "flux-sws1", "flux-sws3", "flux-sws3gcm" -> "ws://127.0.0.1:" + this.fluxPort + "/sws";
			default -> throw new IllegalArgumentException(transport);
		};
	}

	/** A value every measurement reports. */
	private static <V> V required(Map<String, V> values, String key) {
		V value = values.get(key);
		if (value == null) {
			throw new IllegalStateException("No " + key + " among the measurements " + values.keySet());
		}
		return value;
	}

	private static String label(String transport) {
		return switch (transport) {
			case "ws" -> "plain ws";
			case "wss" -> "wss (TLS 1.3)";
			case "sws1" -> "SWS v1";
			case "sws2" -> "SWS v2";
			case "sws3" -> "SWS v3 (ChaChaPoly)";
			case "sws3gcm" -> "SWS v3 (AES-GCM)";
			case "node" -> "original node-sws server (v1)";
			case "flux-ws" -> "plain ws, WebFlux (Reactor Netty)";
			case "flux-sws1" -> "SWS v1, WebFlux (Reactor Netty)";
			case "flux-sws3" -> "SWS v3 (ChaChaPoly), WebFlux (Reactor Netty)";
			case "flux-sws3gcm" -> "SWS v3 (AES-GCM), WebFlux (Reactor Netty)";
			default -> transport;
		};
	}

	private void echoTable() throws Exception {
		line("## Echo throughput and round-trip latency");
		line("");
		line("| transport | size | connections | messages/s (median of %d) | MB/s | p50 µs | p99 µs | vs plain ws | vs wss | errors |",
				rounds());
		line("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
		List<String> transports = this.echo.transports();
		Map<String, Double> rates = new LinkedHashMap<>();
		for (int size : this.echo.sizes()) {
			for (int connections : this.echo.connections()) {
				List<Map<String, String>> results = suite(transports, size, connections);
				for (Map<String, String> result : results) {
					rates.put(result.get("transport") + "/" + size + "/" + connections, Double.parseDouble(result.get("rate")));
				}
				double plain = required(rates, "ws/" + size + "/" + connections);
				double tls = required(rates, "wss/" + size + "/" + connections);
				for (Map<String, String> result : results) {
					double rate = Double.parseDouble(result.get("rate"));
					line("| %s | %s | %d | %.0f (%.0f–%.0f) | %.1f | %s | %s | %.2f | %.2f | %s |",
							label(required(result, "transport")), size(size), connections, rate, Double.parseDouble(result.get("min")),
							Double.parseDouble(result.get("max")), Double.parseDouble(result.get("mbps")), result.get("p50us"),
							result.get("p99us"), rate / plain, rate / tls, result.get("errors"));
				}
			}
		}
		line("");
		line("Targets (same run): SWS ≥ 0.85× plain ws at 64 B and 1 KiB; SWS ≥ 1.5× wss; well ahead of the original; "
				+ "v3 ≥ 0.85× plain ws and ≥ 1.5× wss at 64 B and 1 KiB; at 64 KiB v3 with AES-GCM within 10%% of plain ws "
				+ "and ahead of wss.");
		for (int size : this.echo.sizes()) {
			for (int connections : this.echo.connections()) {
				String cell = String.format(Locale.ROOT, "%s, %d connection%s", size(size), connections, connections > 1 ? "s" : "");
				String key = "/" + size + "/" + connections;
				List<String> ratios = new ArrayList<>();
				for (String transport : transports) {
					if (!transport.equals("ws") && !transport.equals("wss") && !transport.startsWith("flux-")) {
						ratios.add(String.format(Locale.ROOT, "%s %.2f× plain ws and %.2f× wss", label(transport),
								required(rates, transport + key) / required(rates, "ws" + key),
								required(rates, transport + key) / required(rates, "wss" + key)));
					}
				}
				if (rates.containsKey("node" + key) && rates.containsKey("sws1" + key)) {
					ratios.add(String.format(Locale.ROOT, "SWS v1 %.1f× the original",
							required(rates, "sws1" + key) / required(rates, "node" + key)));
				}
				line("- %s: %s", cell, String.join("; ", ratios));
				if (rates.containsKey("flux-ws" + key)) {
					List<String> flux = new ArrayList<>();
					for (String transport : transports) {
						if (transport.startsWith("flux-sws")) {
							flux.add(String.format(Locale.ROOT, "%s %.2f×", label(transport),
									required(rates, transport + key) / required(rates, "flux-ws" + key)));
						}
					}
					line("  WebFlux, %s, against plain ws on Reactor Netty: %s", cell, String.join("; ", flux));
				}
			}
		}
		line("");
	}

	/**
	 * The transports to measure: those given, without v3 with AES-GCM on a machine where libsodium
	 * has no hardware AES (the server would not choose it), with the baselines the ratios need:
	 * plain ws and wss always, and plain ws on Reactor Netty before the first WebFlux SWS transport.
	 */
	private static List<String> transports(String... transports) {
		List<String> selected = new ArrayList<>(Arrays.stream(transports)
			.filter((transport) -> !transport.endsWith("sws3gcm") || V3CipherSuite.AESGCM_SHA256.isAvailable())
			.toList());
		for (String needed : List.of("wss", "ws")) {
			if (!selected.contains(needed)) {
				selected.add(0, needed);
			}
		}
		if (!selected.contains("flux-ws")) {
			for (int i = 0; i < selected.size(); i++) {
				if (selected.get(i).startsWith("flux-sws")) {
					selected.add(i, "flux-ws");
					break;
				}
			}
		}
		return selected;
	}

	private int rounds() {
		return this.rounds;
	}

	private List<Map<String, String>> suite(List<String> transports, int size, int connections) throws Exception {
		List<String> command = java(LoadClient.class, "-Xms512m", "-Xmx2g",
				List.of("mode=suite", "transports=" + String.join(",", transports),
						"urls=" + String.join(",", transports.stream().map(this::url).toList()), "size=" + size,
						"conns=" + connections, "window=8", "warmupMs=" + warmupMs(), "durationMs=" + durationMs(),
						"rounds=" + rounds()));
		command.add("pki=" + this.work);
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		process.waitFor(30, TimeUnit.MINUTES);
		List<Map<String, String>> results = new ArrayList<>();
		for (String line : output.split("\n")) {
			if (line.startsWith("RESULT ")) {
				results.add(result(line, "suite"));
			}
		}
		if (results.size() != transports.size()) {
			throw new IllegalStateException("The suite client failed:\n" + output);
		}
		return results;
	}

	private void connectTable() throws Exception {
		line("## Connections per second (TCP + WebSocket upgrade + the TLS or SWS handshake, then close; 8 client threads)");
		line("");
		line("| transport | connections/s | errors |");
		line("| --- | ---: | ---: |");
		for (String transport : transports("ws", "wss", "sws1", "sws2", "sws3", "sws3gcm", "flux-ws", "flux-sws1", "flux-sws3")) {
			Map<String, String> result = client("mode=connect", "transport=" + transport, "url=" + url(transport), "workers=8",
					"warmupMs=" + warmupMs(), "durationMs=" + durationMs());
			line("| %s | %s | %s |", label(transport), result.get("rate"), result.get("errors"));
		}
		line("");
		line("Client and server share the machine's cores here; the server's CPU cost per handshake alone is measured "
				+ "by `./sws-bench jmh HandshakeBenchmark`.");
		line("");
	}

	private void heapTable() throws Exception {
		int sessions = this.quick ? 1000 : 10_000;
		line("## Server heap per idle session (%d sessions, server and clients in separate JVMs)", sessions);
		line("");
		line("| transport | heap before | heap with sessions | per session |");
		line("| --- | ---: | ---: | ---: |");
		Map<String, Double> perSession = new LinkedHashMap<>();
		for (String transport : List.of("ws", "sws1", "sws3", "ws", "sws1", "sws3")) {
			long before = heap();
			List<String> command = java(LoadClient.class, "-Xms512m", "-Xmx3g",
					List.of("mode=idle", "transport=" + transport, "url=" + url(transport), "conns=" + sessions));
			command.add("pki=" + this.work);
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
			String line;
			String opened = null;
			while ((line = out.readLine()) != null) {
				if (line.startsWith("OPENED")) {
					opened = line;
					break;
				}
			}
			if (opened == null) {
				throw new IllegalStateException("The idle client did not open its sessions");
			}
			long with = heap();
			try (Writer in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8)) {
				in.write("close\n");
			}
			process.waitFor(2, TimeUnit.MINUTES);
			double per = (with - before) / (double) sessions;
			perSession.merge(transport, per / 2, Double::sum);
			line("| %s | %.1f MB | %.1f MB | %.0f B (%s) |", label(transport), before / 1e6, with / 1e6, per, opened);
		}
		line("");
		line("Each transport ran twice, alternating; averaged, SWS v1 adds %.0f B and SWS v3 %.0f B per idle session "
				+ "over plain ws (target ≤ 2048 B).", required(perSession, "sws1") - required(perSession, "ws"),
				required(perSession, "sws3") - required(perSession, "ws"));
		line("");
	}

	private long heap() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.httpPort + "/bench/heap")).build(),
					HttpResponse.BodyHandlers.ofString());
		return Long.parseLong(response.body().trim());
	}

	private static String size(int size) {
		return (size >= 1024) ? (size / 1024) + " KiB" : size + " B";
	}

	private static String cpuModel() {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
				if (line.startsWith("model name")) {
					return line.substring(line.indexOf(':') + 1).trim();
				}
			}
		}
		catch (IOException ex) {
			// not Linux
		}
		return System.getProperty("os.arch");
	}

}
