package dev.sws.testsupport;

import java.util.Locale;

/**
 * The servlet container a test run uses. The build runs the servlet suites once per container,
 * each with only that container on the class path (the surefire executions of
 * sws-spring-boot-autoconfigure and sws-sample-app set {@code sws.test.container}); a test that
 * checks the container, or whose expectation depends on it, asks here.
 */
public enum ServletContainer {

	/** Apache Tomcat, the container of {@code spring-boot-starter-websocket}. */
	TOMCAT("org.springframework.boot.tomcat.TomcatWebServer", "org.apache.catalina.startup.Tomcat",
			"org.apache.tomcat."),

	/** Eclipse Jetty, through {@code spring-boot-starter-jetty}. */
	JETTY("org.springframework.boot.jetty.servlet.JettyServletWebServer", "org.eclipse.jetty.server.Server",
			"org.eclipse.jetty.");

	private final String webServerClass;

	private final String serverClass;

	private final String packagePrefix;

	ServletContainer(String webServerClass, String serverClass, String packagePrefix) {
		this.webServerClass = webServerClass;
		this.serverClass = serverClass;
		this.packagePrefix = packagePrefix;
	}

	/**
	 * Returns the container of this run.
	 * @return what {@code -Dsws.test.container} names, Tomcat if nothing
	 */
	public static ServletContainer current() {
		return valueOf(System.getProperty("sws.test.container", "tomcat").toUpperCase(Locale.ROOT));
	}

	/**
	 * Returns the class of Spring Boot's {@code WebServer} for this container.
	 * @return the class name
	 */
	public String getWebServerClass() {
		return this.webServerClass;
	}

	/**
	 * Returns a class that exists only where this container is on the class path.
	 * @return the class name
	 */
	public String getServerClass() {
		return this.serverClass;
	}

	/**
	 * Returns the start of the names of this container's classes.
	 * @return the package prefix, ending with a dot
	 */
	public String getPackagePrefix() {
		return this.packagePrefix;
	}

}
