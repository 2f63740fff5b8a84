package dev.sws.internal.json;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;

/**
 * JSON with JavaScript semantics: {@link #stringify} produces exactly what {@code JSON.stringify}
 * produces for the same value (docs/protocol/sws-v1-v2.md section 7.2), and {@link #parse} reads
 * text into the value model that JavaScript's {@code JSON.parse} would build.
 *
 * <p>Parsing is strict about the text: RFC 8259 syntax only, valid UTF-8, one value and nothing
 * after it, bounded nesting and sizes, and (by default) no duplicate keys. Duplicate keys can be
 * allowed, with JavaScript's "first position, last value" result, to mirror the original exactly.
 */
public final class JsJson {

	/** Deepest nesting accepted; NaCl certificates need 4 levels. */
	public static final int MAX_DEPTH = 16;

	private static final JsonFactory STRICT = factory(true);

	private static final JsonFactory LENIENT_KEYS = factory(false);

	private JsJson() {
	}

	private static JsonFactory factory(boolean rejectDuplicates) {
		StreamReadConstraints constraints = StreamReadConstraints.builder()
			.maxNestingDepth(MAX_DEPTH)
			.maxNumberLength(400)
			.build();
		return JsonFactory.builder()
			.streamReadConstraints(constraints)
			.configure(StreamReadFeature.STRICT_DUPLICATE_DETECTION, rejectDuplicates)
			.build();
	}

	/**
	 * Parses JSON text, refusing duplicate keys.
	 * @param text the JSON text
	 * @return the value
	 * @throws JsonFormatException if the text is not acceptable JSON
	 */
	public static JsValue parse(String text) {
		return parse(text, true);
	}

	/**
	 * Parses JSON text.
	 * @param text the JSON text
	 * @param rejectDuplicateKeys whether a repeated key in one object is an error (otherwise the
	 * JavaScript result: first position, last value)
	 * @return the value
	 * @throws JsonFormatException if the text is not acceptable JSON
	 */
	public static JsValue parse(String text, boolean rejectDuplicateKeys) {
		JsonFactory factory = rejectDuplicateKeys ? STRICT : LENIENT_KEYS;
		try (JsonParser parser = factory.createParser(ObjectReadContext.empty(), text)) {
			return readDocument(parser);
		}
		catch (JacksonException ex) {
			throw new JsonFormatException("Invalid JSON: " + ex.getOriginalMessage(), ex);
		}
	}

	/**
	 * Parses UTF-8 encoded JSON, refusing invalid UTF-8 and duplicate keys.
	 * @param utf8 the bytes
	 * @param offset where the JSON starts
	 * @param length how many bytes it has
	 * @return the value
	 * @throws JsonFormatException if the bytes are not acceptable JSON
	 */
	public static JsValue parse(byte[] utf8, int offset, int length) {
		// Jackson's byte parser tolerates some malformed sequences inside strings, so the UTF-8
		// is decoded strictly first.
		return parse(StrictUtf8.decode(utf8, offset, length), true);
	}

	private static JsValue readDocument(JsonParser parser) {
		JsonToken first = parser.nextToken();
		if (first == null) {
			throw new JsonFormatException("Empty JSON document");
		}
		JsValue value = readValue(parser, first);
		if (parser.nextToken() != null) {
			throw new JsonFormatException("Unexpected content after the JSON value");
		}
		return value;
	}

