package dev.sws.protocol;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import dev.sws.crypto.BoxKeyPair;
import dev.sws.crypto.RandomSource;
import dev.sws.internal.crypto.Nonce;
import dev.sws.internal.crypto.SecretBoxKey;
import dev.sws.internal.crypto.SharedBoxKey;
import dev.sws.internal.crypto.X25519;
import dev.sws.internal.noise.CipherState;
import dev.sws.internal.noise.CipherStatePair;
import dev.sws.internal.noise.KeySchedule;
import dev.sws.internal.noise.NoiseException;
import dev.sws.internal.noise.NoiseRole;
import dev.sws.internal.wire.ClientHello;
import dev.sws.internal.wire.ClientReady;
import dev.sws.internal.wire.HandshakeCodec;
import dev.sws.internal.wire.ServerHello;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The forward secrecy of issue 16, demonstrated: an attacker records a whole session, then
 * obtains BOTH long-term secret keys (server and client).
 * <ul>
 * <li>v2: the session keys travel in boxes under the static keys, so the recording decrypts, every
 * data frame of it.</li>
 * <li>v3: the transport keys come from the chaining key, which mixes {@code ee} (the two ephemeral
 * keys, destroyed after the handshake), {@code es} and {@code se}. The attacker computes every DH
 * a static-key holder can ({@code es}, {@code se}, {@code ss}) and tries them in every place and
 * order, with {@code ee} replaced by each of them or by any public value: nothing in the recording
 * decrypts. The same computation with the true {@code ee}, which needs an ephemeral secret,
 * decrypts every frame: the attacker's method is right, only the ephemeral secret is missing.</li>
 * </ul>
 */
class ForwardSecrecyTests {

	private static final List<String> CLIENT_SAYS = List.of("my password is hunter2", "transfer 100 to Bob", "bye");

	private static final List<String> SERVER_SAYS = List.of("welcome", "done", "see you");

	@Test
	void aRecordedV3SessionStaysSecretFromWhoeverLaterHoldsBothStaticKeys() {
		RecordingRandom clientRandom = new RecordingRandom();
		V3Recording recording = recordV3(clientRandom);
		Map<String, byte[]> computable = new LinkedHashMap<>();
		BoxKeyPair server = V3Fixture.SERVER_KEYS;
		BoxKeyPair client = V3Fixture.CLIENT_KEYS;
		computable.put("es", X25519.dh(server, recording.clientEphemeral()));
		computable.put("se", X25519.dh(client, recording.serverEphemeral()));
		computable.put("ss", X25519.dh(server, client.getPublicKey()));

		List<String> tried = new ArrayList<>();
		// ee replaced by what a static-key holder can compute, or by public values
		Map<String, byte[]> eeGuesses = new LinkedHashMap<>(computable);
		eeGuesses.put("zeros", new byte[32]);
		eeGuesses.put("client ephemeral public", recording.clientEphemeral());
		eeGuesses.put("server ephemeral public", recording.serverEphemeral());
		eeGuesses.put("client static public", client.getPublicKey());
		eeGuesses.put("server static public", server.getPublicKey());
		for (Map.Entry<String, byte[]> guess : eeGuesses.entrySet()) {
			List<byte[]> chain = List.of(guess.getValue(), computable.get("es"), computable.get("se"));
			tried.add("ee=" + guess.getKey());
			assertThat(decrypt(recording, chain)).as("ee replaced by " + guess.getKey()).isNull();
		}
		// every sequence of two or three of es, se, ss as the chaining key's inputs
		List<String> names = List.copyOf(computable.keySet());
		for (String a : names) {
			for (String b : names) {
				tried.add(a + "," + b);
				assertThat(decrypt(recording, List.of(computable.get(a), computable.get(b)))).as(a + ", " + b).isNull();
				for (String c : names) {
					tried.add(a + "," + b + "," + c);
					assertThat(decrypt(recording, List.of(computable.get(a), computable.get(b), computable.get(c))))
						.as(a + ", " + b + ", " + c)
						.isNull();
				}
			}
		}
		assertThat(tried).hasSize(8 + 9 + 27);

		// the control: the same attack with the true ee (from the client's ephemeral secret) reads everything
		byte[] clientEphemeralSecret = clientRandom.outputs.get(0);
		byte[] ee = X25519.dh(BoxKeyPair.fromSecretKey(clientEphemeralSecret), recording.serverEphemeral());
		List<String> plaintexts = decrypt(recording, List.of(ee, computable.get("es"), computable.get("se")));
		assertThat(plaintexts).isNotNull();
		List<String> expected = new ArrayList<>(List.of(""));
		expected.addAll(CLIENT_SAYS);
		expected.addAll(SERVER_SAYS);
		assertThat(plaintexts).containsExactlyElementsOf(expected);
	}

