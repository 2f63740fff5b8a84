package dev.sws.bench;

import java.util.Arrays;

/**
 * Entry point of {@code ./sws-bench}: {@code e2e [options]} runs the end-to-end benchmark,
 * {@code jmh [JMH options]} runs the micro-benchmarks, {@code replay-cache [entries]} measures the
 * heap of a full ClientHello replay cache.
 */
public final class BenchMain {

	private BenchMain() {
	}

	public static void main(String[] args) throws Exception {
		String command = (args.length > 0) ? args[0] : "help";
		String[] rest = Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
		switch (command) {
			case "e2e" -> E2eBenchmark.main(rest);
			case "jmh" -> org.openjdk.jmh.Main.main(rest);
			case "replay-cache" -> ReplayCacheMemory.main(rest);
			default -> {
				System.out.println("usage: ./sws-bench e2e [--quick] [--rounds=N]    end-to-end: plain ws, wss, SWS v1/v2/v3, WebFlux, the original");
				System.out.println("       ./sws-bench e2e --echo-only --transports=sws3gcm --sizes=64,1024 --connections=1,16 --rounds=9");
				System.out.println("                                    some echo cells only (with plain ws and wss, and WebFlux plain ws for flux-*)");
				System.out.println("       ./sws-bench jmh [options]    micro-benchmarks (ChannelBenchmark, HandshakeBenchmark, X25519Benchmark)");
				System.out.println("       ./sws-bench replay-cache [n] heap of a ClientHello replay cache holding n entries");
			}
		}
	}

}
