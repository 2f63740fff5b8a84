package dev.sws.autoconfigure;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.sws.it.SwsTestApplication;
import dev.sws.testsupport.TestPki;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The INFO line per SWS endpoint at startup: a new user saw nothing that said the server was on.
 */
@ExtendWith(OutputCaptureExtension.class)
class SwsEndpointLoggerTests {

	private static final TestPki PKI = TestPki.create("endpoints.sws.dev");

	@TempDir
	Path dir;

	private WebApplicationContextRunner runner() {
		PKI.writeTo(this.dir);
		return new WebApplicationContextRunner().withConfiguration(AutoConfigurations.of(SwsAutoConfiguration.class))
			.withPropertyValues("sws.server.key-pair=file:" + this.dir.resolve("server-kp.json"),
					"sws.server.certificate=file:" + this.dir.resolve("server-cert.json"));
	}

	@Test
	void oneLinePerSwsEndpointWithWhatAClientNeedsToKnow(CapturedOutput output) {
		runner().withUserConfiguration(SwsTestApplication.PlainHandlers.class, SwsTestApplication.Stomp.class).run((context) -> {
			assertThat(context).hasNotFailed();
			String server = "versions 1,2,3, client certificates not required, server key "
					+ PKI.serverCert.getPublicKeyFingerprint() + ", certificate for [localhost, 127.0.0.1] from CA "
					+ "\"endpoints.sws.dev\", expires " + PKI.serverCert.getExpiresAt();
			assertThat(context.getBean(SwsEndpointLogger.class).describeEndpoints()).containsExactly(
					"SWS endpoint /echo (EchoHandler): " + server, "SWS endpoint /stomp (STOMP): " + server,
					"SWS endpoint /whoami (WhoAmIHandler): " + server);
			assertThat(output.getAll().lines().filter((line) -> line.contains("SWS endpoint"))).hasSize(3)
				.allSatisfy((line) -> assertThat(line).contains("INFO", "SwsEndpointLogger"));
			assertThat(output).as("a handler without SWS").doesNotContain("/silent")
				.doesNotContain("No WebSocket endpoint speaks SWS");
		});
	}

	@Test
	void requiredClientCertificatesAreSaid() {
		runner().withUserConfiguration(SwsTestApplication.PlainHandlers.class)
			.withPropertyValues("sws.server.require-client-cert=true",
					"sws.server.trust-anchors=file:" + this.dir.resolve("ca-cert.json"))
			.run((context) -> assertThat(context.getBean(SwsEndpointLogger.class).describeEndpoints()).hasSize(2)
				.allSatisfy((line) -> assertThat(line).contains(": versions 2,3, client certificates required, server key ")));
	}

	@Test
	void withoutSwsEndpointsOneLineSaysHowToAddOne(CapturedOutput output) {
		runner().run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(output).contains("No WebSocket endpoint speaks SWS")
				.contains("registry.addHandler(swsServer.decorate(handler), path)");
		});
	}

}
