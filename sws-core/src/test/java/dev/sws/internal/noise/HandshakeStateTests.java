package dev.sws.internal.noise;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import dev.sws.crypto.BoxKeyPair;
import dev.sws.crypto.RandomSource;
import dev.sws.internal.crypto.X25519;
import dev.sws.testsupport.WeakKeys;

import static dev.sws.testsupport.Vectors.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Handshakes end to end and under attack: truncated, extended and bit-flipped messages, low-order
 * ephemeral and static keys, messages out of turn, and what the state owns and hides.
 */
class HandshakeStateTests {

	private static final NoiseProtocol XX = NoiseProtocol.parse("Noise_XX_25519_ChaChaPoly_BLAKE2b");

	private static final byte[] PROLOGUE = hex("5357530301020201");

	private static final byte[] PAYLOAD = "hello".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] INITIATOR_STATIC = hex("e61ef9919cde45dd5f82166404bd08e38bceb5dfdfded0a34c8df7ed542214d1");

	private static final byte[] INITIATOR_EPHEMERAL = hex("893e28b9dc6ca8d611ab664754b8ceb7bac5117349a4439a6b0569da977c464a");

	private static final byte[] RESPONDER_STATIC = hex("4a3acbfdb163dec651dfa3194dece676d437029c62a408b4c5ea9114246e4893");

	private static final byte[] RESPONDER_EPHEMERAL = hex("bbdb4cdbd309f1a1f2e1456967fe288cadd6f712d65dc7b7793d5e63da6b375b");

	@Test
	void xxWithChaChaPolyAndBlake2bCompletesOnBothSides() {
		completeXx(XX);
	}

	@Test
	void xxWithAesGcmAndSha256CompletesOnBothSides() {
		NoiseProtocol protocol = NoiseProtocol.parse("Noise_XX_25519_AESGCM_SHA256");
		NoiseVectors.assumeAvailable(protocol);
		completeXx(protocol);
	}

	private static void completeXx(NoiseProtocol protocol) {
		BoxKeyPair initiatorStatic = BoxKeyPair.generate(RandomSource.secure());
		BoxKeyPair responderStatic = BoxKeyPair.generate(RandomSource.secure());
		HandshakeState initiator = HandshakeState.builder(protocol, NoiseRole.INITIATOR)
			.prologue(PROLOGUE)
			.localStaticKey(initiatorStatic)
			.build();
		HandshakeState responder = HandshakeState.builder(protocol, NoiseRole.RESPONDER)
			.prologue(PROLOGUE)
			.localStaticKey(responderStatic)
			.build();
		assertThat(initiator.isWriteTurn()).isTrue();
		assertThat(responder.isWriteTurn()).isFalse();
		assertThat(responder.readMessage(initiator.writeMessage(new byte[0]))).isEmpty();
		assertThat(responder.getRemoteStaticKey()).isEmpty();
		assertThat(initiator.readMessage(responder.writeMessage(PAYLOAD))).isEqualTo(PAYLOAD);
		assertThat(initiator.getRemoteStaticKey()).hasValueSatisfying((key) -> assertThat(key).isEqualTo(responderStatic.getPublicKey()));
		assertThat(responder.readMessage(initiator.writeMessage(PAYLOAD))).isEqualTo(PAYLOAD);
		assertThat(responder.getRemoteStaticKey()).hasValueSatisfying((key) -> assertThat(key).isEqualTo(initiatorStatic.getPublicKey()));
		assertThat(initiator.isComplete()).isTrue();
		assertThat(responder.isComplete()).isTrue();
		assertThat(initiator.getHandshakeHash()).hasSize(protocol.getHash().getHashLength())
			.isEqualTo(responder.getHandshakeHash());
		CipherStatePair client = initiator.split();
		CipherStatePair server = responder.split();
		assertThat(server.getReceiver().decrypt(client.getSender().encrypt(PAYLOAD))).isEqualTo(PAYLOAD);
		byte[] large = RandomSource.secure().bytes(200_000);
		byte[] sealed = server.getSender().encrypt(large);
		assertThat(sealed).hasSize(200_016);
		assertThat(client.getReceiver().decrypt(sealed)).isEqualTo(large);
		assertThat(client.getSender()).isSameAs(client.getInitiatorToResponder());
		assertThat(server.getSender()).isSameAs(server.getResponderToInitiator());
	}

	@Test
	void xkAndIkCompleteWithTheResponderKeyKnownInAdvance() {
		for (String name : new String[] { "Noise_XK_25519_ChaChaPoly_SHA256", "Noise_IK_25519_ChaChaPoly_BLAKE2b" }) {
			NoiseProtocol protocol = NoiseProtocol.parse(name);
			BoxKeyPair responderStatic = BoxKeyPair.generate(RandomSource.secure());
			HandshakeState initiator = HandshakeState.builder(protocol, NoiseRole.INITIATOR)
				.localStaticKey(BoxKeyPair.generate(RandomSource.secure()))
				.remoteStaticKey(responderStatic.getPublicKey())
				.build();
			HandshakeState responder = HandshakeState.builder(protocol, NoiseRole.RESPONDER)
				.localStaticKey(responderStatic)
				.build();
			while (!initiator.isComplete()) {
				HandshakeState writer = initiator.isWriteTurn() ? initiator : responder;
				HandshakeState reader = (writer == initiator) ? responder : initiator;
				assertThat(reader.readMessage(writer.writeMessage(PAYLOAD))).as(name).isEqualTo(PAYLOAD);
			}
			assertThat(responder.isComplete()).isTrue();
			assertThat(initiator.getHandshakeHash()).isEqualTo(responder.getHandshakeHash());
		}
	}

	@Test
	void aDifferentPrologueFailsTheFirstEncryptedMessage() {
		HandshakeState initiator = initiator();
		HandshakeState responder = HandshakeState.builder(XX, NoiseRole.RESPONDER)
			.prologue(hex("5357530301010201"))
			.localStaticKey(BoxKeyPair.fromSecretKey(RESPONDER_STATIC))
			.build();
		responder.readMessage(initiator.writeMessage(new byte[0]));
		assertFails(() -> initiator.readMessage(responder.writeMessage(PAYLOAD)), NoiseFailure.DECRYPT_FAILED);
	}

	@Test
	void truncatedMessagesAreMalformedOrFailToAuthenticate() {
		byte[] message1 = initiator().writeMessage(new byte[0]);
		for (int length = 0; length < 32; length++) {
			byte[] truncated = Arrays.copyOf(message1, length);
			assertFails(() -> responder().readMessage(truncated), NoiseFailure.MALFORMED);
		}
		byte[] message2 = message2();
		assertThat(message2).hasSize(32 + 48 + PAYLOAD.length + 16);
		for (int length = 0; length < message2.length; length++) {
			byte[] truncated = Arrays.copyOf(message2, length);
			NoiseFailure expected = (length < 32 + 48 + 16) ? NoiseFailure.MALFORMED : NoiseFailure.DECRYPT_FAILED;
			assertFails(() -> initiatorAfterMessage1().readMessage(truncated), expected);
		}
		byte[] message3 = message3();
		assertThat(message3).hasSize(48 + PAYLOAD.length + 16);
		for (int length = 0; length < message3.length; length++) {
			byte[] truncated = Arrays.copyOf(message3, length);
			NoiseFailure expected = (length < 48 + 16) ? NoiseFailure.MALFORMED : NoiseFailure.DECRYPT_FAILED;
			assertFails(() -> responderAfterMessage2().readMessage(truncated), expected);
		}
	}

	@Test
	void extendedMessagesFailToAuthenticate() {
		assertFails(() -> initiatorAfterMessage1().readMessage(Arrays.copyOf(message2(), message2().length + 1)),
				NoiseFailure.DECRYPT_FAILED);
		assertFails(() -> responderAfterMessage2().readMessage(Arrays.copyOf(message3(), message3().length + 1)),
				NoiseFailure.DECRYPT_FAILED);
		// Message 1's payload is in clear, so a byte more is a payload byte more; the transcript
		// differs, so message 2 then fails at the initiator.
		HandshakeState initiator = initiator();
		HandshakeState responder = responder();
		byte[] message1 = initiator.writeMessage(new byte[0]);
		assertThat(responder.readMessage(Arrays.copyOf(message1, 33))).containsExactly(0);
		assertFails(() -> initiator.readMessage(responder.writeMessage(PAYLOAD)), NoiseFailure.DECRYPT_FAILED);
	}

	@Test
	void messagesOverNoisesLimitAreRefused() {
		HandshakeState initiator = initiator();
		assertFails(() -> initiator.writeMessage(new byte[65535 - 31]), NoiseFailure.MALFORMED);
		assertThat(initiator.isFailed()).as("a payload too large changes nothing").isFalse();
		assertThat(initiator.writeMessage(new byte[65535 - 32])).hasSize(65535);
		HandshakeState responder = responder();
		assertFails(() -> responder.readMessage(new byte[65536]), NoiseFailure.MALFORMED);
		assertThat(responder.isFailed()).isTrue();
	}

	@Test
	void everyFlippedBitFailsTheHandshake() {
		byte[] message1 = initiator().writeMessage(new byte[0]);
		for (int bit = 0; bit < message1.length * 8; bit++) {
			// the ephemeral key of message 1 is not authenticated yet: the responder answers, and
			// the initiator's view of the transcript and of ee differs
			HandshakeState initiator = initiator();
			initiator.writeMessage(new byte[0]);
			HandshakeState responder = responder();
			responder.readMessage(flip(message1, bit));
			byte[] message2 = responder.writeMessage(PAYLOAD);
			assertFails(() -> initiator.readMessage(message2), NoiseFailure.DECRYPT_FAILED, "message 1 bit " + bit);
		}
		byte[] message2 = message2();
		for (int bit = 0; bit < message2.length * 8; bit++) {
			// bytes 0-31: e; 32-79: encrypted s; then the encrypted payload and its tag
			byte[] flipped = flip(message2, bit);
			assertFails(() -> initiatorAfterMessage1().readMessage(flipped), NoiseFailure.DECRYPT_FAILED,
					"message 2 bit " + bit);
		}
		byte[] message3 = message3();
		for (int bit = 0; bit < message3.length * 8; bit++) {
			// bytes 0-47: encrypted s; then the encrypted payload and its tag
			byte[] flipped = flip(message3, bit);
			assertFails(() -> responderAfterMessage2().readMessage(flipped), NoiseFailure.DECRYPT_FAILED,
					"message 3 bit " + bit);
		}
	}

	@Test
	void lowOrderEphemeralKeysAreRefusedOnArrival() {
		Map<String, byte[]> weakKeys = WeakKeys.lowOrderPoints();
		assertThat(weakKeys).hasSize(9);
		byte[] message2 = message2();
		weakKeys.forEach((name, weak) -> {
			assertFails(() -> responder().readMessage(weak), NoiseFailure.WEAK_KEY, "message 1 e = " + name);
			byte[] forged = message2.clone();
			System.arraycopy(weak, 0, forged, 0, 32);
			assertFails(() -> initiatorAfterMessage1().readMessage(forged), NoiseFailure.WEAK_KEY,
					"message 2 e = " + name);
		});
	}

	@Test
	void lowOrderStaticKeysAreRefusedOnceDecrypted() {
		WeakKeys.lowOrderPoints().forEach((name, weak) -> {
			// a responder that knows every key of message 2 but sends a low-order static key
			HandshakeState initiator = initiator();
			byte[] message1 = initiator.writeMessage(new byte[0]);
			SymmetricState forger = transcriptAfterMessage1(message1);
			BoxKeyPair ephemeral = BoxKeyPair.fromSecretKey(RESPONDER_EPHEMERAL);
			forger.mixHash(ephemeral.getPublicKey());
			forger.mixKey(X25519.dh(ephemeral, Arrays.copyOf(message1, 32)));
			byte[] forged = concat(ephemeral.getPublicKey(), forger.encryptAndHash(weak), new byte[16]);
			assertFails(() -> initiator.readMessage(forged), NoiseFailure.WEAK_KEY, "message 2 s = " + name);

			// an initiator that completes message 2 honestly, then sends a low-order static key
			HandshakeState responder = responder();
			BoxKeyPair initiatorEphemeral = BoxKeyPair.fromSecretKey(INITIATOR_EPHEMERAL);
			byte[] ourMessage1 = initiatorEphemeral.getPublicKey();
			responder.readMessage(ourMessage1);
			byte[] message2 = responder.writeMessage(PAYLOAD);
			SymmetricState client = transcriptAfterMessage1(ourMessage1);
			client.mixHash(Arrays.copyOf(message2, 32));
			client.mixKey(X25519.dh(initiatorEphemeral, Arrays.copyOf(message2, 32)));
			byte[] responderStatic = client.decryptAndHash(Arrays.copyOfRange(message2, 32, 80));
			client.mixKey(X25519.dh(initiatorEphemeral, responderStatic));
			client.decryptAndHash(Arrays.copyOfRange(message2, 80, message2.length));
			byte[] forged3 = concat(client.encryptAndHash(weak), new byte[16]);
			assertFails(() -> responder.readMessage(forged3), NoiseFailure.WEAK_KEY, "message 3 s = " + name);
		});
	}

	@Test
	void aLowOrderKeyKnownInAdvanceIsRefusedAtTheStart() {
		NoiseProtocol xk = NoiseProtocol.parse("Noise_XK_25519_ChaChaPoly_SHA256");
		WeakKeys.lowOrderPoints()
			.forEach((name, weak) -> assertFails(() -> HandshakeState.builder(xk, NoiseRole.INITIATOR)
				.localStaticKey(BoxKeyPair.fromSecretKey(INITIATOR_STATIC))
				.remoteStaticKey(weak)
				.build(), NoiseFailure.WEAK_KEY, name));
	}

	@Test
	void messagesOutOfTurnAreRefusedWithoutHarm() {
		HandshakeState initiator = initiator();
		HandshakeState responder = responder();
		assertFails(() -> initiator.readMessage(new byte[32]), NoiseFailure.WRONG_STATE);
		assertThatExceptionOfType(NoiseException.class).isThrownBy(() -> responder.writeMessage(PAYLOAD))
			.withMessage("[WRONG_STATE] Message 1 of XX is the initiator's to write, not the responder's");
		assertThat(initiator.isFailed()).isFalse();
		assertThat(responder.isFailed()).isFalse();
		responder.readMessage(initiator.writeMessage(new byte[0]));
		assertFails(() -> initiator.writeMessage(PAYLOAD), NoiseFailure.WRONG_STATE);
		assertFails(() -> responder.readMessage(new byte[32]), NoiseFailure.WRONG_STATE);
		assertFails(initiator::split, NoiseFailure.WRONG_STATE);
		assertFails(initiator::getHandshakeHash, NoiseFailure.WRONG_STATE);
		initiator.readMessage(responder.writeMessage(PAYLOAD));
		responder.readMessage(initiator.writeMessage(PAYLOAD));
		assertThat(initiator.isWriteTurn()).isFalse();
		assertThat(responder.isWriteTurn()).isFalse();
		assertThatExceptionOfType(NoiseException.class).isThrownBy(() -> initiator.writeMessage(PAYLOAD))
			.withMessage("[WRONG_STATE] The handshake is complete; use split()");
		assertFails(() -> responder.readMessage(new byte[64]), NoiseFailure.WRONG_STATE);
		initiator.split();
		assertThatExceptionOfType(NoiseException.class).isThrownBy(initiator::split)
			.withMessage("[WRONG_STATE] split() was already called");
	}

	@Test
	void aFailedHandshakeRefusesEverythingAfterwards() {
		HandshakeState initiator = initiatorAfterMessage1();
		assertFails(() -> initiator.readMessage(flip(message2(), 700)), NoiseFailure.DECRYPT_FAILED);
		assertThat(initiator.isFailed()).isTrue();
		assertThat(initiator.isComplete()).isFalse();
		assertThatExceptionOfType(NoiseException.class).isThrownBy(() -> initiator.readMessage(message2()))
			.withMessage("[WRONG_STATE] The handshake failed; start a new one")
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(NoiseFailure.WRONG_STATE));
		assertFails(initiator::split, NoiseFailure.WRONG_STATE);
	}

	@Test
	void theEphemeralSecretIsDestroyedWhenTheHandshakeEnds() {
		BoxKeyPair ephemeral = BoxKeyPair.fromSecretKey(INITIATOR_EPHEMERAL);
		HandshakeState initiator = initiator(ephemeral);
		HandshakeState responder = responder();
		responder.readMessage(initiator.writeMessage(new byte[0]));
		initiator.readMessage(responder.writeMessage(PAYLOAD));
		assertThat(ephemeral.exportSecretKey()).as("still needed for se").isEqualTo(INITIATOR_EPHEMERAL);
		responder.readMessage(initiator.writeMessage(PAYLOAD));
		assertThatIllegalStateException().isThrownBy(ephemeral::exportSecretKey);

		BoxKeyPair failing = BoxKeyPair.fromSecretKey(INITIATOR_EPHEMERAL);
		HandshakeState aborted = initiator(failing);
		aborted.writeMessage(new byte[0]);
		assertFails(() -> aborted.readMessage(new byte[10]), NoiseFailure.MALFORMED);
		assertThatIllegalStateException().isThrownBy(failing::exportSecretKey);
	}

	@Test
	void theBuilderRefusesKeysThePatternDoesNotFit() {
		assertThatIllegalArgumentException().isThrownBy(() -> HandshakeState.builder(XX, NoiseRole.INITIATOR).build())
			.withMessage("Noise_XX_25519_ChaChaPoly_BLAKE2b needs a local static key pair for the initiator");
		NoiseProtocol nn = NoiseProtocol.parse("Noise_NN_25519_ChaChaPoly_SHA256");
		assertThatIllegalArgumentException().isThrownBy(() -> HandshakeState.builder(nn, NoiseRole.RESPONDER)
			.localStaticKey(BoxKeyPair.fromSecretKey(RESPONDER_STATIC))
			.build())
			.withMessage("Noise_NN_25519_ChaChaPoly_SHA256 does not use a local static key pair for the responder");
		NoiseProtocol xk = NoiseProtocol.parse("Noise_XK_25519_ChaChaPoly_SHA256");
		assertThatIllegalArgumentException().isThrownBy(() -> HandshakeState.builder(xk, NoiseRole.INITIATOR)
			.localStaticKey(BoxKeyPair.fromSecretKey(INITIATOR_STATIC))
			.build())
			.withMessage("Noise_XK_25519_ChaChaPoly_SHA256 needs the remote static key in advance for the initiator");
		assertThatIllegalArgumentException().isThrownBy(() -> HandshakeState.builder(XX, NoiseRole.INITIATOR)
			.localStaticKey(BoxKeyPair.fromSecretKey(INITIATOR_STATIC))
			.remoteStaticKey(BoxKeyPair.fromSecretKey(RESPONDER_STATIC).getPublicKey())
			.build())
			.withMessage("Noise_XX_25519_ChaChaPoly_BLAKE2b does not take the remote static key in advance for the initiator");
	}

	@Test
	void toStringShowsProgressButNoKeys() {
		HandshakeState initiator = initiatorAfterMessage1();
		String text = initiator.toString();
		assertThat(initiator).hasToString(
				"HandshakeState[Noise_XX_25519_ChaChaPoly_BLAKE2b, initiator, message 2 of 3, keys hidden]");
		HexFormat hex = HexFormat.of();
		for (byte[] secret : new byte[][] { INITIATOR_STATIC, INITIATOR_EPHEMERAL }) {
			assertThat(text).doesNotContain(hex.formatHex(secret).substring(0, 8));
		}
	}

	// fixtures: a deterministic XX handshake between fixed keys

	private static HandshakeState initiator() {
		return initiator(BoxKeyPair.fromSecretKey(INITIATOR_EPHEMERAL));
	}

	private static HandshakeState initiator(BoxKeyPair ephemeral) {
		return side(NoiseRole.INITIATOR, INITIATOR_STATIC, ephemeral);
	}

	private static HandshakeState responder() {
		return side(NoiseRole.RESPONDER, RESPONDER_STATIC, BoxKeyPair.fromSecretKey(RESPONDER_EPHEMERAL));
	}

	private static HandshakeState side(NoiseRole role, byte[] staticSecret, BoxKeyPair ephemeral) {
		return HandshakeState.builder(XX, role)
			.prologue(PROLOGUE)
			.localStaticKey(BoxKeyPair.fromSecretKey(staticSecret))
			.localEphemeralKey(ephemeral)
			.build();
	}

	private static HandshakeState initiatorAfterMessage1() {
		HandshakeState initiator = initiator();
		initiator.writeMessage(new byte[0]);
		return initiator;
	}

	private static HandshakeState responderAfterMessage2() {
		HandshakeState responder = responder();
		responder.readMessage(initiator().writeMessage(new byte[0]));
		responder.writeMessage(PAYLOAD);
		return responder;
	}

	private static byte[] message2() {
		HandshakeState responder = responder();
		responder.readMessage(initiator().writeMessage(new byte[0]));
		return responder.writeMessage(PAYLOAD);
	}

	private static byte[] message3() {
		HandshakeState initiator = initiatorAfterMessage1();
		initiator.readMessage(message2());
		return initiator.writeMessage(PAYLOAD);
	}

	/** The responder's transcript after reading message 1 (the ephemeral key and an empty payload). */
	private static SymmetricState transcriptAfterMessage1(byte[] message1) {
		SymmetricState state = new SymmetricState(XX);
		state.mixHash(PROLOGUE);
		state.mixHash(Arrays.copyOf(message1, 32));
		state.decryptAndHash(new byte[0]);
		return state;
	}

	private static byte[] flip(byte[] message, int bit) {
		byte[] flipped = message.clone();
		flipped[bit / 8] ^= (byte) (1 << (bit % 8));
		return flipped;
	}

	private static byte[] concat(byte[]... parts) {
		byte[] joined = new byte[0];
		for (byte[] part : parts) {
			int offset = joined.length;
			joined = Arrays.copyOf(joined, offset + part.length);
			System.arraycopy(part, 0, joined, offset, part.length);
		}
		return joined;
	}

	static void assertFails(ThrowingCallable call, NoiseFailure reason) {
		assertFails(call, reason, reason.name());
	}

	static void assertFails(ThrowingCallable call, NoiseFailure reason, String what) {
		assertThatExceptionOfType(NoiseException.class).as(what)
			.isThrownBy(call)
			.satisfies((ex) -> assertThat(ex.getReason()).as(what).isEqualTo(reason));
	}

}
