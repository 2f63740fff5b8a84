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
import dev.sws.protocol.ClientHandshake;
import dev.sws.protocol.ClientHandshakeSettings;
import dev.sws.protocol.HandshakeFrame;
import dev.sws.protocol.HandshakeStep;
import dev.sws.protocol.ProtocolVersion;
import dev.sws.protocol.ServerHandshake;
import dev.sws.protocol.ServerHandshakeSettings;

/**
 * The server's CPU cost of one complete handshake: parsing the ClientHello, the X25519 key
 * agreement, boxing the ServerHello (with the certificate trailer in v2), opening the ClientReady
 * and, with client certificates, verifying the client's certificate. The server's randomness is
 * fixed so that one precomputed ClientReady fits every run; the replay cache is off for the same
 * reason (it is measured separately by nothing: it is one map lookup).
 */
@State(Scope.Thread)
@BenchmarkMode({ Mode.Throughput, Mode.AverageTime })
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HandshakeBenchmark {

	@Param({ "V1", "V2", "V2_CLIENT_CERT" })
	String variant;

	private ServerHandshakeSettings settings;

	private String clientHello;

	private String clientReady;

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
		ProtocolVersion version = this.variant.equals("V1") ? ProtocolVersion.V1 : ProtocolVersion.V2;
		ServerHandshakeSettings.Builder server = ServerHandshakeSettings.builder(serverKeys)
			.versions(EnumSet.of(version))
			.random(fixed)
			.replayCache(null);
		ClientHandshakeSettings.Builder client = ClientHandshakeSettings.builder(clientKeys, version)
			.pinnedServerKeys(List.of(serverKeys.getPublicKey()));
		if (version == ProtocolVersion.V2) {
			server.certificate(serverCert);
			client.serverCertVerifier(trust).certificate(clientCert);
		}
		if (this.variant.equals("V2_CLIENT_CERT")) {
			server.requireClientCert(trust);
		}
		this.settings = server.build();
		ClientHandshake clientHandshake = new ClientHandshake(client.build(), "localhost");
		this.clientHello = ((HandshakeFrame.Text) clientHandshake.start()).text();
		HandshakeStep.Reply reply = (HandshakeStep.Reply) new ServerHandshake(this.settings).receive(this.clientHello);
		HandshakeStep.Established done = (HandshakeStep.Established) clientHandshake.receive(reply.frame());
		this.clientReady = ((HandshakeFrame.Text) done.finalFrame().orElseThrow()).text();
		if (!(serverHandshake() instanceof HandshakeStep.Established)) {
			throw new IllegalStateException("The benchmark handshake does not complete");
		}
	}

	@Benchmark
	public HandshakeStep serverHandshake() {
		ServerHandshake handshake = new ServerHandshake(this.settings);
		handshake.receive(this.clientHello);
		return handshake.receive(this.clientReady);
	}

}
