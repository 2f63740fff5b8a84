package dev.sws.internal.json;

/**
 * A JSON number, held as a double like JavaScript's {@code Number}.
 *
 * @param value the number
 */
public record JsNumber(double value) implements JsValue {

	/**
	 * Tells whether the value is an integer in {@code [min, max]}.
	 * @param min lowest accepted value
	 * @param max highest accepted value
	 * @return {@code true} if integral and in range
	 */
	public boolean isIntegerIn(long min, long max) {
		return this.value == Math.rint(this.value) && this.value >= min && this.value <= max;
	}

	@Override
	public String toString() {
		return toJson();
	}

}
