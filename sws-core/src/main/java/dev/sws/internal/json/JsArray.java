package dev.sws.internal.json;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A JSON array.
 *
 * @param items the elements, unmodifiable
 */
public record JsArray(List<JsValue> items) implements JsValue {

	/**
	 * Creates an array, copying the list.
	 * @param items the elements
	 */
	public JsArray {
		items = List.copyOf(items);
	}

	/**
	 * Builds a JSON byte array: one integer 0..255 per byte, the SWS encoding of binary values.
	 * @param bytes the bytes
	 * @return the array
	 */
	public static JsArray ofBytes(byte[] bytes) {
		JsValue[] items = new JsValue[bytes.length];
		for (int i = 0; i < bytes.length; i++) {
			items[i] = new JsNumber(bytes[i] & 0xFF);
		}
		return new JsArray(List.of(items));
	}

	/**
	 * Builds an array of strings.
	 * @param strings the strings
	 * @return the array
	 */
	public static JsArray ofStrings(List<String> strings) {
		return new JsArray(strings.stream().<JsValue>map(JsString::new).toList());
	}

	/**
	 * Reads this array as bytes: every element must be an integer 0..255 and the length exact.
	 * @param expectedLength the required length, or -1 for any length
	 * @return the bytes, or {@code null} if the array is not such a byte array
	 */
	public byte @Nullable [] toBytes(int expectedLength) {
		if (expectedLength >= 0 && this.items.size() != expectedLength) {
			return null;
		}
		byte[] bytes = new byte[this.items.size()];
		for (int i = 0; i < bytes.length; i++) {
			if (!(this.items.get(i) instanceof JsNumber number) || !number.isIntegerIn(0, 255)) {
				return null;
			}
			bytes[i] = (byte) number.value();
		}
		return bytes;
	}

	@Override
	public String toString() {
		return toJson();
	}

}
