package dev.sws.autoconfigure;

import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.assertj.ApplicationContextAssertProvider;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import dev.sws.websocket.SwsStompClient;
import dev.sws.websocket.SwsWebSocketClient;
import dev.sws.websocket.SwsWebSocketHandlerDecoratorFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A missing SWS bean is explained with the properties that create it: a new user got Boot's
 * generic "required a bean ... that could not be found".
 */
class SwsMissingBeanFailureAnalyzerTests {

	/** The environment of the last context, which a failed context no longer hands out. */
	private final AtomicReference<Environment> environment = new AtomicReference<>();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SwsAutoConfiguration.class))
		.withInitializer((context) -> this.environment.set(context.getEnvironment()));

	@Test
	void aStompClientWithoutClientPropertiesNamesThem() {
		this.runner.withUserConfiguration(ChatClient.class).run((context) -> {
			FailureAnalysis analysis = analyze(context);
			assertThat(analysis.getDescription()).isEqualTo("Parameter 0 of constructor in " + ChatClient.class.getName()
					+ " required a bean of type 'dev.sws.websocket.SwsStompClient' that could not be found.\n\n"
					+ "SWS creates the SwsWebSocketClient and SwsStompClient beans once sws.client.* says how to "
					+ "authenticate servers, and none of sws.client.trust-anchors, sws.client.pinned-server-keys or "
					+ "sws.client.insecure-accept-any-server-key is set.");
			assertThat(analysis.getAction()).isEqualTo(SwsMissingBeanFailureAnalyzer.CLIENT_ACTION)
				.contains("sws.client.trust-anchors=file:keys/my-ca-ca-cert.json",
						"sws.client.pinned-server-keys=",
						"sws.client.insecure-accept-any-server-key=true");
		});
		this.runner.withUserConfiguration(EchoClient.class)
			.run((context) -> assertThat(analyze(context).getDescription())
				.contains("required a bean of type 'dev.sws.websocket.SwsWebSocketClient' that could not be found."));
	}

	@Test
	void aClientSwitchedOffIsSaid() {
		this.runner.withUserConfiguration(ChatClient.class)
			.withPropertyValues("sws.client.enabled=false", "sws.client.trust-anchors=file:ca-cert.json")
			.run((context) -> {
				FailureAnalysis analysis = analyze(context);
				assertThat(analysis.getDescription()).endsWith("The SWS client is switched off: sws.client.enabled=false.");
				assertThat(analysis.getAction()).startsWith("Remove sws.client.enabled=false. ");
			});
	}

	@Test
	void aServerOutsideAServletWebApplicationIsExplained() {
		this.runner.withUserConfiguration(EchoServer.class)
			.withPropertyValues("spring.main.web-application-type=none")
			.run((context) -> {
				FailureAnalysis analysis = analyze(context);
				assertThat(analysis.getDescription()).endsWith("SWS servers run in servlet web applications only, and this "
						+ "application is not one (spring.main.web-application-type=none).");
				assertThat(analysis.getAction()).contains("sws-spring-boot-starter", "spring.main.web-application-type");
			});
		new WebApplicationContextRunner().withConfiguration(AutoConfigurations.of(SwsAutoConfiguration.class))
			.withInitializer((context) -> this.environment.set(context.getEnvironment()))
			.withUserConfiguration(EchoServer.class)
			.withPropertyValues("sws.server.enabled=false")
			.run((context) -> assertThat(analyze(context).getDescription())
				.endsWith("The SWS server is switched off: sws.server.enabled=false."));
	}

	@Test
	void otherMissingBeansAreLeftToBoot() {
		this.runner.withUserConfiguration(NeedsAString.class)
			.run((context) -> assertThat(new SwsMissingBeanFailureAnalyzer(this.environment.get())
				.analyze(context.getStartupFailure())).isNull());
	}

	private FailureAnalysis analyze(ApplicationContextAssertProvider<?> context) {
		assertThat(context).hasFailed();
		FailureAnalysis analysis = new SwsMissingBeanFailureAnalyzer(this.environment.get())
			.analyze(context.getStartupFailure());
		assertThat(analysis).as("an analysis of %s", context.getStartupFailure()).isNotNull();
		return analysis;
	}

	@Component
	static class ChatClient {

		ChatClient(SwsStompClient stomp) {
		}

	}

	@Component
	static class EchoClient {

		EchoClient(SwsWebSocketClient client) {
		}

	}

	@Component
	static class EchoServer {

		EchoServer(SwsWebSocketHandlerDecoratorFactory server) {
		}

	}

	@Component
	static class NeedsAString {

		NeedsAString(StringBuilder text) {
		}

	}

}
