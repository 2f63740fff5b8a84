package dev.sws.protocol;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import dev.sws.cert.CertRejection;
import dev.sws.cert.NaclCert;
import dev.sws.cert.PeerCertVerifier;
import dev.sws.crypto.BoxKeyPair;
import dev.sws.testsupport.ScriptedRandom;
import dev.sws.testsupport.Vectors;

import static dev.sws.testsupport.Vectors.hex;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reproduces the recorded transcripts of the original ({@code handshake_v1},
 * {@code handshake_v2_requireCert}) byte for byte, from both sides, given the recorded keys and
 * PRNG outputs, and decrypts and re-encrypts every recorded data frame in both directions.
 */
class HandshakeTranscriptTests {

	@ParameterizedTest
	@ValueSource(strings = { "handshake_v1", "handshake_v2_requireCert" })
	void serverReproducesTheTranscript(String section) {
		Transcript transcript = new Transcript(Vectors.section(section));
		RecordingVerifier verifier = new RecordingVerifier();
		ScriptedRandom random = Vectors.random(transcript.prng().subList(1, 3)); // Ns, Ks
		ServerHandshakeSettings.Builder builder = ServerHandshakeSettings.builder(transcript.serverKeys())
			.versions(EnumSet.of(transcript.version()))
			.random(random);
		if (transcript.version() == ProtocolVersion.V2) {
			builder.certificate(transcript.cert("server_cert")).requireClientCert(verifier);
		}
		ServerHandshake server = new ServerHandshake(builder.build());

		HandshakeStep reply = server.receive(transcript.text(0));
		assertThat(reply).isInstanceOf(HandshakeStep.Reply.class);
		assertThat(HandshakeFixture.text(reply)).isEqualTo(transcript.text(1));

		HandshakeStep done = server.receive(transcript.text(2));
		assertThat(done).isInstanceOf(HandshakeStep.Established.class);
		HandshakeStep.Established established = (HandshakeStep.Established) done;
		assertThat(established.finalFrame()).isEmpty();
		assertThat(established.peer().getPublicKey()).isEqualTo(transcript.clientKeys().getPublicKey());
		assertThat(established.peer().getVersion()).isEqualTo(transcript.version());
		assertThat(random.remaining()).isZero();

		SecureChannel channel = established.channel();
		List<byte[]> inbound = transcript.binary("C->S");
		List<byte[]> expectedPlain = transcript.plaintexts("C->S");
		assertThat(inbound).hasSize(3);
		for (int i = 0; i < inbound.size(); i++) {
			assertThat(channel.open(inbound.get(i))).as("C->S frame %d", i).isEqualTo(expectedPlain.get(i));
		}
		List<byte[]> expectedOut = transcript.binary("S->C");
		List<byte[]> plaintexts = transcript.plaintexts("S->C");
		for (int i = 0; i < expectedOut.size(); i++) {
			assertThat(channel.seal(plaintexts.get(i))).as("S->C frame %d", i).isEqualTo(expectedOut.get(i));
		}
		if (transcript.version() == ProtocolVersion.V2) {
			assertThat(established.peer().getCertificate()).contains(transcript.cert("client_cert"));
			assertThat(verifier.clientCalls).containsExactly(transcript.cert("client_cert"));
		}
		else {
			assertThat(established.peer().getCertificate()).isEmpty();
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "handshake_v1", "handshake_v2_requireCert" })
	void clientReproducesTheTranscript(String section) {
		Transcript transcript = new Transcript(Vectors.section(section));
		RecordingVerifier verifier = new RecordingVerifier();
		List<String> prng = transcript.prng();
		ScriptedRandom random = Vectors.random(List.of(prng.get(0), prng.get(3), prng.get(4))); // Nc1, Nc2, Kc
		ClientHandshakeSettings.Builder builder = ClientHandshakeSettings
			.builder(transcript.clientKeys(), transcript.version())
			.pinnedServerKeys(List.of(transcript.serverKeys().getPublicKey()))
			.random(random);
		if (transcript.version() == ProtocolVersion.V2) {
			builder.serverCertVerifier(verifier).certificate(transcript.cert("client_cert"));
		}
		ClientHandshake client = new ClientHandshake(builder.build(), "127.0.0.1");

		assertThat(client.start()).isEqualTo(new HandshakeFrame.Text(transcript.text(0)));
		HandshakeStep done = client.receive(transcript.text(1));
		assertThat(done).isInstanceOf(HandshakeStep.Established.class);
		HandshakeStep.Established established = (HandshakeStep.Established) done;
		assertThat(established.finalFrame()).contains(new HandshakeFrame.Text(transcript.text(2)));
		assertThat(established.peer().getPublicKey()).isEqualTo(transcript.serverKeys().getPublicKey());
		assertThat(random.remaining()).isZero();

		SecureChannel channel = established.channel();
		List<byte[]> expectedOut = transcript.binary("C->S");
		List<byte[]> plaintexts = transcript.plaintexts("C->S");
		for (int i = 0; i < expectedOut.size(); i++) {
			assertThat(channel.seal(plaintexts.get(i))).as("C->S frame %d", i).isEqualTo(expectedOut.get(i));
		}
		List<byte[]> inbound = transcript.binary("S->C");
		List<byte[]> expectedPlain = transcript.plaintexts("S->C");
		assertThat(inbound).hasSize(3);
		for (int i = 0; i < inbound.size(); i++) {
			assertThat(channel.open(inbound.get(i))).as("S->C frame %d", i).isEqualTo(expectedPlain.get(i));
		}
		if (transcript.version() == ProtocolVersion.V2) {
			assertThat(established.peer().getCertificate()).contains(transcript.cert("server_cert"));
			assertThat(verifier.serverCalls).containsExactly("127.0.0.1");
		}
	}

