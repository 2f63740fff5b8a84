package dev.sws.protocol;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.sws.cert.CertAuthority;
import dev.sws.cert.NaclCert;
import dev.sws.crypto.BoxKeyPair;
import dev.sws.crypto.RandomSource;
import dev.sws.internal.crypto.X25519;
import dev.sws.internal.noise.KeySchedule;
import dev.sws.internal.wire.ClientHello;
import dev.sws.internal.wire.V3HandshakeCodec;
import dev.sws.protocol.V3Fixture.ManualServer;
import dev.sws.testsupport.WeakKeys;

import static dev.sws.protocol.HandshakeFixture.failureOf;
import static dev.sws.protocol.V3Fixture.CLIENT_KEYS;
import static dev.sws.protocol.V3Fixture.NOW;
import static dev.sws.protocol.V3Fixture.SERVER_CERT;
import static dev.sws.protocol.V3Fixture.SERVER_KEYS;
import static dev.sws.protocol.V3Fixture.bytes;
import static dev.sws.protocol.V3Fixture.certClient;
import static dev.sws.protocol.V3Fixture.clientHandshake;
import static dev.sws.protocol.V3Fixture.concat;
import static dev.sws.protocol.V3Fixture.finalBytes;
import static dev.sws.protocol.V3Fixture.pinnedClient;
import static dev.sws.protocol.V3Fixture.rekey;
import static dev.sws.protocol.V3Fixture.replace;
import static dev.sws.protocol.V3Fixture.server;
import static dev.sws.protocol.V3Fixture.serverHandshake;
import static dev.sws.protocol.V3Fixture.trust;
import static dev.sws.protocol.V3Fixture.utf8;
import static dev.sws.protocol.V3Fixture.xor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The v3 client against hostile servers: every refusal of the specification's close-code table
 * that the client decides (docs/protocol/sws-v3.md section 12). A client that refuses the server
 * sends no message 3, so it never reveals its static key or certificate to an unauthenticated
 * server.
 */
class V3ClientHandshakeTests {

	@Test
	void aBadMessage2IsMalformedOrOutOfOrder() {
		byte[] honest = message2(pinnedClient());
		assertThat(refusal(pinnedClient(), (message) -> xor(message, 0, 1))).isEqualTo(FailureReason.MALFORMED_MESSAGE);
		assertThat(refusal(pinnedClient(), (message) -> xor(message, 3, 0x03 ^ 0x02)))
			.isEqualTo(FailureReason.MALFORMED_MESSAGE);
		assertThat(refusal(pinnedClient(), (message) -> replace(message, 4, new byte[] { 7 })))
			.isEqualTo(FailureReason.MALFORMED_MESSAGE);
		assertThat(refusal(pinnedClient(), (message) -> replace(message, 4, new byte[] { 1 })))
			.isEqualTo(FailureReason.UNEXPECTED_MESSAGE);
		assertThat(refusal(pinnedClient(), (message) -> replace(message, 4, new byte[] { 3 })))
			.isEqualTo(FailureReason.UNEXPECTED_MESSAGE);
		assertThat(refusal(pinnedClient(), (message) -> Arrays.copyOf(message, V3HandshakeCodec.MESSAGE_2_MIN - 1)))
			.isEqualTo(FailureReason.MALFORMED_MESSAGE);
		assertThat(refusal(pinnedClient(), (message) -> Arrays.copyOf(message, 6 + 65536)))
			.as("a Noise part over 65,535 bytes")
			.isEqualTo(FailureReason.MALFORMED_MESSAGE);
		assertThat(honest.length).isGreaterThan(V3HandshakeCodec.MESSAGE_2_MIN);
	}

