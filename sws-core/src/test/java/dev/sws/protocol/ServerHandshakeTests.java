package dev.sws.protocol;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.sws.cert.CertRejection;
import dev.sws.cert.CertRejectionReason;
import dev.sws.cert.NaclCert;
import dev.sws.cert.TrustPolicy;
import dev.sws.crypto.BoxKeyPair;
import dev.sws.crypto.RandomSource;
import dev.sws.internal.wire.ClientHello;
import dev.sws.internal.wire.ClientReady;
import dev.sws.protocol.HandshakeFixture.FakeVerifier;
import dev.sws.protocol.HandshakeFixture.ManualClient;
import dev.sws.testsupport.MutableClock;
import dev.sws.testsupport.Vectors;

import static dev.sws.protocol.HandshakeFixture.CLIENT_CERT;
import static dev.sws.protocol.HandshakeFixture.CODEC;
import static dev.sws.protocol.HandshakeFixture.client;
import static dev.sws.protocol.HandshakeFixture.failureOf;
import static dev.sws.protocol.HandshakeFixture.handshake;
import static dev.sws.protocol.HandshakeFixture.server;
import static dev.sws.protocol.HandshakeFixture.v1Server;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The server state machine: round trips with our client, and one test per bad input. Each bad
 * input gives a typed failure, and the machine accepts nothing after it.
 */
class ServerHandshakeTests {

	@ParameterizedTest
	@EnumSource(ProtocolVersion.class)
	void roundTripWithOurClientInEitherVersion(ProtocolVersion version) {
		ServerHandshake server = new ServerHandshake(server(EnumSet.allOf(ProtocolVersion.class)).build());
		ClientHandshake client = new ClientHandshake(client(version).build(), "localhost");
		HandshakeStep.Established[] done = handshake(client, server);
		assertThat(done[1].peer().getVersion()).isEqualTo(version);
		assertThat(done[0].peer().getVersion()).isEqualTo(version);
		SecureChannel clientChannel = done[0].channel();
		SecureChannel serverChannel = done[1].channel();
		for (int i = 0; i < 5; i++) {
			byte[] message = ("message " + i).getBytes(StandardCharsets.UTF_8);
			assertThat(serverChannel.open(clientChannel.seal(message))).isEqualTo(message);
			assertThat(clientChannel.open(serverChannel.seal(message))).isEqualTo(message);
		}
		assertThat(server.isFinished()).isTrue();
		assertThat(server.abort(FailureReason.HANDSHAKE_TIMEOUT, "late timer")).isEmpty();
	}

	@Test
	void requiredClientCertIsVerifiedAndExposed() {
		FakeVerifier verifier = new FakeVerifier();
		ServerHandshake server = new ServerHandshake(
				server(EnumSet.of(ProtocolVersion.V2)).requireClientCert(verifier).build());
		ClientHandshake client = new ClientHandshake(ClientHandshakeSettings
			.builder(HandshakeFixture.CLIENT_KEYS, ProtocolVersion.V2)
			.serverCertVerifier(new FakeVerifier())
			.certificate(CLIENT_CERT)
			.build(), "localhost");
		HandshakeStep.Established[] done = handshake(client, server);
		assertThat(done[1].peer().getCertificate()).contains(CLIENT_CERT);
		assertThat(verifier.seen).containsExactly(CLIENT_CERT);
	}

	@Test
	void withATrustPolicyThePeersKnowTheCaThatVouchedForEachOther() {
		NaclCert ca = NaclCert.parse(Vectors.section("handshake_v2_requireCert").get("ca_cert").toString());
		TrustPolicy policy = TrustPolicy.builder().trustAnchor(ca).build();
		ServerHandshake server = new ServerHandshake(server(EnumSet.of(ProtocolVersion.V2)).requireClientCert(policy).build());
		ClientHandshake client = new ClientHandshake(ClientHandshakeSettings
			.builder(HandshakeFixture.CLIENT_KEYS, ProtocolVersion.V2)
			.serverCertVerifier(policy)
			.certificate(CLIENT_CERT)
			.build(), "localhost");
		HandshakeStep.Established[] done = handshake(client, server);
		assertThat(done[1].peer().getIssuer()).contains(ca);
		assertThat(done[1].peer().getPrincipalName())
			.isEqualTo("sws-cert:" + ca.getPublicKeyFingerprint() + "/" + CLIENT_CERT.getNames().get(0));
		assertThat(done[0].peer().getIssuer()).contains(ca);
	}

