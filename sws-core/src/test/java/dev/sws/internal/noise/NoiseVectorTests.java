package dev.sws.internal.noise;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;

import dev.sws.crypto.BoxKeyPair;

import static dev.sws.testsupport.Vectors.hex;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every cacophony vector, played once by our initiator and once by our responder, each against
 * the recorded messages of the other side: every ciphertext this side writes, every payload it
 * reads, and the handshake hash. Transport messages follow cacophony's convention, which the
 * recorded data confirms: messages keep alternating after the handshake, so message {@code i}
 * goes from the initiator to the responder when {@code i} is even.
 */
class NoiseVectorTests {

	@Test
	void theSubsetHasEveryPatternCipherAndHash() {
		assertThat(NoiseVectors.all()).hasSize(16);
		assertThat(NoiseVectors.all().stream().map(NoiseVectors::protocol).map(NoiseProtocol::getName).distinct())
			.hasSize(16);
	}

	@Test
	void remoteStaticKeysAreTheResponderPublicKeys() {
		for (JsonNode vector : NoiseVectors.all()) {
			if (vector.has("init_remote_static")) {
				assertThat(BoxKeyPair.fromSecretKey(hex(vector, "resp_static")).getPublicKey())
					.isEqualTo(hex(vector, "init_remote_static"));
			}
		}
	}

	@TestFactory
	Stream<DynamicTest> everyVectorAsInitiatorAndAsResponder() {
		return NoiseVectors.all()
			.stream()
			.flatMap((vector) -> Stream.of(NoiseRole.INITIATOR, NoiseRole.RESPONDER)
				.map((role) -> DynamicTest.dynamicTest(vector.get("protocol_name").asString() + " as " + role,
						() -> play(vector, role))));
	}

	private static void play(JsonNode vector, NoiseRole role) {
		NoiseProtocol protocol = NoiseVectors.protocol(vector);
		NoiseVectors.assumeAvailable(protocol);
		HandshakeState handshake = NoiseVectors.handshake(vector, role);
		CipherStatePair transport = null;
		List<String> checked = new ArrayList<>();
		int index = 0;
		for (JsonNode message : vector.get("messages")) {
			byte[] payload = hex(message, "payload");
			byte[] ciphertext = hex(message, "ciphertext");
			boolean ours = HandshakePattern.senderOf(index) == role;
			String what = "message " + index + (ours ? " written" : " read");
			if (transport == null) {
				assertThat(handshake.isWriteTurn()).as(what).isEqualTo(ours);
				if (ours) {
					assertThat(handshake.writeMessage(payload)).as(what).isEqualTo(ciphertext);
				}
				else {
					assertThat(handshake.readMessage(ciphertext)).as(what).isEqualTo(payload);
				}
				if (handshake.isComplete()) {
					assertThat(handshake.getHandshakeHash()).isEqualTo(hex(vector, "handshake_hash"));
					assertThat(index + 1).isEqualTo(protocol.getPattern().getMessageCount());
					transport = handshake.split();
				}
			}
			else if (ours) {
				assertThat(transport.getSender().encrypt(payload)).as(what).isEqualTo(ciphertext);
			}
			else {
				assertThat(transport.getReceiver().decrypt(ciphertext)).as(what).isEqualTo(payload);
			}
			checked.add(what);
			index++;
		}
		assertThat(transport).as("the handshake completed").isNotNull();
		assertThat(checked).hasSize(6);
		int transportMessages = 6 - protocol.getPattern().getMessageCount();
		assertThat(transport.getSender().getNonce() + transport.getReceiver().getNonce()).isEqualTo(transportMessages);
		assertThat(transport.getSender().getNonce()).isPositive();
		assertThat(transport.getReceiver().getNonce()).isPositive();
	}

}