	@Test
	void aSuiteTheClientDidNotOfferIsRefusedAndAnotherOfferedOneFailsTheTranscript() {
		ClientHandshakeSettings.Builder chachaOnly = pinnedClient().v3Suites(List.of(V3CipherSuite.CHACHAPOLY_BLAKE2B));
		assertThat(refusal(chachaOnly, (message) -> replace(message, 5, new byte[] { 0x02 })))
			.isEqualTo(FailureReason.UNSUPPORTED_VERSION);
		assertThat(refusal(chachaOnly, (message) -> replace(message, 5, new byte[] { 0x00 })))
			.isEqualTo(FailureReason.UNSUPPORTED_VERSION);
		assertThat(V3CipherSuite.AESGCM_SHA256.isAvailable()).as("this test offers both suites").isTrue();
		assertThat(refusal(pinnedClient(), (message) -> xor(message, 5, 0x03))).as("0x02 <-> 0x01")
			.isEqualTo(FailureReason.HANDSHAKE_DECRYPT_FAILED);
	}

	@Test
	void everyTamperedByteOfMessage2FailsBeforeTheClientRevealsAnything() {
		ClientHandshakeSettings.Builder client = certClient().v3Suites(List.of(V3CipherSuite.CHACHAPOLY_BLAKE2B));
		int length = message2(client).length;
		for (int i = 0; i < length; i++) {
			int index = i;
			FailureReason expected = (i < 4) ? FailureReason.MALFORMED_MESSAGE // the magic
					: (i == 4) ? FailureReason.UNEXPECTED_MESSAGE // 02 becomes 03, message 3
					: (i == 5) ? FailureReason.UNSUPPORTED_VERSION // 01 becomes 00, not offered
					: FailureReason.HANDSHAKE_DECRYPT_FAILED; // e, the encrypted s, the payload, the tags
			assertThat(refusal(client, (message) -> xor(message, index, 0x01))).as("byte %d", i).isEqualTo(expected);
		}
		assertThat(refusal(client, (message) -> xor(message, 37, 0x80))).as("e's top bit, which X25519 ignores")
			.isEqualTo(FailureReason.HANDSHAKE_DECRYPT_FAILED);
		assertThat(refusal(client, (message) -> Arrays.copyOf(message, message.length - 1))).as("truncated")
			.isEqualTo(FailureReason.HANDSHAKE_DECRYPT_FAILED);
		assertThat(refusal(client, (message) -> concat(message, new byte[1]))).as("extended")
			.isEqualTo(FailureReason.HANDSHAKE_DECRYPT_FAILED);
	}

	@Test
	void lowOrderServerKeysAreRefused() {
		WeakKeys.lowOrderPoints().forEach((name, weak) -> {
			assertThat(refusal(pinnedClient(), (message) -> replace(message, 6, weak))).as("e = " + name)
				.isEqualTo(FailureReason.WEAK_KEY);
			// a server that encrypts a low-order static key properly
			ClientHandshake client = clientHandshake(pinnedClient().v3Suites(List.of(V3CipherSuite.CHACHAPOLY_BLAKE2B)));
			byte[] message1 = bytes(client.start());
			byte[] prologue = Arrays.copyOf(message1, 7);
			byte[] clientEphemeral = Arrays.copyOfRange(message1, 7, 39);
			BoxKeyPair ephemeral = BoxKeyPair.generate(RandomSource.secure());
			KeySchedule server = KeySchedule.start(V3CipherSuite.CHACHAPOLY_BLAKE2B.getProtocolName(), prologue)
				.mixHash(clientEphemeral);
			server.decryptAndHash(new byte[0]);
			server.mixHash(ephemeral.getPublicKey()).mixKey(X25519.dh(ephemeral, clientEphemeral));
			byte[] forged = V3HandshakeCodec.message2(0x01,
					concat(ephemeral.getPublicKey(), server.encryptAndHash(weak), new byte[16]));
			assertThat(failureOf(client.receive(forged))).as("s = " + name).isEqualTo(FailureReason.WEAK_KEY);
		});
	}

	@Test
	void theServerMustBeTheOneThePinsName() {
		ClientHandshakeSettings.Builder otherPin = ClientHandshakeSettings.builder(ProtocolVersion.V3)
			.pinnedServerKeys(List.of(BoxKeyPair.generate(RandomSource.secure()).getPublicKey()));
		assertThat(refusal(otherPin, (message) -> message)).isEqualTo(FailureReason.PIN_MISMATCH);
		ClientHandshakeSettings.Builder rotation = ClientHandshakeSettings.builder(ProtocolVersion.V3)
			.pinnedServerKeys(List.of(BoxKeyPair.generate(RandomSource.secure()).getPublicKey(), SERVER_KEYS.getPublicKey()));
		ClientHandshake client = clientHandshake(rotation);
		assertThat(client.receive(bytes(serverHandshake().receive(client.start())))).as("any of several pins")
			.isInstanceOf(HandshakeStep.Reply.class);
	}

