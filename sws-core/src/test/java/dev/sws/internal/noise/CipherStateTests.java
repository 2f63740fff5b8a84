package dev.sws.internal.noise;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import dev.sws.crypto.BoxKeyPair;
import dev.sws.crypto.RandomSource;
import dev.sws.internal.crypto.Aes256Gcm;
import dev.sws.internal.crypto.ChaCha20Poly1305;

import static dev.sws.internal.noise.HandshakeStateTests.assertFails;
import static dev.sws.testsupport.Vectors.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Transport cipher states: the two nonce encodings, the reserved last nonce, rekeying on one and
 * on both sides, failures that leave the counter alone, and destroyed states.
 */
class CipherStateTests {

	private static final byte[] EMPTY = new byte[0];

	private static final byte[] MESSAGE = "a transport message".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] KEY = hex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");

	@Test
	void chaChaPolyNonceIsFourZeroBytesThenTheCounterLittleEndian() {
		CipherState state = keyed(NoiseCipher.CHACHAPOLY);
		state.setNonce(0x0102030405060708L);
		assertThat(state.encrypt(MESSAGE))
			.isEqualTo(ChaCha20Poly1305.encrypt(KEY, hex("000000000807060504030201"), EMPTY, MESSAGE));
		assertThat(state.getNonce()).isEqualTo(0x0102030405060709L);
	}

	@Test
	void aesGcmNonceIsFourZeroBytesThenTheCounterBigEndian() {
		NoiseVectors.assumeAvailable(NoiseProtocol.parse("Noise_XX_25519_AESGCM_SHA256"));
		CipherState state = keyed(NoiseCipher.AESGCM);
		state.setNonce(0x0102030405060708L);
		assertThat(state.encrypt(MESSAGE)).isEqualTo(Aes256Gcm.encrypt(KEY, hex("000000000102030405060708"), EMPTY, MESSAGE));
	}

	@Test
	void chaChaPolyRekeyIsTheFirst32BytesOfEncryptingZerosAtTheLastNonce() {
		assertRekeyIsNoiseDefault(NoiseCipher.CHACHAPOLY);
	}

	@Test
	void aesGcmRekeyIsTheFirst32BytesOfEncryptingZerosAtTheLastNonce() {
		NoiseVectors.assumeAvailable(NoiseProtocol.parse("Noise_XX_25519_AESGCM_SHA256"));
		assertRekeyIsNoiseDefault(NoiseCipher.AESGCM);
	}

	private static void assertRekeyIsNoiseDefault(NoiseCipher cipher) {
		byte[] maxNonce = hex("00000000ffffffffffffffff");
		byte[] newKey = Arrays.copyOf(cipher.newAead().encrypt(KEY, maxNonce, EMPTY, new byte[32]), 32);
		CipherState state = keyed(cipher);
		state.setNonce(5);
		state.rekey();
		assertThat(state.getNonce()).as("rekey keeps n").isEqualTo(5);
		byte[] nonce5 = new byte[12];
		cipher.writeNonce(5, nonce5);
		assertThat(state.encrypt(MESSAGE)).isEqualTo(cipher.newAead().encrypt(newKey, nonce5, EMPTY, MESSAGE));
	}

	@Test
	void theLastNonceIsNeverUsedAndTheCounterNeverWraps() {
		CipherStatePair[] pairs = handshake();
		CipherState sender = pairs[0].getSender();
		CipherState receiver = pairs[1].getReceiver();
		sender.setNonce(-2L);
		receiver.setNonce(-2L);
		assertThat(receiver.decrypt(sender.encrypt(MESSAGE))).isEqualTo(MESSAGE);
		assertThat(Long.toUnsignedString(sender.getNonce())).isEqualTo("18446744073709551615");
		assertThatExceptionOfType(NoiseException.class).isThrownBy(() -> sender.encrypt(MESSAGE))
			.withMessage("[COUNTER_EXHAUSTED] The nonce reached 2^64-1, which Noise reserves: no more messages with this key")
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(NoiseFailure.COUNTER_EXHAUSTED));
		assertFails(() -> sender.encryptWithAd(MESSAGE, MESSAGE), NoiseFailure.COUNTER_EXHAUSTED);
		assertFails(() -> receiver.decrypt(new byte[16]), NoiseFailure.COUNTER_EXHAUSTED);
		assertThat(sender.getNonce()).isEqualTo(-1L);
		assertThat(receiver.getNonce()).isEqualTo(-1L);
		// rekeying still works at the end: it uses the reserved nonce itself, not n
		sender.rekey();
		assertFails(() -> sender.encrypt(MESSAGE), NoiseFailure.COUNTER_EXHAUSTED);
	}

	@Test
	void afterBothSidesRekeyMessagesStillDecrypt() {
		CipherStatePair[] pairs = handshake();
		CipherState sender = pairs[0].getSender();
		CipherState receiver = pairs[1].getReceiver();
		assertThat(receiver.decrypt(sender.encrypt(MESSAGE))).isEqualTo(MESSAGE);
		sender.rekey();
		receiver.rekey();
		assertThat(receiver.decrypt(sender.encrypt(MESSAGE))).isEqualTo(MESSAGE);
		assertThat(sender.getNonce()).as("n is not reset").isEqualTo(2);
		// the other direction keeps its key
		assertThat(pairs[0].getReceiver().decrypt(pairs[1].getSender().encrypt(MESSAGE))).isEqualTo(MESSAGE);
	}

	@Test
	void aSideThatDidNotRekeyFailsUntilItDoes() {
		CipherStatePair[] pairs = handshake();
		CipherState sender = pairs[0].getSender();
		CipherState receiver = pairs[1].getReceiver();
		sender.rekey();
		byte[] sealed = sender.encrypt(MESSAGE);
		assertFails(() -> receiver.decrypt(sealed), NoiseFailure.DECRYPT_FAILED);
		assertThat(receiver.getNonce()).as("a failure leaves n").isZero();
		receiver.rekey();
		assertThat(receiver.decrypt(sealed)).isEqualTo(MESSAGE);
		// and the other way round: a receiver that rekeys alone fails too
		receiver.rekey();
		assertFails(() -> receiver.decrypt(sender.encrypt(MESSAGE)), NoiseFailure.DECRYPT_FAILED);
	}

	@Test
	void tamperedShortAndReplayedMessagesFail() {
		CipherStatePair[] pairs = handshake();
		CipherState sender = pairs[0].getSender();
		CipherState receiver = pairs[1].getReceiver();
		byte[] first = sender.encrypt(MESSAGE);
		byte[] tampered = first.clone();
		tampered[3] ^= 1;
		assertFails(() -> receiver.decrypt(tampered), NoiseFailure.DECRYPT_FAILED);
		assertFails(() -> receiver.decrypt(new byte[15]), NoiseFailure.MALFORMED);
		assertThat(receiver.getNonce()).isZero();
		assertThat(receiver.decrypt(first)).isEqualTo(MESSAGE);
		assertFails(() -> receiver.decrypt(first), NoiseFailure.DECRYPT_FAILED);
		assertThat(receiver.decrypt(sender.encrypt(EMPTY))).isEmpty();
	}

	@Test
	void messagesLargerThanNoisesHandshakeLimitTravel() {
		CipherStatePair[] pairs = handshake();
		byte[] large = RandomSource.secure().bytes(1 << 20);
		byte[] sealed = pairs[1].getSender().encrypt(large);
		assertThat(sealed).hasSize((1 << 20) + 16);
		assertThat(pairs[0].getReceiver().decrypt(sealed)).isEqualTo(large);
	}

	@Test
	void withoutAKeyNoiseSemanticsPassPlaintextButTransportCallsRefuse() {
		CipherState state = new CipherState(NoiseCipher.CHACHAPOLY);
		assertThat(state.hasKey()).isFalse();
		byte[] passed = state.encryptWithAd(EMPTY, MESSAGE);
		assertThat(passed).isEqualTo(MESSAGE).isNotSameAs(MESSAGE);
		assertThat(state.decryptWithAd(EMPTY, MESSAGE)).isEqualTo(MESSAGE);
		assertFails(() -> state.encrypt(MESSAGE), NoiseFailure.WRONG_STATE);
		assertFails(() -> state.decrypt(MESSAGE), NoiseFailure.WRONG_STATE);
		assertFails(state::rekey, NoiseFailure.WRONG_STATE);
	}

	@Test
	void aDestroyedStateRefusesEverythingRatherThanPassingPlaintext() {
		CipherStatePair[] pairs = handshake();
		pairs[0].destroy();
		CipherState sender = pairs[0].getSender();
		assertThat(sender.hasKey()).isFalse();
		assertFails(() -> sender.encrypt(MESSAGE), NoiseFailure.WRONG_STATE);
		assertFails(() -> sender.encryptWithAd(EMPTY, MESSAGE), NoiseFailure.WRONG_STATE);
		assertFails(() -> pairs[0].getReceiver().decryptWithAd(EMPTY, MESSAGE), NoiseFailure.WRONG_STATE);
		assertFails(sender::rekey, NoiseFailure.WRONG_STATE);
		assertThat(sender).hasToString("CipherState[ChaChaPoly, destroyed]");
	}

	@Test
	void toStringHidesTheKey() {
		CipherState state = keyed(NoiseCipher.CHACHAPOLY);
		assertThat(state).hasToString("CipherState[ChaChaPoly, key hidden, n=0]");
		assertThat(handshake()[0]).hasToString("CipherStatePair[initiator, keys hidden]");
	}

	private static CipherState keyed(NoiseCipher cipher) {
		CipherState state = new CipherState(cipher);
		state.initializeKey(KEY);
		return state;
	}

	/** Runs an XX handshake between fresh keys: the initiator's and the responder's cipher states. */
	static CipherStatePair[] handshake() {
		NoiseProtocol protocol = NoiseProtocol.parse("Noise_XX_25519_ChaChaPoly_BLAKE2b");
		HandshakeState initiator = HandshakeState.builder(protocol, NoiseRole.INITIATOR)
			.localStaticKey(BoxKeyPair.generate(RandomSource.secure()))
			.build();
		HandshakeState responder = HandshakeState.builder(protocol, NoiseRole.RESPONDER)
			.localStaticKey(BoxKeyPair.generate(RandomSource.secure()))
			.build();
		responder.readMessage(initiator.writeMessage(EMPTY));
		initiator.readMessage(responder.writeMessage(EMPTY));
		responder.readMessage(initiator.writeMessage(EMPTY));
		return new CipherStatePair[] { initiator.split(), responder.split() };
	}

}
