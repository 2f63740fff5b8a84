package dev.sws.bench;

import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import dev.sws.crypto.RandomSource;
import dev.sws.internal.crypto.Nonce;
import dev.sws.internal.crypto.SecretBoxKey;
import dev.sws.protocol.SecureChannel;

/**
 * The data-phase hot path: encrypting one message ({@link SecureChannel#seal}), decrypting one
 * frame (the secretbox open that {@link SecureChannel#open} performs, on a fixed frame so that
 * every invocation does the same work), and both through a pair of channels.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ChannelBenchmark {

	@Param({ "64", "1024", "65536" })
	int size;

	private SecureChannel sender;

	private SecureChannel receiver;

	private SecretBoxKey key;

	private byte[] plaintext;

	private byte[] frame;

	private byte[] nonce24;

	@Setup
	public void setUp() {
		SecretBoxKey a = SecretBoxKey.random(RandomSource.secure());
		SecretBoxKey b = SecretBoxKey.random(RandomSource.secure());
		this.sender = SecureChannel.secretBox(a, Nonce.ofCounter(1), b, Nonce.ofCounter(2));
		this.receiver = SecureChannel.secretBox(b, Nonce.ofCounter(2), a, Nonce.ofCounter(1));
		this.key = a;
		this.plaintext = RandomSource.secure().bytes(this.size);
		this.nonce24 = Nonce.ofCounter(42).expand();
		this.frame = a.seal(this.plaintext, this.nonce24);
	}

	@Benchmark
	public byte[] seal() {
		return this.sender.seal(this.plaintext);
	}

	@Benchmark
	public byte @Nullable [] open() {
		return this.key.open(this.frame, this.nonce24);
	}

	@Benchmark
	public byte[] sealAndOpen() {
		return this.receiver.open(this.sender.seal(this.plaintext));
	}

}
