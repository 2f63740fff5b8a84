package dev.sws.protocol;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.sws.cert.CertAuthority;
import dev.sws.cert.NaclCert;
import dev.sws.crypto.BoxKeyPair;
import dev.sws.crypto.Ed25519KeyPair;
import dev.sws.crypto.RandomSource;
import dev.sws.internal.crypto.X25519;
import dev.sws.internal.json.JsArray;
import dev.sws.internal.json.JsObject;
import dev.sws.internal.json.JsString;
import dev.sws.internal.noise.KeySchedule;
import dev.sws.internal.wire.V3HandshakeCodec;
import dev.sws.protocol.V3Fixture.ManualClient;
import dev.sws.testsupport.CertFixtures;
import dev.sws.testsupport.WeakKeys;

import static dev.sws.protocol.HandshakeFixture.failureOf;
import static dev.sws.protocol.V3Fixture.CLIENT_CERT;
import static dev.sws.protocol.V3Fixture.CLIENT_KEYS;
import static dev.sws.protocol.V3Fixture.NOW;
import static dev.sws.protocol.V3Fixture.bytes;
import static dev.sws.protocol.V3Fixture.certClient;
import static dev.sws.protocol.V3Fixture.clientHandshake;
import static dev.sws.protocol.V3Fixture.concat;
import static dev.sws.protocol.V3Fixture.established;
import static dev.sws.protocol.V3Fixture.pinnedClient;
import static dev.sws.protocol.V3Fixture.rekey;
import static dev.sws.protocol.V3Fixture.replace;
import static dev.sws.protocol.V3Fixture.server;
import static dev.sws.protocol.V3Fixture.serverHandshake;
import static dev.sws.protocol.V3Fixture.trust;
import static dev.sws.protocol.V3Fixture.utf8;
import static dev.sws.protocol.V3Fixture.xor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The v3 server against hostile clients: every refusal of the specification's close-code table
 * that the server decides (docs/protocol/sws-v3.md section 12), each a typed failure after which the
 * machine accepts nothing.
 */
class V3ServerHandshakeTests {

	private static final byte[] MESSAGE_1_HEADER = { 0x53, 0x57, 0x53, 0x03, 0x01 };

	@Test
	void theFirstFrameDecidesTheVersion() {
		ServerHandshakeSettings withV3 = server().versions(EnumSet.allOf(ProtocolVersion.class)).build();
		ServerHandshakeSettings withoutV3 = server().versions(EnumSet.of(ProtocolVersion.V1, ProtocolVersion.V2)).build();
		byte[] message1 = message1();
		assertThat(new ServerHandshake(withV3).receive(message1)).isInstanceOf(HandshakeStep.Reply.class);
		assertThat(refusal(withoutV3, message1)).isEqualTo(FailureReason.UNSUPPORTED_VERSION);
		byte[] version2 = xor(message1, 3, 0x03 ^ 0x02);
		assertThat(refusal(withV3, version2)).isEqualTo(FailureReason.UNSUPPORTED_VERSION);
		assertThat(refusal(withoutV3, version2)).isEqualTo(FailureReason.UNSUPPORTED_VERSION);
		for (byte[] other : List.of(new byte[0], new byte[] { 0x53, 0x57 }, utf8("{\"opc\":0}"), xor(message1, 0, 1))) {
			assertThat(refusal(withV3, other)).isEqualTo(FailureReason.MALFORMED_MESSAGE);
			assertThat(refusal(withoutV3, other)).as("as before v3").isEqualTo(FailureReason.UNEXPECTED_FRAME_TYPE);
		}
	}

	@Test
	void aBadMessage1IsMalformed() {
		byte[] e = BoxKeyPair.generate(RandomSource.secure()).getPublicKey();
		List<byte[]> malformed = List.of(concat(MESSAGE_1_HEADER, new byte[] { 0 }, e), // no suite
				concat(MESSAGE_1_HEADER, new byte[] { 9, 1, 2, 3, 4, 5, 6, 7, 8, 9 }, e), // 9 suites
				concat(MESSAGE_1_HEADER, new byte[] { 2, 1, 1 }, e), // a suite twice
				concat(MESSAGE_1_HEADER, new byte[] { 1, 1 }, e, new byte[1]), // a byte too many
				concat(MESSAGE_1_HEADER, new byte[] { 1, 1 }, Arrays.copyOf(e, 31)), // a byte too few
				concat(MESSAGE_1_HEADER, new byte[] { 2, 1 }, e), // n says 2, one given
				Arrays.copyOf(MESSAGE_1_HEADER, 5), // no n
				Arrays.copyOf(MESSAGE_1_HEADER, 4), // no message number
				replace(message1(), 4, new byte[] { 4 }), // unknown message number
				replace(message1(), 4, new byte[] { 0 }));
		for (byte[] message : malformed) {
			assertThat(refusal(server().build(), message)).isEqualTo(FailureReason.MALFORMED_MESSAGE);
		}
	}

