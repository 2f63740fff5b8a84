package dev.sws.internal.json;

/**
 * A JSON string. The value may hold lone surrogates, as JavaScript strings can.
 *
 * @param value the string
 */
public record JsString(String value) implements JsValue {

	@Override
	public String toString() {
		return toJson();
	}

}