	/**
	 * Section 5.1 orders the checks: ReadMessage, the pinned key, the payload, the certificate.
	 * A server that is not the pinned one is refused as such, whatever its payload carries.
	 */
	@Test
	void thePinnedKeyIsCheckedBeforeThePayloadAndThePayloadBeforeTheCertificate() {
		BoxKeyPair impostor = BoxKeyPair.generate(RandomSource.secure());
		assertThat(manualServer(pinnedClient(), (server) -> server.message2("not json"), impostor))
			.as("an unpinned key with a malformed payload")
			.isEqualTo(FailureReason.PIN_MISMATCH);
		assertThat(manualServer(pinnedClient().serverCertVerifier(trust()),
				(server) -> server.message2("{\"cert\":{},\"requireClientCert\":false," + rekey() + "}"), impostor))
			.as("an unpinned key with a malformed certificate")
			.isEqualTo(FailureReason.PIN_MISMATCH);
		assertThat(manualServer(pinnedClient().serverCertVerifier(trust()),
				(server) -> server.message2("{\"cert\":{},\"requireClientCert\":\"no\"," + rekey() + "}"), SERVER_KEYS))
			.as("the pinned key with a malformed payload around a malformed certificate")
			.isEqualTo(FailureReason.MALFORMED_TRAILER);
	}

	@Test
	void theServerCertificateIsChecked() {
		Clock later = Clock.fixed(V3Fixture.CERT_EXPIRY.plus(Duration.ofDays(1)), ZoneOffset.UTC);
		assertThat(serverRefused(server(), certClient().serverCertVerifier(trust(later)), "localhost"))
			.isEqualTo(FailureReason.CERT_EXPIRED);
		assertThat(serverRefused(server(), certClient(), "example.com")).isEqualTo(FailureReason.CERT_HOST_MISMATCH);
		assertThat(serverRefused(server(), certClient(), "127.0.0.1")).as("an address in ips").isNull();
		assertThat(serverRefused(server(), certClient(), "LOCALHOST.")).as("ASCII case and a trailing dot").isNull();
		assertThat(serverRefused(server().certificate(null), certClient(), "localhost"))
			.isEqualTo(FailureReason.CERT_MISSING);
		assertThat(serverRefused(server().certificate(V3ServerHandshakeTests.selfSigned(SERVER_KEYS)), certClient(),
				"localhost"))
			.isEqualTo(FailureReason.CERT_UNTRUSTED_ISSUER);
		CertAuthority otherCa = CertAuthority.generate("other-ca", NOW.plus(Duration.ofDays(3650)), V3Fixture.CLOCK,
				RandomSource.secure());
		NaclCert otherCert = otherCa.issue(SERVER_KEYS.getPublicKey(), List.of("localhost"), List.of(), V3Fixture.CERT_EXPIRY);
		assertThat(serverRefused(server().certificate(otherCert), certClient(), "localhost"))
			.isEqualTo(FailureReason.CERT_UNTRUSTED_ISSUER);
	}