	@ParameterizedTest
	@ValueSource(ints = { 2, 3 })
	void anotherHandshakeMessageFirstIsOutOfOrder(int number) {
		assertThat(refusal(server().build(), replace(message1(), 4, new byte[] { (byte) number })))
			.isEqualTo(FailureReason.UNEXPECTED_MESSAGE);
	}

	@Test
	void withoutACommonSuiteTheServerRefusesAndIgnoresUnknownIds() {
		byte[] e = BoxKeyPair.generate(RandomSource.secure()).getPublicKey();
		assertThat(refusal(server().build(), concat(MESSAGE_1_HEADER, new byte[] { 2, 0x00, 0x07 }, e)))
			.isEqualTo(FailureReason.UNSUPPORTED_VERSION);
		assertThat(refusal(server().allowAesGcm(false).build(), concat(MESSAGE_1_HEADER, new byte[] { 1, 0x02 }, e)))
			.isEqualTo(FailureReason.UNSUPPORTED_VERSION);
		HandshakeStep answer = serverHandshake().receive(concat(MESSAGE_1_HEADER, new byte[] { 3, (byte) 0xff, 0x07, 0x01 }, e));
		assertThat(bytes(answer)[5]).as("the one it knows").isEqualTo((byte) 0x01);
	}

	@Test
	void lowOrderEphemeralKeysAreRefused() {
		WeakKeys.lowOrderPoints().forEach((name, weak) -> assertThat(
				refusal(server().build(), concat(MESSAGE_1_HEADER, new byte[] { 1, 1 }, weak)))
			.as(name)
			.isEqualTo(FailureReason.WEAK_KEY));
	}

	@Test
	void lowOrderStaticKeysAreRefusedOnceDecrypted() {
		WeakKeys.lowOrderPoints().forEach((name, weak) -> {
			ServerHandshake server = serverHandshake();
			// a client that reads message 2 honestly, then encrypts a low-order static key in message 3
			BoxKeyPair ephemeral = BoxKeyPair.generate(RandomSource.secure());
			byte[] prologue = V3HandshakeCodec.prologue(new byte[] { 0x01 });
			byte[] message2 = bytes(server.receive(V3HandshakeCodec.message1(prologue, ephemeral.getPublicKey())));
			KeySchedule client = KeySchedule.start(V3CipherSuite.CHACHAPOLY_BLAKE2B.getProtocolName(), prologue)
				.mixHash(ephemeral.getPublicKey());
			client.decryptAndHash(new byte[0]);
			byte[] serverEphemeral = Arrays.copyOfRange(message2, 6, 38);
			client.mixHash(serverEphemeral).mixKey(X25519.dh(ephemeral, serverEphemeral));
			byte[] serverStatic = client.decryptAndHash(Arrays.copyOfRange(message2, 38, 86));
			client.mixKey(X25519.dh(ephemeral, serverStatic));
			client.decryptAndHash(Arrays.copyOfRange(message2, 86, message2.length));
			byte[] forged = V3HandshakeCodec.message3(concat(client.encryptAndHash(weak), new byte[16]));
			assertThat(failureOf(server.receive(forged))).as(name).isEqualTo(FailureReason.WEAK_KEY);
		});
	}