	@Test
	void unknownVersionIsRefused() {
		ManualClient client = new ManualClient(3);
		ServerHandshake server = new ServerHandshake(v1Server());
		assertThat(failureOf(server.receive(client.hello()))).isEqualTo(FailureReason.UNSUPPORTED_VERSION);
	}

	/** v3 is binary (docs/protocol/sws-v3.md section 4): a text ClientHello naming 3 is no v3 client. */
	@Test
	void aTextClientHelloForVersion3IsRefusedEvenWhereV3IsAccepted() {
		ManualClient client = new ManualClient(3);
		ServerHandshake server = new ServerHandshake(server(EnumSet.allOf(ProtocolVersion.class)).build());
		assertThat(failureOf(server.receive(client.hello()))).isEqualTo(FailureReason.UNSUPPORTED_VERSION);
	}

	@Test
	void versionTheServerDoesNotAcceptIsRefused() {
		ServerHandshake server = new ServerHandshake(v1Server());
		ClientHandshake client = new ClientHandshake(client(ProtocolVersion.V2).build(), "localhost");
		assertThat(failureOf(server.receive(client.start()))).isEqualTo(FailureReason.UNSUPPORTED_VERSION);
	}

	@Test
	void clientReadyInAnotherVersionIsRefused() {
		ServerHandshake server = new ServerHandshake(server(EnumSet.allOf(ProtocolVersion.class)).build());
		ManualClient client = new ManualClient(1);
		client.open(server.receive(client.hello()));
		String ready = client.ready(new byte[0]).replace("\"version\":1", "\"version\":2");
		assertThat(failureOf(server.receive(ready))).isEqualTo(FailureReason.UNSUPPORTED_VERSION);
	}

	@Test
	void clientReadyBeforeClientHelloIsOutOfOrder() {
		ServerHandshake server = new ServerHandshake(v1Server());
		String ready = CODEC.encode(new ClientReady(1, new byte[56]));
		assertThat(failureOf(server.receive(ready))).isEqualTo(FailureReason.UNEXPECTED_MESSAGE);
	}

	@Test
	void duplicateClientHelloIsOutOfOrder() {
		ServerHandshake server = new ServerHandshake(v1Server());
		ManualClient client = new ManualClient(1);
		assertThat(server.receive(client.hello())).isInstanceOf(HandshakeStep.Reply.class);
		assertThat(failureOf(server.receive(client.hello()))).isEqualTo(FailureReason.UNEXPECTED_MESSAGE);
	}

	@Test
	void reflectedServerHelloIsOutOfOrder() {
		ServerHandshake server = new ServerHandshake(v1Server());
		ManualClient client = new ManualClient(1);
		HandshakeStep reply = server.receive(client.hello());
		assertThat(failureOf(server.receive(HandshakeFixture.text(reply))))
			.isEqualTo(FailureReason.UNEXPECTED_MESSAGE);
	}

	@Test
	void tamperedClientReadyBlobDoesNotOpen() {
		ServerHandshake server = new ServerHandshake(v1Server());
		ManualClient client = new ManualClient(1);
		client.open(server.receive(client.hello()));
		ClientReady ready = (ClientReady) CODEC.decode(client.ready(new byte[0]));
		ready.blackbox()[20] ^= 1;
		assertThat(failureOf(server.receive(CODEC.encode(ready)))).isEqualTo(FailureReason.HANDSHAKE_DECRYPT_FAILED);
	}

	@Test
	void clientReadyBoxedUnderTheWrongNonceDoesNotOpen() {
		ServerHandshake server = new ServerHandshake(v1Server());
		ManualClient client = new ManualClient(1);
		client.open(server.receive(client.hello()));
		client.serverNonce = client.serverNonce.next();
		assertThat(failureOf(server.receive(client.ready(new byte[0])))).isEqualTo(FailureReason.HANDSHAKE_DECRYPT_FAILED);
	}

	@Test
	void v1ClientReadyWithTrailerIsRefused() {
		ServerHandshake server = new ServerHandshake(v1Server());
		ManualClient client = new ManualClient(1);
		client.open(server.receive(client.hello()));
		assertThat(failureOf(server.receive(client.ready("{}")))).isEqualTo(FailureReason.MALFORMED_TRAILER);
	}

	@Test
	void weakClientKeysAreRefused() {
		ServerHandshake server = new ServerHandshake(v1Server());
		byte[] identity = new byte[32];
		identity[0] = 1;
		String hello = CODEC.encode(new ClientHello(1, identity, new byte[8]));
		assertThat(failureOf(server.receive(hello))).isEqualTo(FailureReason.WEAK_KEY);
		ServerHandshake second = new ServerHandshake(v1Server());
		assertThat(failureOf(second.receive(CODEC.encode(new ClientHello(1, new byte[32], new byte[8])))))
			.isEqualTo(FailureReason.WEAK_KEY);
	}