	@Test
	void aCertificateForAnotherKeyOrOfTheWrongShapeIsRefused() {
		assertThat(manualServer(certClient(), (server) -> server.message2(SERVER_CERT, false),
				BoxKeyPair.generate(RandomSource.secure())))
			.as("a server that presents someone else's certificate")
			.isEqualTo(FailureReason.CERT_KEY_MISMATCH);
		assertThat(manualServer(certClient(), (server) -> server.message2("{\"cert\":{},\"requireClientCert\":false,"
				+ rekey() + "}"), SERVER_KEYS))
			.isEqualTo(FailureReason.CERT_MALFORMED);
		assertThat(manualServer(certClient(), (server) -> server.message2("{\"cert\":[],\"requireClientCert\":false,"
				+ rekey() + "}"), SERVER_KEYS))
			.isEqualTo(FailureReason.MALFORMED_TRAILER);
		assertThat(manualServer(pinnedClient(), (server) -> server.message2("{\"cert\":{\"any\":1},\"requireClientCert\":false,"
				+ rekey() + "}"), SERVER_KEYS))
			.as("a pinning client ignores the certificate")
			.isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "not json", "[]", "{}", "{\"requireClientCert\":false}",
			"{\"requireClientCert\":\"false\",\"rekey\":{\"messages\":1,\"bytes\":1}}",
			"{\"requireClientCert\":false,\"rekey\":{\"messages\":1,\"bytes\":0}}",
			"{\"requireClientCert\":false,\"rekey\":{\"messages\":-1,\"bytes\":1}}",
			"{\"requireClientCert\":false,\"rekey\":{\"messages\":1e300,\"bytes\":1}}",
			"{\"requireClientCert\":false,\"rekey\":[1,1]}",
			"{\"requireClientCert\":false,\"requireClientCert\":true,\"rekey\":{\"messages\":1,\"bytes\":1}}" })
	void aMalformedMessage2PayloadIsRefused(String payload) {
		assertThat(manualServer(pinnedClient(), (server) -> server.message2(payload), SERVER_KEYS))
			.isEqualTo(FailureReason.MALFORMED_TRAILER);
	}

	@Test
	void unknownMembersOfMessage2AreIgnored() {
		assertThat(manualServer(pinnedClient(),
				(server) -> server.message2("{\"v4\":{\"x\":[]},\"requireClientCert\":false," + rekey() + ",\"z\":null}"),
				SERVER_KEYS))
			.isNull();
	}

	@Test
	void aClientAskedForACertificateItLacksStopsBeforeMessage3() {
		ServerHandshake server = new ServerHandshake(server().requireClientCert(trust()).build());
		ClientHandshake client = clientHandshake(pinnedClient());
		assertThat(failureOf(client.receive(bytes(server.receive(client.start()))))).isEqualTo(FailureReason.CERT_MISSING);
		assertThat(client.isClientCertificateRequired()).isTrue();
	}

	@Test
	void theFirstTransportMessageMustBeAnEmptyReady() {
		assertThat(readyRefusal((ready, server) -> xor(ready, 3, 1))).isEqualTo(FailureReason.DECRYPT_FAILED);
		assertThat(readyRefusal((ready, server) -> Arrays.copyOf(ready, 15))).isEqualTo(FailureReason.DECRYPT_FAILED);
		assertThat(readyRefusal((ready, server) -> new byte[0])).isEqualTo(FailureReason.DECRYPT_FAILED);
		assertThat(readyRefusal((ready, server) -> server.seal(utf8("data before ready")))).as("under n = 1")
			.isEqualTo(FailureReason.DECRYPT_FAILED);

		ClientHandshake client = clientHandshake(pinnedClient());
		ManualServer server = new ManualServer(bytes(client.start()));
		server.readMessage3(bytes(client.receive(server.message2(SERVER_CERT, false))));
		assertThat(failureOf(client.receive(server.seal(utf8("hello"))))).as("a non-empty first message")
			.isEqualTo(FailureReason.UNEXPECTED_MESSAGE);

		ClientHandshake text = clientHandshake(pinnedClient());
		ServerHandshake real = serverHandshake();
		text.receive(bytes(real.receive(text.start())));
		assertThat(failureOf(text.receive("ready"))).isEqualTo(FailureReason.UNEXPECTED_FRAME_TYPE);
	}

	@Test
	void framesOutOfPlaceAreRefused() {
		ClientHandshake beforeStart = clientHandshake(pinnedClient());
		assertThat(failureOf(beforeStart.receive(message2(pinnedClient())))).isEqualTo(FailureReason.UNEXPECTED_MESSAGE);
		ClientHandshake text = clientHandshake(pinnedClient());
		text.start();
		assertThat(failureOf(text.receive("{\"opc\":1}"))).isEqualTo(FailureReason.UNEXPECTED_FRAME_TYPE);
		ClientHandshake started = clientHandshake(pinnedClient());
		started.start();
		assertThatIllegalStateException().isThrownBy(started::start);
		ClientHandshake reflected = clientHandshake(pinnedClient());
		assertThat(failureOf(reflected.receive(bytes(reflected.start())))).as("its own message 1 reflected")
			.isEqualTo(FailureReason.UNEXPECTED_MESSAGE);
	}

	@Test
	void aTimeoutAbortsUntilReadyArrives() {
		ClientHandshake client = clientHandshake(pinnedClient());
		ServerHandshake server = serverHandshake();
		HandshakeStep message3 = client.receive(bytes(server.receive(client.start())));
		byte[] ready = finalBytes(server.receive(bytes(message3)));
		assertThat(client.abort(FailureReason.HANDSHAKE_TIMEOUT, "2 s")).get()
			.extracting(HandshakeFailure::reason)
			.isEqualTo(FailureReason.HANDSHAKE_TIMEOUT);
		assertThat(failureOf(client.receive(ready))).isEqualTo(FailureReason.HANDSHAKE_TIMEOUT);
	}

	@Test
	void aV3ClientNeverFallsBack() {
		ServerHandshake v1Only = new ServerHandshake(
				server().versions(EnumSet.of(ProtocolVersion.V1, ProtocolVersion.V2)).build());
		ClientHandshake client = clientHandshake(pinnedClient());
		assertThat(failureOf(v1Only.receive(client.start()))).isEqualTo(FailureReason.UNSUPPORTED_VERSION);
		assertThat(failureOf(client.receive(HandshakeFixture.serverHello(HandshakeFixture.CODEC.encode(
				new ClientHello(1, CLIENT_KEYS.getPublicKey(), new byte[8])), 1, new byte[0]))))
			.as("a v1 ServerHello is text, which a v3 client refuses")
			.isEqualTo(FailureReason.UNEXPECTED_FRAME_TYPE);
	}

	/** An honest message 2 from our server to a client with these settings. */
	private static byte[] message2(ClientHandshakeSettings.Builder settings) {
		return bytes(serverHandshake().receive(clientHandshake(settings).start()));
	}

	/** Our server answers; {@code change} alters its message 2; the client's failure. */
	private static FailureReason refusal(ClientHandshakeSettings.Builder settings,
			UnaryOperator<byte[]> change) {
		ClientHandshake client = clientHandshake(settings);
		byte[] message2 = change.apply(bytes(serverHandshake().receive(client.start())));
		HandshakeStep step = client.receive(message2);
		FailureReason reason = failureOf(step);
		assertThat(client.receive(message2)).as("terminal").isEqualTo(step);
		return reason;
	}

	/** The client's failure against our server, or {@code null} if it sent message 3. */
	private static FailureReason serverRefused(ServerHandshakeSettings.Builder server,
			ClientHandshakeSettings.Builder settings, String host) {
		ClientHandshake client = new ClientHandshake(settings.build(), host);
		HandshakeStep step = client.receive(bytes(new ServerHandshake(server.build()).receive(client.start())));
		return (step instanceof HandshakeStep.Failed) ? failureOf(step) : null;
	}

	/** The client's failure against a server played by hand, or {@code null} if it sent message 3. */
	private static FailureReason manualServer(ClientHandshakeSettings.Builder settings,
			Function<ManualServer, byte[]> message2, BoxKeyPair serverStatic) {
		ClientHandshake client = clientHandshake(settings);
		ManualServer server = new ManualServer(bytes(client.start()), serverStatic);
		HandshakeStep step = client.receive(message2.apply(server));
		return (step instanceof HandshakeStep.Failed) ? failureOf(step) : null;
	}

	/** Our client and server up to the ready message, which {@code change} replaces; the client's failure. */
	private static FailureReason readyRefusal(BiFunction<byte[], SecureChannel, byte[]> change) {
		ClientHandshake client = clientHandshake(pinnedClient());
		ServerHandshake server = serverHandshake();
		HandshakeStep serverDone = server.receive(bytes(client.receive(bytes(server.receive(client.start())))));
		byte[] ready = finalBytes(serverDone);
		return failureOf(client.receive(change.apply(ready, V3Fixture.established(serverDone).channel())));
	}

}
