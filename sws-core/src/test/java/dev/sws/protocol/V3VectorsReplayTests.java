package dev.sws.protocol;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.sws.testsupport.ScriptedRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The production state machines and channels reproduce the v3 vectors
 * ({@code protocol/v3-vectors.json}) byte for byte, each side against the recorded messages of
 * the other: the server answers the recorded message 1 with the recorded message 2 and the
 * recorded message 3 with the recorded ready message; the client opens with the recorded message 1
 * and answers message 2 with the recorded message 3; both channels then seal the recorded frames
 * and open the peer's, rekeying where the transcript does.
 */
class V3VectorsReplayTests {

	@ParameterizedTest
	@ValueSource(strings = { "mutual-certificates", "pinned-key-aesgcm" })
	void theServerReproducesTheTranscript(String name) {
		V3Vectors.Transcript transcript = V3Vectors.transcript(name);
		assumeSuiteAvailable(transcript);
		ScriptedRandom random = new ScriptedRandom(List.of(transcript.serverEphemeralSecret()));
		ServerHandshake server = new ServerHandshake(transcript.server(random).build());

		HandshakeStep reply = server.receive(transcript.message(1));
		assertThat(reply).isEqualTo(new HandshakeStep.Reply(new HandshakeFrame.Binary(transcript.message(2))));
		assertThat(server.getVersion()).contains(ProtocolVersion.V3);
		HandshakeStep done = server.receive(transcript.message(3));
		assertThat(done).isInstanceOf(HandshakeStep.Established.class);
		HandshakeStep.Established established = (HandshakeStep.Established) done;
		List<V3Vectors.TransportMessage> transport = transcript.transport();
		assertThat(established.finalFrame()).as("the ready message")
			.contains(new HandshakeFrame.Binary(transport.get(0).frame()));
		assertThat(established.peer().getVersion()).isEqualTo(ProtocolVersion.V3);
		assertThat(established.peer().getPublicKey()).isEqualTo(transcript.clientStatic().getPublicKey());
		assertThat(established.peer().getCertificate()).isEqualTo(Optional.ofNullable(transcript.clientCert()));
		assertThat(random.remaining()).isZero();

		replay(established.channel(), transport.subList(1, transport.size()), false);
	}

	@ParameterizedTest
	@ValueSource(strings = { "mutual-certificates", "pinned-key-aesgcm" })
	void theClientReproducesTheTranscript(String name) {
		V3Vectors.Transcript transcript = V3Vectors.transcript(name);
		assumeSuiteAvailable(transcript);
		ScriptedRandom random = new ScriptedRandom(List.of(transcript.clientEphemeralSecret()));
		ClientHandshake client = new ClientHandshake(transcript.client(random).build(), transcript.host());

		assertThat(client.start()).isEqualTo(new HandshakeFrame.Binary(transcript.message(1)));
		HandshakeStep reply = client.receive(transcript.message(2));
		assertThat(reply).isEqualTo(new HandshakeStep.Reply(new HandshakeFrame.Binary(transcript.message(3))));
		assertThat(client.isFinished()).as("established only once ready arrived").isFalse();
		List<V3Vectors.TransportMessage> transport = transcript.transport();
		HandshakeStep done = client.receive(transport.get(0).frame());
		assertThat(done).isInstanceOf(HandshakeStep.Established.class);
		HandshakeStep.Established established = (HandshakeStep.Established) done;
		assertThat(established.finalFrame()).isEmpty();
		assertThat(established.peer().getPublicKey()).isEqualTo(transcript.serverStatic().getPublicKey());
		assertThat(established.peer().getCertificate()).isEqualTo(Optional.ofNullable(transcript.serverCert()));
		assertThat(client.isClientCertificateRequired()).isEqualTo(transcript.serverRequiresClientCert());
		assertThat(random.remaining()).isZero();

		replay(established.channel(), transport.subList(1, transport.size()), true);
	}

	/** Seals this side's recorded plaintexts into the recorded frames and opens the peer's. */
	private static void replay(SecureChannel channel, List<V3Vectors.TransportMessage> messages, boolean client) {
		assertThat(messages).hasSize(6);
		for (V3Vectors.TransportMessage message : messages) {
			if (message.fromClient() == client) {
				assertThat(channel.getNextTransmitCounter()).isEqualTo(message.n());
				assertThat(channel.seal(message.plaintext())).as("frame n=%d", message.n()).isEqualTo(message.frame());
			}
			else {
				assertThat(channel.getNextReceiveCounter()).isEqualTo(message.n());
				assertThat(channel.open(message.frame())).as("frame n=%d", message.n()).isEqualTo(message.plaintext());
			}
		}
	}

	private static void assumeSuiteAvailable(V3Vectors.Transcript transcript) {
		Assumptions.assumeTrue(transcript.chosen().isAvailable(),
				() -> transcript.chosen() + ": crypto_aead_aes256gcm_is_available() is false on this CPU");
	}

}