	@Test
	void framesOutOfPlaceAreRefused() {
		ServerHandshake text = serverHandshake();
		text.receive(message1());
		assertThat(failureOf(text.receive("{\"opc\":2}"))).isEqualTo(FailureReason.UNEXPECTED_FRAME_TYPE);
		assertThat(failureOf(text.receive(message1()))).as("nothing after a failure")
			.isEqualTo(FailureReason.UNEXPECTED_FRAME_TYPE);
		assertThat(text.isFinished()).isTrue();

		ServerHandshake again = serverHandshake();
		again.receive(message1());
		assertThat(failureOf(again.receive(message1()))).isEqualTo(FailureReason.UNEXPECTED_MESSAGE);

		ServerHandshake early = serverHandshake();
		early.receive(message1());
		assertThat(failureOf(early.receive(RandomSource.secure().bytes(40))))
			.as("a transport message before the ready message")
			.isEqualTo(FailureReason.UNEXPECTED_MESSAGE);
	}

	@Test
	void aMessage3OfTheWrongLengthIsMalformed() {
		for (int length : new int[] { 5, 68, 5 + 65536 }) {
			ServerHandshake server = serverHandshake();
			server.receive(message1());
			byte[] message3 = replace(new byte[length], 0, new byte[] { 0x53, 0x57, 0x53, 0x03, 0x03 });
			assertThat(failureOf(server.receive(message3))).as("%d bytes", length)
				.isEqualTo(FailureReason.MALFORMED_MESSAGE);
		}
	}

	@Test
	void everyTamperedByteOfMessage3FailsTheHandshake() {
		byte[] message3 = message3(new ServerHandshake[1]);
		for (int i = 0; i < message3.length; i++) {
			ServerHandshake[] server = new ServerHandshake[1];
			byte[] tampered = xor(message3(server), i, 0x01);
			FailureReason expected = (i < 5) ? FailureReason.UNEXPECTED_MESSAGE // not message 3 any more
					: FailureReason.HANDSHAKE_DECRYPT_FAILED; // the encrypted s, the payload, the tags
			assertThat(failureOf(server[0].receive(tampered))).as("byte %d", i).isEqualTo(expected);
		}
		ServerHandshake[] server = new ServerHandshake[1];
		byte[] honest = message3(server);
		assertThat(failureOf(server[0].receive(Arrays.copyOf(honest, honest.length - 1)))).as("truncated")
			.isEqualTo(FailureReason.HANDSHAKE_DECRYPT_FAILED);
		server = new ServerHandshake[1];
		honest = message3(server);
		assertThat(failureOf(server[0].receive(concat(honest, new byte[1])))).as("extended")
			.isEqualTo(FailureReason.HANDSHAKE_DECRYPT_FAILED);
	}

	@Test
	void everyTamperedByteOfMessage1FailsTheHandshakeAtOneSideOrTheOther() {
		assertThat(V3CipherSuite.AESGCM_SHA256.isAvailable()).as("this test offers both suites").isTrue();
		int length = bytes(clientHandshake(pinnedClient()).start()).length;
		for (int i = 0; i < length; i++) {
			ClientHandshake client = clientHandshake(pinnedClient());
			HandshakeStep answer = serverHandshake().receive(V3Fixture.xor(bytes(client.start()), i, 0x01));
			if (i < 6) {
				// the header: the magic, the version, the message number and the count
				assertThat(answer).as("byte %d", i).isInstanceOf(HandshakeStep.Failed.class);
				FailureReason expected = switch (i) {
					case 3 -> FailureReason.UNSUPPORTED_VERSION;
					default -> FailureReason.MALFORMED_MESSAGE;
				};
				assertThat(failureOf(answer)).as("byte %d", i).isEqualTo(expected);
			}
			else {
				// the offer (in the prologue) or e: the server answers, the client's transcript differs
				assertThat(failureOf(client.receive(bytes(answer)))).as("byte %d", i)
					.isEqualTo(FailureReason.HANDSHAKE_DECRYPT_FAILED);
			}
		}
	}

	@Test
	void aReplayedMessage1StartsASessionTheReplayerCannotComplete() {
		ClientHandshake client = clientHandshake(pinnedClient());
		byte[] message1 = bytes(client.start());
		ServerHandshake original = serverHandshake();
		byte[] message2 = bytes(original.receive(message1));
		byte[] message3 = bytes(client.receive(message2));
		assertThat(original.receive(message3)).isInstanceOf(HandshakeStep.Established.class);

		ServerHandshake replayed = serverHandshake();
		byte[] answer = bytes(replayed.receive(message1));
		assertThat(Arrays.copyOfRange(answer, 6, 38)).as("a fresh server ephemeral")
			.isNotEqualTo(Arrays.copyOfRange(message2, 6, 38));
		assertThat(failureOf(replayed.receive(message3))).isEqualTo(FailureReason.HANDSHAKE_DECRYPT_FAILED);
	}