	private static JsValue readValue(JsonParser parser, JsonToken token) {
		switch (token) {
			case START_OBJECT -> {
				JsObject object = new JsObject();
				JsonToken next;
				while ((next = parser.nextToken()) == JsonToken.PROPERTY_NAME) {
					String key = parser.currentName();
					object.put(key, readValue(parser, parser.nextToken()));
				}
				expect(next, JsonToken.END_OBJECT);
				return object;
			}
			case START_ARRAY -> {
				List<JsValue> items = new ArrayList<>();
				JsonToken next;
				while ((next = parser.nextToken()) != JsonToken.END_ARRAY) {
					if (next == null) {
						throw new JsonFormatException("Unterminated JSON array");
					}
					items.add(readValue(parser, next));
				}
				return new JsArray(items);
			}
			case VALUE_STRING -> {
				return new JsString(parser.getString());
			}
			case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
				return new JsNumber(parser.getDoubleValue());
			}
			case VALUE_TRUE -> {
				return new JsBoolean(true);
			}
			case VALUE_FALSE -> {
				return new JsBoolean(false);
			}
			case VALUE_NULL -> {
				return JsNull.INSTANCE;
			}
			default -> throw new JsonFormatException("Unexpected JSON token " + token);
		}
	}

	private static void expect(JsonToken actual, JsonToken expected) {
		if (actual != expected) {
			throw new JsonFormatException("Expected " + expected + " but found " + actual);
		}
	}

	/**
	 * Serialises a value exactly as JavaScript's {@code JSON.stringify(value)}: no whitespace,
	 * JavaScript number formatting, JavaScript string escaping and property order.
	 * @param value the value
	 * @return the JSON text
	 */
	public static String stringify(JsValue value) {
		StringBuilder out = new StringBuilder();
		write(value, out);
		return out.toString();
	}

	private static void write(JsValue value, StringBuilder out) {
		if (value instanceof JsObject object) {
			out.append('{');
			boolean first = true;
			for (Map.Entry<String, JsValue> member : object.members().entrySet()) {
				if (!first) {
					out.append(',');
				}
				first = false;
				writeString(member.getKey(), out);
				out.append(':');
				write(member.getValue(), out);
			}
			out.append('}');
		}
		else if (value instanceof JsArray array) {
			out.append('[');
			List<JsValue> items = array.items();
			for (int i = 0; i < items.size(); i++) {
				if (i > 0) {
					out.append(',');
				}
				write(items.get(i), out);
			}
			out.append(']');
		}
		else if (value instanceof JsString string) {
			writeString(string.value(), out);
		}
		else if (value instanceof JsNumber number) {
			out.append(formatNumber(number.value()));
		}
		else if (value instanceof JsBoolean bool) {
			out.append(bool.value());
		}
		else {
			out.append("null");
		}
	}

	private static void writeString(String value, StringBuilder out) {
		out.append('"');
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				case '\b' -> out.append("\\b");
				case '\f' -> out.append("\\f");
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				case '\t' -> out.append("\\t");
				default -> {
					if (c < 0x20 || isLoneSurrogate(value, i)) {
						out.append("\\u").append(String.format("%04x", (int) c));
					}
					else {
						out.append(c);
					}
				}
			}
		}
		out.append('"');
	}

	private static boolean isLoneSurrogate(String value, int i) {
		char c = value.charAt(i);
		if (Character.isHighSurrogate(c)) {
			return i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1));
		}
		if (Character.isLowSurrogate(c)) {
			return i == 0 || !Character.isHighSurrogate(value.charAt(i - 1));
		}
		return false;
	}

	/**
	 * Formats a number as JavaScript's {@code Number.prototype.toString()} does (ECMA-262
	 * Number::toString): the shortest digits that round-trip, plain notation for exponents from
	 * -7 to 20, exponential notation otherwise; {@code -0} prints as {@code 0}; non-finite values
	 * print as {@code null} in JSON.
	 * @param value the number
	 * @return its JavaScript JSON text
	 */
	public static String formatNumber(double value) {
		if (Double.isNaN(value) || Double.isInfinite(value)) {
			return "null";
		}
		if (value == 0) {
			return "0";
		}
		if (value == Math.rint(value) && Math.abs(value) < 1e15) {
			return Long.toString((long) value);
		}
		String sign = value < 0 ? "-" : "";
		BigDecimal shortest = shortestRoundTrip(Math.abs(value));
		String digits = shortest.unscaledValue().toString();
		int k = digits.length();
		int n = k - shortest.scale(); // value = 0.digits x 10^n
		StringBuilder out = new StringBuilder(sign);
		if (k <= n && n <= 21) {
			out.append(digits).append("0".repeat(n - k));
		}
		else if (0 < n && n <= 21) {
			out.append(digits, 0, n).append('.').append(digits, n, k);
		}
		else if (-6 < n && n <= 0) {
			out.append("0.").append("0".repeat(-n)).append(digits);
		}
		else {
			int exponent = n - 1;
			out.append(digits.charAt(0));
			if (k > 1) {
				out.append('.').append(digits, 1, k);
			}
			out.append('e').append(exponent < 0 ? '-' : '+').append(Math.abs(exponent));
		}
		return out.toString();
	}

	private static BigDecimal shortestRoundTrip(double value) {
		BigDecimal exact = new BigDecimal(value);
		for (int precision = 1; precision <= 17; precision++) {
			// Both neighbours at this precision are candidates: next to a power of two the
			// rounding interval is asymmetric, so the nearer one may miss while the other hits.
			BigDecimal below = exact.round(new MathContext(precision, RoundingMode.FLOOR));
			BigDecimal above = exact.round(new MathContext(precision, RoundingMode.CEILING));
			boolean belowHits = below.doubleValue() == value;
			boolean aboveHits = above.doubleValue() == value;
			if (belowHits && aboveHits) {
				return closest(exact, below, above).stripTrailingZeros();
			}
			if (belowHits || aboveHits) {
				return (belowHits ? below : above).stripTrailingZeros();
			}
		}
		return exact.round(new MathContext(17, RoundingMode.HALF_EVEN)).stripTrailingZeros();
	}

	private static BigDecimal closest(BigDecimal exact, BigDecimal below, BigDecimal above) {
		int comparison = exact.subtract(below).compareTo(above.subtract(exact));
		if (comparison != 0) {
			return (comparison < 0) ? below : above;
		}
		return below.unscaledValue().testBit(0) ? above : below;
	}

}