	@Test
	void replayedClientHelloIsRefusedOnAnotherConnection() {
		ServerHandshakeSettings settings = v1Server();
		ManualClient client = new ManualClient(1);
		assertThat(new ServerHandshake(settings).receive(client.hello())).isInstanceOf(HandshakeStep.Reply.class);
		assertThat(failureOf(new ServerHandshake(settings).receive(client.hello())))
			.isEqualTo(FailureReason.REPLAYED_HELLO);
	}

	@Test
	void aFullReplayCacheRefusesNewClientHellosInsteadOfForgettingOldOnes() {
		MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
		ClientHelloReplayCache cache = new ClientHelloReplayCache(Duration.ofMinutes(10), 2, clock);
		ServerHandshakeSettings settings = server(EnumSet.of(ProtocolVersion.V1)).replayCache(cache).build();
		ManualClient first = new ManualClient(1);
		ManualClient second = new ManualClient(1);
		assertThat(new ServerHandshake(settings).receive(first.hello())).isInstanceOf(HandshakeStep.Reply.class);
		clock.advance(Duration.ofMinutes(1));
		assertThat(new ServerHandshake(settings).receive(second.hello())).isInstanceOf(HandshakeStep.Reply.class);
		HandshakeStep.Failed full = (HandshakeStep.Failed) new ServerHandshake(settings).receive(new ManualClient(1).hello());
		assertThat(full.failure().reason()).isEqualTo(FailureReason.REPLAY_CACHE_FULL);
		assertThat(full.failure().reason().getCloseCode()).isEqualTo(1013);
		// the first ClientHello was not evicted to make room: its replay is still refused
		assertThat(failureOf(new ServerHandshake(settings).receive(first.hello()))).isEqualTo(FailureReason.REPLAYED_HELLO);
		assertThat(cache.size()).isEqualTo(2);
		clock.advance(Duration.ofMinutes(9).plusMillis(1));
		assertThat(new ServerHandshake(settings).receive(new ManualClient(1).hello())).as("room once the first expired")
			.isInstanceOf(HandshakeStep.Reply.class);
		assertThat(failureOf(new ServerHandshake(settings).receive(second.hello()))).isEqualTo(FailureReason.REPLAYED_HELLO);
	}

	@Test
	void binaryFrameDuringTheHandshakeIsRefused() {
		ServerHandshake server = new ServerHandshake(v1Server());
		assertThat(failureOf(server.receive(new byte[0]))).isEqualTo(FailureReason.UNEXPECTED_FRAME_TYPE);
	}

	@Test
	void oversizedMessageIsRefused() {
		ServerHandshake server = new ServerHandshake(server(EnumSet.of(ProtocolVersion.V1)).maxMessageChars(1024).build());
		assertThat(failureOf(server.receive("{" + " ".repeat(2000) + "}"))).isEqualTo(FailureReason.MESSAGE_TOO_LARGE);
	}

	@Test
	void timeoutAbortsAndTheFirstFailureWins() {
		ServerHandshake server = new ServerHandshake(v1Server());
		assertThat(server.abort(FailureReason.HANDSHAKE_TIMEOUT, "2 s elapsed")).get()
			.extracting(HandshakeFailure::reason)
			.isEqualTo(FailureReason.HANDSHAKE_TIMEOUT);
		assertThat(server.abort(FailureReason.INTERNAL_ERROR, "later")).get()
			.extracting(HandshakeFailure::reason)
			.isEqualTo(FailureReason.HANDSHAKE_TIMEOUT);
		assertThat(failureOf(server.receive(new ManualClient(1).hello()))).isEqualTo(FailureReason.HANDSHAKE_TIMEOUT);
	}

	@Test
	void nothingIsAcceptedAfterAFailure() {
		ServerHandshake server = new ServerHandshake(v1Server());
		assertThat(failureOf(server.receive("not json"))).isEqualTo(FailureReason.MALFORMED_MESSAGE);
		ManualClient client = new ManualClient(1);
		assertThat(failureOf(server.receive(client.hello()))).isEqualTo(FailureReason.MALFORMED_MESSAGE);
		assertThat(failureOf(server.receive(new byte[0]))).isEqualTo(FailureReason.MALFORMED_MESSAGE);
		assertThat(server.isFinished()).isTrue();
	}

