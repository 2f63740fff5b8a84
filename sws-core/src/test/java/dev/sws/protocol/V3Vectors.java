package dev.sws.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.sws.cert.NaclCert;
import dev.sws.cert.TrustPolicy;
import dev.sws.crypto.BoxKeyPair;
import dev.sws.crypto.RandomSource;
import dev.sws.testsupport.ScriptedRandom;

import static dev.sws.testsupport.Vectors.hex;

/**
 * The SWS v3 test vectors ({@code protocol/v3-vectors.json}, docs/protocol/sws-v3.md section 17) as
 * test inputs: each transcript's keys, certificates, thresholds and messages, and settings for our
 * machines that match the transcript. The file is the one source of truth; the test-only
 * {@code V3Transcript} wrote it and recomputes it.
 */
final class V3Vectors {

	private static final JsonNode ROOT = load();

	private V3Vectors() {
	}

	/** Suite 0x01, certificates on both sides, small rekey thresholds. */
	static Transcript mutualCertificates() {
		return transcript("mutual-certificates");
	}

	/** Suites 0x02 and 0x01 offered, 0x02 chosen, a pinned server key and no certificates. */
	static Transcript pinnedKeyAesGcm() {
		return transcript("pinned-key-aesgcm");
	}

	static Transcript transcript(String name) {
		for (JsonNode node : ROOT.get("transcripts")) {
			if (node.get("name").asString().equals(name)) {
				return new Transcript(node);
			}
		}
		throw new IllegalArgumentException("No v3 transcript " + name);
	}

	private static JsonNode load() {
		try (InputStream in = V3Vectors.class.getResourceAsStream("/protocol/v3-vectors.json")) {
			return JsonMapper.builder().build().readTree(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** One recorded session. */
	static final class Transcript {

		private final JsonNode node;

		Transcript(JsonNode node) {
			this.node = node;
		}

		String name() {
			return this.node.get("name").asString();
		}

		Instant time() {
			return Instant.parse(this.node.get("time").asString());
		}

		String host() {
			return this.node.get("host").asString();
		}

		BoxKeyPair serverStatic() {
			return BoxKeyPair.fromSecretKey(hex(this.node.get("server"), "static_secret"));
		}

		BoxKeyPair clientStatic() {
			return BoxKeyPair.fromSecretKey(hex(this.node.get("client"), "static_secret"));
		}

		byte[] serverEphemeralSecret() {
			return hex(this.node.get("server"), "ephemeral_secret");
		}

		byte[] clientEphemeralSecret() {
			return hex(this.node.get("client"), "ephemeral_secret");
		}

		@Nullable NaclCert serverCert() {
			return cert(this.node.get("server").get("cert"));
		}

		@Nullable NaclCert clientCert() {
			return cert(this.node.get("client").get("cert"));
		}

		@Nullable NaclCert trustAnchor() {
			return cert(this.node.get("trust_anchor"));
		}

		RekeyThresholds serverRekey() {
			return rekey(this.node.get("server").get("rekey"));
		}

		RekeyThresholds clientRekey() {
			return rekey(this.node.get("client").get("rekey"));
		}

		boolean serverRequiresClientCert() {
			return this.node.get("server_requires_client_cert").asBoolean();
		}

		List<V3CipherSuite> offered() {
			List<V3CipherSuite> suites = new ArrayList<>();
			for (JsonNode id : this.node.get("suites_offered")) {
				suites.add(V3CipherSuite.ofId(id.asInt()).orElseThrow());
			}
			return suites;
		}

		V3CipherSuite chosen() {
			return V3CipherSuite.ofId(this.node.get("suite_chosen").asInt()).orElseThrow();
		}

		byte[] prologue() {
			return hex(this.node, "prologue");
		}

		byte[] handshakeHash() {
			return hex(this.node, "handshake_hash");
		}

		/** The whole WebSocket message of handshake message 1, 2 or 3. */
		byte[] message(int number) {
			return hex(this.node.get("handshake").get(number - 1), "websocket_message");
		}

		/** The transport messages in wire order, the ready message first. */
		List<TransportMessage> transport() {
			List<TransportMessage> messages = new ArrayList<>();
			for (JsonNode message : this.node.get("transport")) {
				messages.add(new TransportMessage(message.get("direction").asString().equals("client->server"),
						message.get("n").asLong(), hex(message, "plaintext"), hex(message, "websocket_message"),
						message.get("rekey_after").asBoolean()));
			}
			return messages;
		}

		/** The trust policy of the transcript's CA, at the transcript's time. */
		TrustPolicy trustPolicy() {
			return trustPolicy(Clock.fixed(time(), ZoneOffset.UTC));
		}

		TrustPolicy trustPolicy(Clock clock) {
			NaclCert anchor = trustAnchor();
			if (anchor == null) {
				throw new IllegalStateException(name() + " has no trust anchor");
			}
			return TrustPolicy.builder().trustAnchor(anchor).clock(clock).build();
		}

		/** Server settings as in the transcript, drawing its ephemeral key from the transcript. */
		ServerHandshakeSettings.Builder server() {
			return server(new ScriptedRandom(List.of(serverEphemeralSecret())));
		}

		/** Server settings as in the transcript, with another random source. */
		ServerHandshakeSettings.Builder server(RandomSource random) {
			ServerHandshakeSettings.Builder builder = ServerHandshakeSettings.builder(serverStatic())
				.versions(EnumSet.of(ProtocolVersion.V3))
				.rekeyThresholds(serverRekey())
				.random(random);
			if (serverCert() != null) {
				builder.certificate(serverCert());
			}
			if (serverRequiresClientCert()) {
				builder.requireClientCert(trustPolicy());
			}
			return builder;
		}

		/** Client settings as in the transcript, drawing its ephemeral key from the transcript. */
		ClientHandshakeSettings.Builder client() {
			return client(new ScriptedRandom(List.of(clientEphemeralSecret())));
		}

		/** Client settings as in the transcript, with another random source. */
		ClientHandshakeSettings.Builder client(RandomSource random) {
			ClientHandshakeSettings.Builder builder = ClientHandshakeSettings.builder(clientStatic(), ProtocolVersion.V3)
				.v3Suites(offered())
				.rekeyThresholds(clientRekey())
				.random(random);
			if (trustAnchor() != null) {
				builder.serverCertVerifier(trustPolicy());
			}
			if (clientCert() != null) {
				builder.certificate(clientCert());
			}
			JsonNode pins = this.node.get("pinned_server_keys");
			if (pins != null) {
				List<byte[]> keys = new ArrayList<>();
				pins.forEach((pin) -> keys.add(hex(pin.asString())));
				builder.pinnedServerKeys(keys);
			}
			return builder;
		}

		private static @Nullable NaclCert cert(@Nullable JsonNode cert) {
			return (cert != null) ? NaclCert.parse(cert.toString()) : null;
		}

		private static RekeyThresholds rekey(JsonNode rekey) {
			return new RekeyThresholds(rekey.get("messages").asLong(), rekey.get("bytes").asLong());
		}

	}

	/**
	 * One transport message of a transcript.
	 *
	 * @param fromClient whether the client sent it
	 * @param n its Noise nonce
	 * @param plaintext what was encrypted
	 * @param frame the WebSocket message
	 * @param rekeyAfter whether both sides rekey that direction after it
	 */
	record TransportMessage(boolean fromClient, long n, byte[] plaintext, byte[] frame, boolean rekeyAfter) {
	}

}
