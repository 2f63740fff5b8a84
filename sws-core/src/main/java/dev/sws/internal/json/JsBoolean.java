package dev.sws.internal.json;

/**
 * A JSON boolean.
 *
 * @param value the boolean
 */
public record JsBoolean(boolean value) implements JsValue {

	@Override
	public String toString() {
		return toJson();
	}

}
