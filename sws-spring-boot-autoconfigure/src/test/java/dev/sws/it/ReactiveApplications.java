package dev.sws.it;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts a reactive test application on WebFlux and Reactor Netty, on 127.0.0.1 and a random port
 * (the test class path also holds Tomcat, whose reactive server is left out).
 */
public final class ReactiveApplications {

	private ReactiveApplications() {
	}

	/**
	 * Starts the application.
	 * @param application its configuration
	 * @param properties more properties, {@code name=value}
	 * @return the running context
	 */
	public static ConfigurableApplicationContext start(Class<?> application, String... properties) {
		return new SpringApplicationBuilder(application).web(WebApplicationType.REACTIVE)
			.properties("server.port=0", "server.address=127.0.0.1",
					"spring.autoconfigure.exclude=org.springframework.boot.tomcat.autoconfigure.reactive."
							+ "TomcatReactiveWebServerAutoConfiguration")
			.properties(properties)
			.run();
	}

	/**
	 * Returns the port a started application listens on.
	 * @param context the application's context
	 * @return the port
	 */
	public static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

}