	@Test
	void aRecordedV2SessionDecryptsForWhoeverLaterHoldsTheStaticKeys() {
		V2Recording recording = recordV2();
		HandshakeCodec codec = new HandshakeCodec();
		ClientHello hello = (ClientHello) codec.decode(recording.clientHello);
		ServerHello serverHello = (ServerHello) codec.decode(recording.serverHello);
		ClientReady ready = (ClientReady) codec.decode(recording.clientReady);
		// the server's static secret and the client's public key from the ClientHello are enough
		SharedBoxKey shared = SharedBoxKey.between(HandshakeFixture.SERVER_KEYS, hello.clientPublicKey());
		byte[] serverBox = shared.open(serverHello.blackbox(), Nonce.fromWire(hello.nonce()));
		Nonce serverNonce = Nonce.fromWire(Arrays.copyOf(serverBox, 8));
		SecretBoxKey serverKey = SecretBoxKey.of(Arrays.copyOfRange(serverBox, 8, 40));
		byte[] clientBox = shared.open(ready.blackbox(), serverNonce);
		Nonce clientNonce = Nonce.fromWire(Arrays.copyOf(clientBox, 8));
		SecretBoxKey clientKey = SecretBoxKey.of(Arrays.copyOfRange(clientBox, 8, 40));

		SecretBoxKey unused = SecretBoxKey.random(RandomSource.secure());
		SecureChannel readsClient = SecureChannel.secretBox(unused, clientNonce, clientKey, clientNonce);
		SecureChannel readsServer = SecureChannel.secretBox(unused, serverNonce, serverKey, serverNonce);
		List<String> read = new ArrayList<>();
		recording.fromClient.forEach((frame) -> read.add(utf8(readsClient.open(frame))));
		recording.fromServer.forEach((frame) -> read.add(utf8(readsServer.open(frame))));
		List<String> expected = new ArrayList<>(CLIENT_SAYS);
		expected.addAll(SERVER_SAYS);
		assertThat(read).containsExactlyElementsOf(expected);
	}

	/**
	 * Replays the XX key schedule with {@code mixKeys} as the chaining key's inputs and tries the
	 * resulting transport keys on every recorded frame, in both roles.
	 * @return the plaintexts (ready, client frames, server frames), or {@code null} if a frame does
	 * not decrypt
	 */
	private static @Nullable List<String> decrypt(V3Recording recording, List<byte[]> mixKeys) {
		// the chaining key, and so the transport keys, depend on the protocol name and the DH results only
		KeySchedule schedule = KeySchedule.start(recording.suite.getProtocolName(), recording.prologue());
		mixKeys.forEach(schedule::mixKey);
		CipherStatePair keys = schedule.split(NoiseRole.INITIATOR);
		CipherState toServer = keys.getInitiatorToResponder();
		CipherState toClient = keys.getResponderToInitiator();
		List<String> plaintexts = new ArrayList<>();
		try {
			plaintexts.add(utf8(toClient.decrypt(recording.ready)));
			for (byte[] frame : recording.fromClient) {
				plaintexts.add(utf8(toServer.decrypt(frame)));
			}
			for (byte[] frame : recording.fromServer) {
				plaintexts.add(utf8(toClient.decrypt(frame)));
			}
		}
		catch (NoiseException ex) {
			return null;
		}
		return plaintexts;
	}

