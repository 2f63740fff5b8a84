package dev.sws.internal.json;

/**
 * A JSON value with JavaScript semantics: numbers are doubles, objects keep JavaScript's own
 * property order (integer-like keys first, ascending; then insertion order). Certificates are kept
 * as such trees end to end so that their signed bytes can be reproduced exactly.
 */
public sealed interface JsValue permits JsObject, JsArray, JsString, JsNumber, JsBoolean, JsNull {

	/**
	 * Serialises this value exactly as JavaScript's {@code JSON.stringify} would.
	 * @return compact JSON text
	 */
	default String toJson() {
		return JsJson.stringify(this);
	}

}
