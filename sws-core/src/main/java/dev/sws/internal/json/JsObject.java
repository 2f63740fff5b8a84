package dev.sws.internal.json;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * A JSON object with JavaScript's property order: keys that are array indices ({@code "0"},
 * {@code "10"}, ... up to 2^32-2) come first in ascending numeric order, then the other keys in
 * insertion order. Setting an existing key keeps its position and replaces its value, as
 * JavaScript does for duplicate keys in {@code JSON.parse}.
 */
public final class JsObject implements JsValue {

	private final LinkedHashMap<String, JsValue> members = new LinkedHashMap<>();

	/**
	 * Creates an empty object.
	 */
	public JsObject() {
	}

	/**
	 * Sets a member, keeping the position of an existing key.
	 * @param key the key
	 * @param value the value
	 * @return this object
	 */
	public JsObject put(String key, JsValue value) {
		this.members.put(key, value);
		return this;
	}

	/**
	 * Tells whether the key is present.
	 * @param key the key
	 * @return {@code true} if present
	 */
	public boolean has(String key) {
		return this.members.containsKey(key);
	}

	/**
	 * Returns a member.
	 * @param key the key
	 * @return the value, if present
	 */
	public Optional<JsValue> get(String key) {
		return Optional.ofNullable(this.members.get(key));
	}

	/**
	 * Returns the number of members.
	 * @return the size
	 */
	public int size() {
		return this.members.size();
	}

	/**
	 * Returns the keys in JavaScript property order.
	 * @return an unmodifiable list
	 */
	public List<String> keys() {
		List<String> indices = new ArrayList<>();
		List<String> others = new ArrayList<>();
		for (String key : this.members.keySet()) {
			(isArrayIndex(key) ? indices : others).add(key);
		}
		if (indices.isEmpty()) {
			return Collections.unmodifiableList(others);
		}
		indices.sort((a, b) -> Long.compare(Long.parseLong(a), Long.parseLong(b)));
		indices.addAll(others);
		return Collections.unmodifiableList(indices);
	}

	/**
	 * Returns the members in JavaScript property order.
	 * @return an unmodifiable ordered map view
	 */
	public Map<String, JsValue> members() {
		Map<String, JsValue> ordered = new LinkedHashMap<>();
		for (String key : keys()) {
			ordered.put(key, this.members.get(key));
		}
		return Collections.unmodifiableMap(ordered);
	}

	/**
	 * Returns a deep copy, so that callers may change it without touching this object.
	 * @return the copy
	 */
	public JsObject copy() {
		JsObject copy = new JsObject();
		this.members.forEach((key, value) -> copy.put(key, (value instanceof JsObject object) ? object.copy() : value));
		return copy;
	}

	static boolean isArrayIndex(String key) {
		int length = key.length();
		if (length == 0 || length > 10) {
			return false;
		}
		if (key.charAt(0) == '0') {
			return length == 1;
		}
		for (int i = 0; i < length; i++) {
			char c = key.charAt(i);
			if (c < '0' || c > '9') {
				return false;
			}
		}
		return Long.parseLong(key) <= 4294967294L;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return (other instanceof JsObject object) && object.members().equals(members());
	}

	@Override
	public int hashCode() {
		return members().hashCode();
	}

	@Override
	public String toString() {
		return toJson();
	}

}