	/** A v3 session with certificates on both sides, every frame recorded. */
	private static V3Recording recordV3(RandomSource clientRandom) {
		ClientHandshake client = new ClientHandshake(V3Fixture.certClient()
			.v3Suites(List.of(V3CipherSuite.CHACHAPOLY_BLAKE2B))
			.random(clientRandom)
			.build(), V3Fixture.HOST);
		ServerHandshake server = new ServerHandshake(V3Fixture.server().requireClientCert(V3Fixture.trust()).build());
		V3Recording recording = new V3Recording();
		recording.message1 = V3Fixture.bytes(client.start());
		recording.message2 = V3Fixture.bytes(server.receive(recording.message1));
		recording.message3 = V3Fixture.bytes(client.receive(recording.message2));
		HandshakeStep.Established serverDone = V3Fixture.established(server.receive(recording.message3));
		recording.ready = V3Fixture.bytes(serverDone.finalFrame().orElseThrow());
		HandshakeStep.Established clientDone = V3Fixture.established(client.receive(recording.ready));
		recording.suite = V3CipherSuite.ofId(recording.message2[5]).orElseThrow();
		CLIENT_SAYS.forEach((text) -> recording.fromClient.add(clientDone.channel().seal(utf8(text))));
		SERVER_SAYS.forEach((text) -> recording.fromServer.add(serverDone.channel().seal(utf8(text))));
		recording.fromClient.forEach(serverDone.channel()::open);
		recording.fromServer.forEach(clientDone.channel()::open);
		return recording;
	}

	/** A v2 session with certificates, every frame recorded. */
	private static V2Recording recordV2() {
		ClientHandshake client = new ClientHandshake(HandshakeFixture.client(ProtocolVersion.V2).build(), "localhost");
		ServerHandshake server = new ServerHandshake(HandshakeFixture.server(EnumSet.of(ProtocolVersion.V2)).build());
		V2Recording recording = new V2Recording();
		recording.clientHello = HandshakeFixture.text(client.start());
		HandshakeStep reply = server.receive(recording.clientHello);
		recording.serverHello = HandshakeFixture.text(reply);
		HandshakeStep.Established clientDone = V3Fixture.established(client.receive(recording.serverHello));
		recording.clientReady = HandshakeFixture.text(clientDone.finalFrame().orElseThrow());
		HandshakeStep.Established serverDone = V3Fixture.established(server.receive(recording.clientReady));
		CLIENT_SAYS.forEach((text) -> recording.fromClient.add(clientDone.channel().seal(utf8(text))));
		SERVER_SAYS.forEach((text) -> recording.fromServer.add(serverDone.channel().seal(utf8(text))));
		return recording;
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static String utf8(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}

	/** What a passive attacker records of a v3 session. */
	private static final class V3Recording {

		V3CipherSuite suite;

		byte[] message1;

		byte[] message2;

		byte[] message3;

		byte[] ready;

		final List<byte[]> fromClient = new ArrayList<>();

		final List<byte[]> fromServer = new ArrayList<>();

		byte[] prologue() {
			return Arrays.copyOf(this.message1, 6 + this.message1[5]);
		}

		byte[] clientEphemeral() {
			return Arrays.copyOfRange(this.message1, this.message1.length - 32, this.message1.length);
		}

		byte[] serverEphemeral() {
			return Arrays.copyOfRange(this.message2, 6, 38);
		}

	}

	/** What a passive attacker records of a v2 session. */
	private static final class V2Recording {

		String clientHello;

		String serverHello;

		String clientReady;

		final List<byte[]> fromClient = new ArrayList<>();

		final List<byte[]> fromServer = new ArrayList<>();

	}

	/** Secure random bytes, remembered: the test keeps what the client drew, its ephemeral secret. */
	private static final class RecordingRandom implements RandomSource {

		final List<byte[]> outputs = new ArrayList<>();

		@Override
		public void nextBytes(byte[] bytes) {
			RandomSource.secure().nextBytes(bytes);
			this.outputs.add(bytes.clone());
		}

	}

}
