package dev.sws.autoconfigure;

import org.jspecify.annotations.Nullable;

/**
 * A misconfiguration of SWS found at startup: names the property, says what is wrong and what to
 * do. {@link SwsFailureAnalyzer} turns it into Spring Boot's failure report.
 */
public class SwsConfigurationException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	private final String property;

	private final String problem;

	private final String action;

	/**
	 * Creates an exception.
	 * @param property the {@code sws.*} property at fault
	 * @param problem what is wrong, never containing secret material
	 * @param action what to do, with the exact property or command
	 */
	public SwsConfigurationException(String property, String problem, String action) {
		this(property, problem, action, null);
	}

	/**
	 * Creates an exception with a cause.
	 * @param property the {@code sws.*} property at fault
	 * @param problem what is wrong, never containing secret material
	 * @param action what to do, with the exact property or command
	 * @param cause the underlying error, or {@code null}
	 */
	public SwsConfigurationException(String property, String problem, String action, @Nullable Throwable cause) {
		super("Invalid SWS configuration: " + property + ": " + problem, cause);
		this.property = property;
		this.problem = problem;
		this.action = action;
	}

	/**
	 * Returns the property at fault.
	 * @return the property name
	 */
	public String getProperty() {
		return this.property;
	}

	/**
	 * Returns what is wrong.
	 * @return the problem
	 */
	String getProblem() {
		return this.problem;
	}

	/**
	 * Returns what to do about it.
	 * @return the action text
	 */
	public String getAction() {
		return this.action;
	}

}
