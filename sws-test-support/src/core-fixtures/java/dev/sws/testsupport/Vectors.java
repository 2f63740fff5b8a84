package dev.sws.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HexFormat;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The recorded test vectors of the original implementation ({@code protocol/vectors.json}: the
 * vectors of docs/protocol/sws-v1-v2.md section 14, kept in the project so that it stands alone).
 */
public final class Vectors {

	private static final JsonNode ROOT = load();

	private Vectors() {
	}

	private static JsonNode load() {
		try (InputStream in = Vectors.class.getResourceAsStream("/protocol/vectors.json")) {
			return JsonMapper.builder().build().readTree(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Returns a top-level section.
	 * @param name the section name, for example {@code handshake_v1}
	 * @return the node
	 */
	public static JsonNode section(String name) {
		JsonNode node = ROOT.get(name);
		if (node == null) {
			throw new IllegalArgumentException("No vector section " + name);
		}
		return node;
	}

	/**
	 * Decodes a hex string.
	 * @param hex the hex text
	 * @return the bytes
	 */
	public static byte[] hex(String hex) {
		return HexFormat.of().parseHex(hex);
	}

	/**
	 * Decodes a hex field of a node.
	 * @param node the node
	 * @param field the field name
	 * @return the bytes
	 */
	public static byte[] hex(JsonNode node, String field) {
		return hex(node.get(field).asString());
	}

	/**
	 * Returns a {@link ScriptedRandom} that replays the given hex outputs in order.
	 * @param outputs hex strings
	 * @return the random source
	 */
	public static ScriptedRandom random(List<String> outputs) {
		return new ScriptedRandom(outputs.stream().map(Vectors::hex).toList());
	}

}
