package dev.sws.internal.wire;

import java.util.HashMap;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;

import dev.sws.crypto.BoxPublicKeys;
import dev.sws.internal.crypto.Nonce;
import dev.sws.internal.crypto.SharedBoxKey;
import dev.sws.protocol.FailureReason;
import dev.sws.protocol.SwsProtocolException;

/**
 * Reads and writes SWS handshake messages.
 *
 * <p>Writing mirrors the original byte for byte ({@code opc, version, ...}, compact, byte arrays as
 * integer arrays). Reading is strict (issue "protocol core"): an object with exactly the fields of
 * its {@code opc}, {@code opc} and {@code version} as JSON integers, byte arrays of integers
 * 0..255 with exact lengths, no duplicate keys, nothing after the object, and a size cap checked
 * before parsing. Every refusal is an {@link SwsProtocolException} with a typed reason.
 */
public final class HandshakeCodec {

	/** Default cap on one handshake message, in characters. */
	public static final int DEFAULT_MAX_MESSAGE_CHARS = 64 * 1024;

	/** Size of the fixed part of a handshake box's plaintext: nonce(8) and share key(32). */
	public static final int BOX_FIXED_PLAINTEXT = Nonce.WIRE_LENGTH + 32;

	/** Smallest possible blob: the tag and the fixed plaintext. */
	static final int MIN_BLOB = SharedBoxKey.OVERHEAD + BOX_FIXED_PLAINTEXT;

