package dev.sws.protocol;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the v3 state machines with any binary frame where a handshake message is due: each
 * answers with a reply or a typed failure of the specification's table, never another exception,
 * and never establishes a session on bytes that are not the peer's honest message. An honest
 * message altered in any way (a byte changed, cut or extended) never gets past the step it
 * should pass. Regression inputs:
 * {@code src/test/resources/dev/sws/protocol/V3HandshakeFuzzTestsInputs}.
 */
class V3HandshakeFuzzTests {

	private static final ServerHandshakeSettings SERVER = V3Fixture.server()
		.versions(EnumSet.allOf(ProtocolVersion.class))
		.build();

	private static final ClientHandshakeSettings CLIENT = V3Fixture.pinnedClient().build();

	@FuzzTest(maxDuration = "5m")
	void serverFirstMessage(byte[] frame) {
		HandshakeStep step = new ServerHandshake(SERVER).receive(frame);
		if (!(step instanceof HandshakeStep.Reply)) {
			requireFailure(step, FailureReason.MALFORMED_MESSAGE, FailureReason.UNEXPECTED_MESSAGE,
					FailureReason.UNSUPPORTED_VERSION, FailureReason.WEAK_KEY);
		}
	}

	@FuzzTest(maxDuration = "5m")
	void serverMessage3(byte[] frame) {
		ServerHandshake server = new ServerHandshake(SERVER);
		server.receive(new ClientHandshake(CLIENT, V3Fixture.HOST).start());
		requireFailure(server.receive(frame), FailureReason.MALFORMED_MESSAGE, FailureReason.UNEXPECTED_MESSAGE,
				FailureReason.HANDSHAKE_DECRYPT_FAILED);
	}

	@FuzzTest(maxDuration = "5m")
	void clientMessage2(byte[] frame) {
		ClientHandshake client = new ClientHandshake(CLIENT, V3Fixture.HOST);
		client.start();
		requireFailure(client.receive(frame), FailureReason.MALFORMED_MESSAGE, FailureReason.UNEXPECTED_MESSAGE,
				FailureReason.UNSUPPORTED_VERSION, FailureReason.HANDSHAKE_DECRYPT_FAILED, FailureReason.WEAK_KEY);
	}

	@FuzzTest(maxDuration = "5m")
	void clientReady(byte[] frame) {
		ClientHandshake client = new ClientHandshake(CLIENT, V3Fixture.HOST);
		ServerHandshake server = new ServerHandshake(SERVER);
		client.receive(V3Fixture.bytes(server.receive(client.start())));
		requireFailure(client.receive(frame), FailureReason.DECRYPT_FAILED);
	}

	@FuzzTest(maxDuration = "5m")
	void alteredHandshakeMessagesNeverPass(FuzzedDataProvider data) {
		int which = data.consumeInt(1, 3);
		int position = data.consumeInt();
		byte flip = data.consumeByte();
		int cut = data.consumeInt(-2, 2);
		ClientHandshake client = new ClientHandshake(CLIENT, V3Fixture.HOST);
		ServerHandshake server = new ServerHandshake(SERVER);
		byte[] message1 = V3Fixture.bytes(client.start());
		if (which == 1) {
			HandshakeStep answer = server.receive(alter(message1, position, flip, cut));
			if (answer instanceof HandshakeStep.Reply) {
				// the server cannot tell; the client's transcript differs, so message 2 fails there
				requireFailure(client.receive(V3Fixture.bytes(answer)), FailureReason.HANDSHAKE_DECRYPT_FAILED);
			}
			return;
		}
		byte[] message2 = V3Fixture.bytes(server.receive(message1));
		if (which == 2) {
			requireNotPassed(client.receive(alter(message2, position, flip, cut)));
			return;
		}
		byte[] message3 = V3Fixture.bytes(client.receive(message2));
		requireNotPassed(server.receive(alter(message3, position, flip, cut)));
	}

	/** Changes one byte and the length: at least one of both, so that the message is never the honest one. */
	private static byte[] alter(byte[] message, int position, byte flip, int cut) {
		byte[] altered = Arrays.copyOf(message, Math.max(0, message.length + cut));
		if (altered.length > 0 && (flip != 0 || cut == 0)) {
			altered[Math.floorMod(position, altered.length)] ^= (flip != 0) ? flip : 1;
		}
		return altered;
	}

	private static void requireNotPassed(HandshakeStep step) {
		if (!(step instanceof HandshakeStep.Failed)) {
			throw new AssertionError("An altered handshake message was accepted: " + step);
		}
	}

	private static void requireFailure(HandshakeStep step, FailureReason... allowed) {
		if (!(step instanceof HandshakeStep.Failed failed)) {
			throw new AssertionError("Expected a failure but got " + step);
		}
		if (!Set.of(allowed).contains(failed.failure().reason())) {
			throw new AssertionError("Unexpected reason " + failed.failure());
		}
	}

}
