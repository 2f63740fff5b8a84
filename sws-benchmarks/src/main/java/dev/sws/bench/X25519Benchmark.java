package dev.sws.bench;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import dev.sws.crypto.BoxKeyPair;
import dev.sws.crypto.RandomSource;
import dev.sws.internal.crypto.X25519;

/**
 * The X25519 operations handshakes are made of, through the same calls the handshakes make:
 * {@code keyPair} (libsodium's {@code crypto_scalarmult_base} on fresh randomness: an ephemeral
 * key) and {@code dh} ({@code crypto_scalarmult} with the low-order checks). A v3 server handshake
 * makes one key pair and three DHs, a v1 or v2 one a single DH; run beside
 * {@link HandshakeBenchmark} ({@code ./sws-bench jmh 'HandshakeBenchmark|X25519Benchmark'}), this
 * gives the floor no code around the primitives can go below on the machine at hand.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class X25519Benchmark {

	private final RandomSource random = RandomSource.secure();

	private byte[] secretKey = new byte[0];

	private byte[] peerPublicKey = new byte[0];

	@Setup
	public void setUp() {
		this.secretKey = BoxKeyPair.generate(this.random).exportSecretKey();
		this.peerPublicKey = BoxKeyPair.generate(this.random).getPublicKey();
	}

	@Benchmark
	public BoxKeyPair keyPair() {
		return BoxKeyPair.generate(this.random);
	}

	@Benchmark
	public byte[] dh() {
		return X25519.dh(this.secretKey, this.peerPublicKey);
	}

}