	/** Accepts every certificate and records the calls. */
	static final class RecordingVerifier implements PeerCertVerifier {

		final List<String> serverCalls = new ArrayList<>();

		final List<NaclCert> clientCalls = new ArrayList<>();

		@Override
		public Optional<CertRejection> verifyServer(NaclCert cert, byte[] serverPublicKey, String host) {
			assertThat(cert.getPublicKey()).isEqualTo(serverPublicKey);
			this.serverCalls.add(host);
			return Optional.empty();
		}

		@Override
		public Optional<CertRejection> verifyClient(NaclCert cert, byte[] clientPublicKey) {
			assertThat(cert.getPublicKey()).isEqualTo(clientPublicKey);
			this.clientCalls.add(cert);
			return Optional.empty();
		}

	}

	/** Accessors over one recorded run. */
	record Transcript(JsonNode node) {

		ProtocolVersion version() {
			return ProtocolVersion.of(this.node.get("version").asInt()).orElseThrow();
		}

		BoxKeyPair serverKeys() {
			return BoxKeyPair.of(hex(this.node, "server_box_public_key"), hex(this.node, "server_box_secret_key"));
		}

		BoxKeyPair clientKeys() {
			return BoxKeyPair.of(hex(this.node, "client_box_public_key"), hex(this.node, "client_box_secret_key"));
		}

		NaclCert cert(String name) {
			return NaclCert.parse(this.node.get(name).toString());
		}

		List<String> prng() {
			List<String> out = new ArrayList<>();
			this.node.get("prng_outputs_in_call_order").forEach((value) -> out.add(value.asString()));
			return out;
		}

		/** The i-th text frame of the transcript. */
		String text(int index) {
			int seen = 0;
			for (JsonNode frame : this.node.get("frames")) {
				if (frame.has("text")) {
					if (seen++ == index) {
						return frame.get("text").asString();
					}
				}
			}
			throw new IllegalArgumentException("No text frame " + index);
		}

		List<byte[]> binary(String direction) {
			List<byte[]> out = new ArrayList<>();
			for (JsonNode frame : this.node.get("frames")) {
				if (frame.has("hex") && frame.get("dir").asString().equals(direction)) {
					out.add(hex(frame, "hex"));
				}
			}
			return out;
		}

		List<byte[]> plaintexts(String direction) {
			List<byte[]> out = new ArrayList<>();
			for (JsonNode data : this.node.get("decoded").get("data")) {
				if (data.get("dir").asString().equals(direction)) {
					out.add(hex(data, "plaintext_hex"));
				}
			}
			return out;
		}

	}

}