	@Test
	void aRequiredClientCertificateIsChecked() {
		Clock later = Clock.fixed(V3Fixture.CERT_EXPIRY.plus(Duration.ofDays(1)), ZoneOffset.UTC);
		assertThat(clientRefused(server().requireClientCert(trust(later)), certClient()))
			.isEqualTo(FailureReason.CERT_EXPIRED);
		CertAuthority otherCa = CertAuthority.generate("other-ca", NOW.plus(Duration.ofDays(3650)), V3Fixture.CLOCK,
				RandomSource.secure());
		assertThat(clientRefused(server().requireClientCert(trust()),
				certClient().certificate(otherCa.issue(CLIENT_KEYS.getPublicKey(), List.of("client.test"), List.of(),
						V3Fixture.CERT_EXPIRY))))
			.isEqualTo(FailureReason.CERT_UNTRUSTED_ISSUER);
		assertThat(clientRefused(server().requireClientCert(trust()), certClient().certificate(selfSigned(CLIENT_KEYS))))
			.as("self-signed")
			.isEqualTo(FailureReason.CERT_UNTRUSTED_ISSUER);
		NaclCert tampered = CertFixtures.tampered(CLIENT_CERT,
				(desc) -> desc.put("names", JsArray.ofStrings(List.of("admin"))));
		assertThat(clientRefused(server().requireClientCert(trust()), certClient().certificate(tampered)))
			.isEqualTo(FailureReason.CERT_BAD_SIGNATURE);
	}

	@Test
	void aMessage3WithoutTheRightCertificateIsRefused() {
		ServerHandshakeSettings settings = server().requireClientCert(trust()).build();
		assertThat(manualMessage3(settings, "{" + rekey() + "}", new ManualClient()))
			.isEqualTo(FailureReason.CERT_MISSING);
		assertThat(manualMessage3(settings, "{\"cert\":" + CLIENT_CERT.toJson() + "," + rekey() + "}", new ManualClient()))
			.as("a certificate for another key")
			.isEqualTo(FailureReason.CERT_KEY_MISMATCH);
		assertThat(manualMessage3(settings, "{\"cert\":{}," + rekey() + "}",
				new ManualClient(V3CipherSuite.CHACHAPOLY_BLAKE2B, CLIENT_KEYS)))
			.isEqualTo(FailureReason.CERT_MALFORMED);
		assertThat(manualMessage3(settings, "{\"cert\":5," + rekey() + "}",
				new ManualClient(V3CipherSuite.CHACHAPOLY_BLAKE2B, CLIENT_KEYS)))
			.isEqualTo(FailureReason.MALFORMED_TRAILER);
	}

