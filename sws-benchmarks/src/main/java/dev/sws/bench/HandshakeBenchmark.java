package dev.sws.bench;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
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

import dev.sws.cert.CertAuthority;
import dev.sws.cert.NaclCert;
import dev.sws.cert.TrustPolicy;
import dev.sws.crypto.BoxKeyPair;
import dev.sws.crypto.RandomSource;
import dev.sws.protocol.ClientHandshakeSettings;
import dev.sws.protocol.HandshakeFrame;
import dev.sws.protocol.HandshakeStep;
import dev.sws.protocol.ProtocolVersion;
import dev.sws.protocol.ServerHandshake;
import dev.sws.protocol.ServerHandshakeSettings;

/**
 * The server's CPU cost of one complete handshake. v1/v2: parsing the ClientHello, the X25519 key
 * agreement, boxing the ServerHello (with the certificate trailer in v2), opening the ClientReady
 * and, with client certificates, verifying the client's certificate. v3 (suite 0x01 or 0x02, as
 * the client offers by default): reading message 1, the server's ephemeral key pair and the DHs
 * {@code ee} and {@code es} of message 2 with its certificate payload, the DH {@code se} of message
 * 3, the client's certificate where required, and sealing the ready message. The server's
 * randomness is fixed so that one precomputed ClientReady (v3: message 3) fits every run; the
 * replay cache is off for the same reason (it is measured separately by nothing: it is one map
 * lookup).
 */
@State(Scope.Thread)
@BenchmarkMode({ Mode.Throughput, Mode.AverageTime })
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HandshakeBenchmark {

	@Param({ "V1", "V2", "V2_CLIENT_CERT", "V3", "V3_CLIENT_CERT" })
	String variant;

	private ServerHandshakeSettings settings;

	private HandshakeFrame first;

	private HandshakeFrame last;

	@Setup
	public void setUp() {
		RandomSource fixed = (bytes) -> Arrays.fill(bytes, (byte) 7);
		BoxKeyPair serverKeys = BoxKeyPair.generate(RandomSource.secure());
		BoxKeyPair clientKeys = BoxKeyPair.generate(RandomSource.secure());
		Instant expiry = Instant.now().plusSeconds(86_400);
		CertAuthority ca = CertAuthority.generate("bench.sws.test", expiry, Clock.systemUTC(), RandomSource.secure());
		NaclCert serverCert = ca.issue(serverKeys.getPublicKey(), List.of("localhost"), List.of("127.0.0.1"), expiry);
		NaclCert clientCert = ca.issue(clientKeys.getPublicKey(), List.of("client.test"), List.of(), expiry);
		TrustPolicy trust = TrustPolicy.builder().trustAnchor(ca.getCertificate()).build();
		ProtocolVersion version = switch (this.variant) {
			case "V1" -> ProtocolVersion.V1;
			case "V2", "V2_CLIENT_CERT" -> ProtocolVersion.V2;
			default -> ProtocolVersion.V3;
		};
		ServerHandshakeSettings.Builder server = ServerHandshakeSettings.builder(serverKeys)
			.versions(EnumSet.of(version))
			.random(fixed)
			.replayCache(null);
		ClientHandshakeSettings.Builder client = ClientHandshakeSettings.builder(clientKeys, version)
			.pinnedServerKeys(List.of(serverKeys.getPublicKey()));
		if (version != ProtocolVersion.V1) {
			server.certificate(serverCert);
			client.serverCertVerifier(trust).certificate(clientCert);
		}
		if (this.variant.endsWith("CLIENT_CERT")) {
			server.requireClientCert(trust);
		}
		this.settings = server.build();
		HandshakedPair pair = HandshakedPair.run(client.build(), this.settings);
		this.first = pair.clientFrames()[0];
		this.last = pair.clientFrames()[1];
		if (!(serverHandshake() instanceof HandshakeStep.Established)) {
			throw new IllegalStateException("The benchmark handshake does not complete");
		}
	}

	@Benchmark
	public HandshakeStep serverHandshake() {
		ServerHandshake handshake = new ServerHandshake(this.settings);
		handshake.receive(this.first);
		return handshake.receive(this.last);
	}

}
