package dev.sws.autoconfigure;

import java.util.List;

import org.springframework.core.env.Environment;

/**
 * Refuses {@code sws.*} values that are set but empty, typically {@code ${SOME_VARIABLE}} of an
 * environment variable that is not set: bound as they are, an empty location would name the
 * application's own classpath root and an empty list would look unset.
 */
final class SwsEmptyValues {

	/** The list properties of each side, which bind an empty value to an empty list. */
	private static final List<String> LISTS = List.of("trust-anchors", "pinned-server-keys", "versions");

	private SwsEmptyValues() {
	}

	/**
	 * Fails if a list property of the side is set to an empty value.
	 * @param environment the environment
	 * @param side {@code sws.server} or {@code sws.client}
	 * @throws SwsConfigurationException if one is empty
	 */
	static void check(Environment environment, String side) {
		for (String list : LISTS) {
			String property = side + "." + list;
			String value = environment.getProperty(property);
			if (value != null && value.isBlank()) {
				throw empty(property);
			}
		}
	}

	/**
	 * The failure for an empty value.
	 * @param property the property
	 * @return the exception to throw
	 */
	static SwsConfigurationException empty(String property) {
		return new SwsConfigurationException(property, property + " is empty (an unset environment variable?)",
				"Give " + property + " a value, or remove it (check the environment variable or placeholder it comes from)");
	}

}