	@Test
	void anUnrequestedClientCertificateIsIgnored() {
		ServerHandshake server = serverHandshake();
		ManualClient client = new ManualClient();
		client.readMessage2(bytes(server.receive(client.message1())));
		HandshakeStep done = server.receive(client.message3("{\"cert\":{\"not\":\"checked\"}," + rekey() + "}"));
		assertThat(established(done).peer().getCertificate()).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "not json", "[]", "\"rekey\"", "{}", "{\"rekey\":5}", "{\"rekey\":{\"messages\":1}}",
			"{\"rekey\":{\"messages\":0,\"bytes\":1}}", "{\"rekey\":{\"messages\":1,\"bytes\":9007199254740992}}",
			"{\"rekey\":{\"messages\":1.5,\"bytes\":1}}", "{\"rekey\":{\"messages\":\"1\",\"bytes\":1}}",
			"{\"rekey\":{\"messages\":1,\"bytes\":1},\"rekey\":{\"messages\":1,\"bytes\":1}}",
			"{\"rekey\":{\"messages\":1,\"bytes\":1}} {}" })
	void aMalformedMessage3PayloadIsRefused(String payload) {
		assertThat(manualMessage3(server().build(), payload, new ManualClient())).isEqualTo(FailureReason.MALFORMED_TRAILER);
	}

	@Test
	void aMessage3PayloadThatIsNotUtf8IsRefusedAndUnknownMembersAreIgnored() {
		assertThat(manualMessage3(server().build(), "{\"x\":\"\u0000\"," + rekey() + "}", new ManualClient()))
			.as("a raw control character in a string is not JSON")
			.isEqualTo(FailureReason.MALFORMED_TRAILER);
		ServerHandshake server = serverHandshake();
		ManualClient client = new ManualClient();
		client.readMessage2(bytes(server.receive(client.message1())));
		byte[] latin1 = concat(utf8("{\"x\":\""), new byte[] { (byte) 0xe9 }, utf8("\"," + rekey() + "}"));
		assertThat(failureOf(server.receive(client.message3(latin1)))).isEqualTo(FailureReason.MALFORMED_TRAILER);

		ServerHandshake tolerant = serverHandshake();
		ManualClient future = new ManualClient();
		future.readMessage2(bytes(tolerant.receive(future.message1())));
		assertThat(tolerant.receive(future.message3("{\"future\":[1,{\"a\":null}]," + rekey() + ",\"more\":true}")))
			.isInstanceOf(HandshakeStep.Established.class);
	}

	@Test
	void aTimeoutAbortsAndTheFirstFailureWins() {
		ServerHandshake waiting = serverHandshake();
		assertThat(waiting.abort(FailureReason.HANDSHAKE_TIMEOUT, "2 s")).get()
			.extracting(HandshakeFailure::reason)
			.isEqualTo(FailureReason.HANDSHAKE_TIMEOUT);
		assertThat(failureOf(waiting.receive(message1()))).isEqualTo(FailureReason.HANDSHAKE_TIMEOUT);
		ServerHandshake midway = serverHandshake();
		midway.receive(message1());
		midway.abort(FailureReason.HANDSHAKE_TIMEOUT, "2 s");
		assertThat(midway.abort(FailureReason.INTERNAL_ERROR, "later")).get()
			.extracting(HandshakeFailure::reason)
			.isEqualTo(FailureReason.HANDSHAKE_TIMEOUT);
		assertThat(midway.isFinished()).isTrue();
	}

	/** A client's message 1 (both suites offered where AES-GCM runs). */
	private static byte[] message1() {
		return bytes(clientHandshake(pinnedClient()).start());
	}

	/** An honest message 3 to {@code server[0]}, a fresh server. */
	private static byte[] message3(ServerHandshake[] server) {
		server[0] = serverHandshake();
		ClientHandshake client = clientHandshake(pinnedClient());
		return bytes(client.receive(bytes(server[0].receive(client.start()))));
	}

	private static FailureReason refusal(ServerHandshakeSettings settings, byte[] first) {
		ServerHandshake server = new ServerHandshake(settings);
		FailureReason reason = failureOf(server.receive(first));
		assertThat(failureOf(server.receive(first))).as("the failure is terminal").isEqualTo(reason);
		assertThat(server.isFinished()).isTrue();
		return reason;
	}

	/** Runs our client against our server; the server refuses the client, which then never gets ready. */
	private static FailureReason clientRefused(ServerHandshakeSettings.Builder serverSettings,
			ClientHandshakeSettings.Builder clientSettings) {
		ServerHandshake server = new ServerHandshake(serverSettings.build());
		ClientHandshake client = clientHandshake(clientSettings);
		HandshakeStep message3 = client.receive(bytes(server.receive(client.start())));
		FailureReason reason = failureOf(server.receive(bytes(message3)));
		assertThat(client.isFinished()).as("the client is not established without ready").isFalse();
		return reason;
	}

	private static FailureReason manualMessage3(ServerHandshakeSettings settings, String payload, ManualClient client) {
		ServerHandshake server = new ServerHandshake(settings);
		client.readMessage2(bytes(server.receive(client.message1())));
		return failureOf(server.receive(client.message3(payload)));
	}

	/** A type "self" certificate for a box key, signed by a key of its own. */
	static NaclCert selfSigned(BoxKeyPair keys) {
		JsObject desc = CLIENT_CERT.getDesc();
		desc.put("type", new JsString(NaclCert.TYPE_SELF));
		desc.put("publickey", JsArray.ofBytes(keys.getPublicKey()));
		return CertFixtures.sign(desc, Ed25519KeyPair.generate(RandomSource.secure()));
	}

}