	private static final JsonFactory FACTORY = JsonFactory.builder()
		.streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(2).maxNumberLength(20).build())
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.build();

	private final int maxMessageChars;

	/**
	 * Creates a codec with the default size cap.
	 */
	public HandshakeCodec() {
		this(DEFAULT_MAX_MESSAGE_CHARS);
	}

	/**
	 * Creates a codec.
	 * @param maxMessageChars the largest handshake message accepted, in characters
	 */
	public HandshakeCodec(int maxMessageChars) {
		if (maxMessageChars < 256) {
			throw new IllegalArgumentException("The handshake message cap must be at least 256 characters");
		}
		this.maxMessageChars = maxMessageChars;
	}

	/**
	 * Returns the cap on one handshake message.
	 * @return the cap, in characters
	 */
	public int maxMessageChars() {
		return this.maxMessageChars;
	}

	/**
	 * Serialises a message exactly as the original does.
	 * @param message the message
	 * @return compact JSON text
	 */
	public String encode(HandshakeMessage message) {
		StringBuilder out = new StringBuilder(512);
		out.append("{\"opc\":").append(message.opc()).append(",\"version\":").append(message.version());
		if (message instanceof ClientHello hello) {
			appendBytes(out, "client_public_key", hello.clientPublicKey());
			appendBytes(out, "nonce", hello.nonce());
		}
		else if (message instanceof ServerHello hello) {
			appendBytes(out, "server_public_key", hello.serverPublicKey());
			appendBytes(out, "s_blackbox_a", hello.blackbox());
		}
		else if (message instanceof ClientReady ready) {
			appendBytes(out, "s_blackbox_a", ready.blackbox());
		}
		return out.append('}').toString();
	}

	private static void appendBytes(StringBuilder out, String name, byte[] bytes) {
		out.append(",\"").append(name).append("\":[");
		for (int i = 0; i < bytes.length; i++) {
			if (i > 0) {
				out.append(',');
			}
			out.append(bytes[i] & 0xFF);
		}
		out.append(']');
	}

	/**
	 * Parses a handshake message strictly.
	 * @param text the JSON text of one text frame
	 * @return the message
	 * @throws SwsProtocolException with {@link FailureReason#MESSAGE_TOO_LARGE} or
	 * {@link FailureReason#MALFORMED_MESSAGE}
	 */
	public HandshakeMessage decode(String text) {
		if (text.length() > this.maxMessageChars) {
			throw new SwsProtocolException(FailureReason.MESSAGE_TOO_LARGE,
					"Handshake message of " + text.length() + " characters exceeds " + this.maxMessageChars);
		}
		Map<String, Object> fields;
		try (JsonParser parser = FACTORY.createParser(ObjectReadContext.empty(), text)) {
			fields = readFields(parser);
		}
		catch (JacksonException ex) {
			throw malformed("not valid JSON (" + ex.getOriginalMessage() + ")");
		}
		return toMessage(fields);
	}

	private Map<String, Object> readFields(JsonParser parser) {
		if (parser.nextToken() != JsonToken.START_OBJECT) {
			throw malformed("not a JSON object");
		}
		Map<String, Object> fields = new HashMap<>();
		JsonToken token;
		while ((token = parser.nextToken()) == JsonToken.PROPERTY_NAME) {
			String name = parser.currentName();
			JsonToken value = parser.nextToken();
			if (value == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() == JsonParser.NumberType.INT) {
				fields.put(name, parser.getIntValue());
			}
			else if (value == JsonToken.START_ARRAY) {
				fields.put(name, readBytes(parser, name));
			}
			else {
				throw malformed("field '" + safeName(name) + "' is not an integer or a byte array");
			}
		}
		if (token != JsonToken.END_OBJECT) {
			throw malformed("not a JSON object");
		}
		if (parser.nextToken() != null) {
			throw malformed("content after the JSON object");
		}
		return fields;
	}

	private byte[] readBytes(JsonParser parser, String name) {
		byte[] buffer = new byte[64];
		int length = 0;
		JsonToken token;
		while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
			if (token != JsonToken.VALUE_NUMBER_INT || parser.getNumberType() != JsonParser.NumberType.INT) {
				throw malformed("'" + safeName(name) + "' holds something other than integers");
			}
			int value = parser.getIntValue();
			if (value < 0 || value > 255) {
				throw malformed("'" + safeName(name) + "' holds a value outside 0..255");
			}
			if (length == buffer.length) {
				buffer = java.util.Arrays.copyOf(buffer, length * 2);
			}
			buffer[length++] = (byte) value;
		}
		return java.util.Arrays.copyOf(buffer, length);
	}

	private HandshakeMessage toMessage(Map<String, Object> fields) {
		int opc = integer(fields, "opc");
		int version = integer(fields, "version");
		return switch (opc) {
			case HandshakeMessage.OPC_CLIENT_HELLO -> {
				requireOnly(fields, 4, "client_public_key", "nonce");
				yield new ClientHello(version, bytes(fields, "client_public_key", BoxPublicKeys.LENGTH, BoxPublicKeys.LENGTH),
						bytes(fields, "nonce", Nonce.WIRE_LENGTH, Nonce.WIRE_LENGTH));
			}
			case HandshakeMessage.OPC_SERVER_HELLO -> {
				requireOnly(fields, 4, "server_public_key", "s_blackbox_a");
				yield new ServerHello(version, bytes(fields, "server_public_key", BoxPublicKeys.LENGTH, BoxPublicKeys.LENGTH),
						bytes(fields, "s_blackbox_a", MIN_BLOB, Integer.MAX_VALUE));
			}
			case HandshakeMessage.OPC_CLIENT_READY -> {
				requireOnly(fields, 3, "s_blackbox_a");
				yield new ClientReady(version, bytes(fields, "s_blackbox_a", MIN_BLOB, Integer.MAX_VALUE));
			}
			default -> throw malformed("unknown opc " + opc);
		};
	}

	private static void requireOnly(Map<String, Object> fields, int expectedCount, String... required) {
		for (String name : required) {
			if (!fields.containsKey(name)) {
				throw malformed("missing field '" + name + "'");
			}
		}
		if (fields.size() != expectedCount) {
			throw malformed("unexpected extra fields");
		}
	}

	private static int integer(Map<String, Object> fields, String name) {
		Object value = fields.get(name);
		if (value == null) {
			throw malformed("missing field '" + name + "'");
		}
		if (!(value instanceof Integer number)) {
			throw malformed("field '" + name + "' is not a JSON integer");
		}
		return number;
	}

	private static byte[] bytes(Map<String, Object> fields, String name, int min, int max) {
		if (!(fields.get(name) instanceof byte[] bytes)) {
			throw malformed("field '" + name + "' is not a byte array");
		}
		if (bytes.length < min || bytes.length > max) {
			throw malformed("field '" + name + "' has " + bytes.length + " bytes");
		}
		return bytes;
	}

	private static String safeName(String name) {
		return (name.length() <= 32) ? name.replaceAll("[^A-Za-z0-9_]", "?") : name.substring(0, 32) + "...";
	}

	private static SwsProtocolException malformed(String detail) {
		return new SwsProtocolException(FailureReason.MALFORMED_MESSAGE, "Malformed handshake message: " + detail);
	}

}
