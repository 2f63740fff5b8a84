package dev.sws.autoconfigure;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.analyzer.AbstractInjectionFailureAnalyzer;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

import dev.sws.websocket.SwsStompClient;
import dev.sws.websocket.SwsWebSocketClient;
import dev.sws.websocket.SwsWebSocketHandlerDecoratorFactory;

/**
 * Explains a missing SWS bean, where Boot would only say that it "could not be found": which
 * properties create the {@link SwsWebSocketClient} and {@link SwsStompClient} beans, or why there
 * is no {@link SwsWebSocketHandlerDecoratorFactory}. It runs before Boot's own analyzer of missing
 * beans, and leaves every other bean to it.
 */
class SwsMissingBeanFailureAnalyzer extends AbstractInjectionFailureAnalyzer<NoSuchBeanDefinitionException>
		implements Ordered {

	/** The action when the client does not know how to authenticate servers. */
	static final String CLIENT_ACTION = "Tell the client how to authenticate servers, which creates the SwsWebSocketClient "
			+ "and SwsStompClient beans:\n"
			+ "    SWS v3 (the default) and v2: sws.client.trust-anchors=file:keys/my-ca-ca-cert.json, the CA certificate "
			+ "that signed the servers' certificates (the <name>-ca-cert.json of './sws-cert genca');\n"
			+ "    SWS v3 and v1: sws.client.pinned-server-keys=<the server's public key, in base64, "
			+ "from its /actuator/info or './sws-cert inspect'> (and sws.client.version=1 for v1).\n"
			+ "    (sws.client.insecure-accept-any-server-key=true connects to any server without authenticating it: "
			+ "development only.)";

	private final Binder binder;

	SwsMissingBeanFailureAnalyzer(Environment environment) {
		this.binder = Binder.get(environment);
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	protected @Nullable FailureAnalysis analyze(Throwable rootFailure, NoSuchBeanDefinitionException cause,
			@Nullable String description) {
		Class<?> type = (cause.getResolvableType() != null) ? cause.getResolvableType().resolve() : cause.getBeanType();
		if (type == null || cause.getNumberOfBeansFound() != 0) {
			return null;
		}
		String required = ((description != null) ? description : "A component") + " required a bean of type '"
				+ type.getName() + "' that could not be found.\n\n";
		if (type == SwsWebSocketClient.class || type == SwsStompClient.class) {
			return client(required, cause);
		}
		if (type == SwsWebSocketHandlerDecoratorFactory.class) {
			return server(required, cause);
		}
		return null;
	}

	private FailureAnalysis client(String required, NoSuchBeanDefinitionException cause) {
		if (!flag("sws.client.enabled", true)) {
			return new FailureAnalysis(required + "The SWS client is switched off: sws.client.enabled=false.",
					"Remove sws.client.enabled=false. " + CLIENT_ACTION, cause);
		}
		return new FailureAnalysis(required + "SWS creates the SwsWebSocketClient and SwsStompClient beans once "
				+ "sws.client.* says how to authenticate servers, and none of sws.client.trust-anchors, "
				+ "sws.client.pinned-server-keys or sws.client.insecure-accept-any-server-key is set.", CLIENT_ACTION,
				cause);
	}

	private FailureAnalysis server(String required, NoSuchBeanDefinitionException cause) {
		if (!flag("sws.server.enabled", true)) {
			return new FailureAnalysis(required + "The SWS server is switched off: sws.server.enabled=false.",
					"Remove sws.server.enabled=false.", cause);
		}
		String type = this.binder.bind("spring.main.web-application-type", WebApplicationType.class)
			.map((configured) -> " (spring.main.web-application-type=" + configured.name().toLowerCase(Locale.ROOT) + ")")
			.orElse("");
		return new FailureAnalysis(required + "SWS servers run in servlet web applications only, and this application "
				+ "is not one" + type + ".",
				"Run it as a servlet web application: depend on sws-spring-boot-starter (which brings Spring MVC and "
						+ "Tomcat) rather than sws-spring-boot-starter-client, and do not set "
						+ "spring.main.web-application-type to none or reactive.",
				cause);
	}

	private boolean flag(String property, boolean otherwise) {
		return this.binder.bind(property, Boolean.class).orElse(otherwise);
	}

}
