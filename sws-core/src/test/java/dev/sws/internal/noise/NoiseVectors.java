package dev.sws.internal.noise;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.sws.crypto.BoxKeyPair;

import static dev.sws.testsupport.Vectors.hex;

/**
 * The Noise test vectors of cacophony ({@code noise/cacophony-subset.json}, a copy of the shared
 * subset kept in the project), and the keys they name.
 */
final class NoiseVectors {

	private static final List<JsonNode> VECTORS = load();

	private NoiseVectors() {
	}

	private static List<JsonNode> load() {
		try (InputStream in = NoiseVectors.class.getResourceAsStream("/noise/cacophony-subset.json")) {
			List<JsonNode> vectors = new ArrayList<>();
			JsonMapper.builder().build().readTree(in).get("vectors").forEach(vectors::add);
			return vectors;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static List<JsonNode> all() {
		return VECTORS;
	}

	static NoiseProtocol protocol(JsonNode vector) {
		return NoiseProtocol.parse(vector.get("protocol_name").asString());
	}

	/**
	 * Builds one side of a vector's handshake, with the vector's prologue, ephemeral and static
	 * keys.
	 */
	static HandshakeState handshake(JsonNode vector, NoiseRole role) {
		String side = (role == NoiseRole.INITIATOR) ? "init_" : "resp_";
		HandshakeState.Builder builder = HandshakeState.builder(protocol(vector), role)
			.prologue(hex(vector, side + "prologue"))
			.localEphemeralKey(BoxKeyPair.fromSecretKey(hex(vector, side + "ephemeral")));
		if (vector.has(side + "static")) {
			builder.localStaticKey(BoxKeyPair.fromSecretKey(hex(vector, side + "static")));
		}
		if (vector.has(side + "remote_static")) {
			builder.remoteStaticKey(hex(vector, side + "remote_static"));
		}
		return builder.build();
	}

	/**
	 * Skips a test of an AESGCM protocol where libsodium has no AES-256-GCM, saying why on the
	 * console and in the report; never silently.
	 */
	static void assumeAvailable(NoiseProtocol protocol) {
		if (!protocol.getCipher().isAvailable()) {
			String why = protocol + " skipped: crypto_aead_aes256gcm_is_available() is false on this CPU ("
					+ System.getProperty("os.arch") + ")";
			System.err.println(why);
			Assumptions.abort(why);
		}
	}

}
