package dev.sws.internal.json;

/**
 * The JSON {@code null}.
 */
public enum JsNull implements JsValue {

	/** The only instance. */
	INSTANCE;

	@Override
	public String toString() {
		return "null";
	}

}
