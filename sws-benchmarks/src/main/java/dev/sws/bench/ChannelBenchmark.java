package dev.sws.bench;

import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;

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

import dev.sws.crypto.BoxKeyPair;
import dev.sws.crypto.RandomSource;
import dev.sws.protocol.ClientHandshakeSettings;
import dev.sws.protocol.ProtocolVersion;
import dev.sws.protocol.RekeyThresholds;
import dev.sws.protocol.SecureChannel;
import dev.sws.protocol.ServerHandshakeSettings;
import dev.sws.protocol.V3CipherSuite;

/**
 * The data-phase hot path of each channel kind: sealing one message ({@link SecureChannel#seal},
 * counter and nonce included), sealing then opening it through a pair of channels made by a real
 * handshake, and a whole echo's four calls. {@code SECRETBOX} is v1/v2 (XSalsa20-Poly1305); {@code V3_CHACHAPOLY} and
 * {@code V3_AESGCM} are the two v3 suites (ChaCha20-Poly1305 IETF and AES-256-GCM, the latter
 * only where libsodium runs it on hardware). v3 rekeying is pushed out of the measurement's way
 * (its thresholds at their maximum), since it is a per-session cost, not a per-message one.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ChannelBenchmark {

	@Param({ "SECRETBOX", "V3_CHACHAPOLY", "V3_AESGCM" })
	String channel;

	@Param({ "64", "1024", "65536" })
	int size;

	private SecureChannel sender;

	private SecureChannel receiver;

	private byte[] plaintext;

	@Setup
	public void setUp() {
		HandshakedPair pair = pair(this.channel);
		this.sender = pair.client();
		this.receiver = pair.server();
		this.plaintext = RandomSource.secure().bytes(this.size);
	}

	static HandshakedPair pair(String channel) {
		BoxKeyPair serverKeys = BoxKeyPair.generate(RandomSource.secure());
		ProtocolVersion version = channel.equals("SECRETBOX") ? ProtocolVersion.V1 : ProtocolVersion.V3;
		RekeyThresholds never = new RekeyThresholds(RekeyThresholds.MAX_VALUE, RekeyThresholds.MAX_VALUE);
		ClientHandshakeSettings.Builder client = ClientHandshakeSettings.builder(version)
			.pinnedServerKeys(List.of(serverKeys.getPublicKey()))
			.rekeyThresholds(never);
		if (channel.equals("V3_CHACHAPOLY")) {
			client.v3Suites(List.of(V3CipherSuite.CHACHAPOLY_BLAKE2B));
		}
		else if (channel.equals("V3_AESGCM")) {
			if (!V3CipherSuite.AESGCM_SHA256.isAvailable()) {
				throw new IllegalStateException("libsodium reports no hardware AES-GCM on this machine");
			}
			client.v3Suites(List.of(V3CipherSuite.AESGCM_SHA256));
		}
		ServerHandshakeSettings server = ServerHandshakeSettings.builder(serverKeys)
			.versions(EnumSet.of(version))
			.rekeyThresholds(never)
			.build();
		return HandshakedPair.run(client.build(), server);
	}

	@Benchmark
	public byte[] seal() {
		return this.sender.seal(this.plaintext);
	}

	@Benchmark
	public byte[] sealAndOpen() {
		return this.receiver.open(this.sender.seal(this.plaintext));
	}

	/**
	 * One echo's crypto, on one thread: the client seals, the server opens and seals the reply
	 * under the other direction's key, the client opens. Unlike {@link #sealAndOpen()}, where
	 * both calls use one key, each side here alternates between its two keys, as a thread serving
	 * a session does.
	 */
	@Benchmark
	public byte[] echo() {
		byte[] request = this.receiver.open(this.sender.seal(this.plaintext));
		return this.sender.open(this.receiver.seal(request));
	}

}