	@Test
	void v2TrailerMustBeValidUtf8Json() {
		for (byte[] trailer : List.of(new byte[] { (byte) 0xC3, (byte) 0x28 }, "{\"a\":".getBytes(StandardCharsets.UTF_8),
				"[]".getBytes(StandardCharsets.UTF_8), "{} x".getBytes(StandardCharsets.UTF_8), new byte[0],
				"{\"a\":1,\"a\":2}".getBytes(StandardCharsets.UTF_8))) {
			ServerHandshake server = new ServerHandshake(server(EnumSet.of(ProtocolVersion.V2)).build());
			ManualClient client = new ManualClient(2);
			client.open(server.receive(client.hello()));
			assertThat(failureOf(server.receive(client.ready(trailer)))).as(new String(trailer, StandardCharsets.UTF_8))
				.isEqualTo(FailureReason.MALFORMED_TRAILER);
		}
	}

	@Test
	void v2ServerHelloCarriesTheCertAndRequireCert() {
		ServerHandshake server = new ServerHandshake(
				server(EnumSet.of(ProtocolVersion.V2)).requireClientCert(new FakeVerifier()).build());
		ManualClient client = new ManualClient(2);
		byte[] plaintext = client.open(server.receive(client.hello()));
		String trailer = new String(plaintext, 40, plaintext.length - 40, StandardCharsets.UTF_8);
		assertThat(trailer).isEqualTo("{\"cert\":" + HandshakeFixture.SERVER_CERT.toJson() + ",\"requireCert\":true}");
	}

	@Test
	void requiredClientCertThatIsMissingOrMalformedIsRefused() {
		assertThat(requireCertWithTrailer("{}", new FakeVerifier())).isEqualTo(FailureReason.CERT_MISSING);
		assertThat(requireCertWithTrailer("{\"desc\":1}", new FakeVerifier())).isEqualTo(FailureReason.CERT_MALFORMED);
	}

	@ParameterizedTest
	@EnumSource(CertRejectionReason.class)
	void verifierRefusalsBecomeTypedFailures(CertRejectionReason reason) {
		FakeVerifier verifier = new FakeVerifier(new CertRejection(reason, "test"));
		assertThat(requireCertWithTrailer(CLIENT_CERT.toJson(), verifier)).isEqualTo(FailureReason.of(reason));
		assertThat(FailureReason.of(reason).getCloseCode()).isEqualTo(1008);
	}

	@Test
	void unrequestedClientCertIsIgnored() {
		ServerHandshake server = new ServerHandshake(server(EnumSet.of(ProtocolVersion.V2)).build());
		ManualClient client = new ManualClient(2);
		client.open(server.receive(client.hello()));
		HandshakeStep done = server.receive(client.ready("{\"anything\":[1,2,3]}"));
		assertThat(done).isInstanceOf(HandshakeStep.Established.class);
		assertThat(((HandshakeStep.Established) done).peer().getCertificate()).isEmpty();
	}

	@Test
	void settingsRefuseV2WithoutAMatchingCert() {
		assertThatIllegalStateException()
			.isThrownBy(() -> ServerHandshakeSettings.builder(HandshakeFixture.SERVER_KEYS)
				.versions(EnumSet.of(ProtocolVersion.V2))
				.build());
		assertThatIllegalStateException()
			.isThrownBy(() -> ServerHandshakeSettings.builder(BoxKeyPair.generate(RandomSource.secure()))
				.versions(EnumSet.of(ProtocolVersion.V2))
				.certificate(HandshakeFixture.SERVER_CERT)
				.build());
		assertThatIllegalStateException().isThrownBy(
				() -> ServerHandshakeSettings.builder(HandshakeFixture.SERVER_KEYS).requireClientCert(new FakeVerifier()).build());
		// v1 clients present no certificate: accepting them would let any client skip the check
		assertThatIllegalStateException()
			.isThrownBy(() -> server(EnumSet.allOf(ProtocolVersion.class)).requireClientCert(new FakeVerifier()).build())
			.withMessageContaining("a v1 client cannot present one");
	}

	private static FailureReason requireCertWithTrailer(String trailer, FakeVerifier verifier) {
		ServerHandshake server = new ServerHandshake(server(EnumSet.of(ProtocolVersion.V2)).requireClientCert(verifier).build());
		ManualClient client = new ManualClient(2);
		client.open(server.receive(client.hello()));
		return failureOf(server.receive(client.ready(trailer)));
	}

}
