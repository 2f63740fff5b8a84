package dev.sws.sample.echo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import dev.sws.sample.DevModeAppTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A plain Java program with only {@code sws-core} and its own dependencies on its class path
 * (Lazysodium, JNA, Jackson core, JSpecify; no Spring, no Jakarta) completes a v2 handshake with the
 * sample and gets its message echoed: {@code dev.sws.examples.PlainJavaEchoClient} in sws-core's
 * test sources, run in a JVM of its own with sws-core's run-time class path as Maven computed it.
 */
@DevModeAppTest
class PlainJavaPeerTests {

	private static final Path CORE = Path.of("..", "sws-core", "target").toAbsolutePath().normalize();

	@LocalServerPort
	int port;

	@Test
	void aPlainJavaPeerWithOnlySwsCoreTalksV2ToTheSample() throws Exception {
		List<String> classPath = coreClassPath();
		// Spring's jars are under org/springframework; "spring" alone would match a checkout's own folder name
		assertThat(classPath).as("the core's class path").noneMatch((entry) -> entry.contains("springframework"))
			.noneMatch((entry) -> entry.contains("jakarta"))
			.anyMatch((entry) -> entry.contains("lazysodium-java"));
		Path output = Files.createTempFile("plain-java-peer", ".log");
		Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				String.join(java.io.File.pathSeparator, classPath), "dev.sws.examples.PlainJavaEchoClient",
				"ws://127.0.0.1:" + this.port + "/echo",
				Path.of(DevModeAppTest.DEV_DIRECTORY, "sws-dev-ca-cert.json").toAbsolutePath().toString(),
				"hello from plain Java")
			.redirectErrorStream(true)
			.redirectOutput(output.toFile())
			.start();
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the peer finished").isTrue();
		String printed = Files.readString(output, StandardCharsets.UTF_8);
		assertThat(process.exitValue()).as("exit code; output:%n%s", printed).isZero();
		assertThat(printed).contains("echo: hello from plain Java").contains("server: PeerIdentity[V2");
	}

	/** sws-core's classes, the example's (its test classes) and its run-time dependencies, nothing else. */
	private static List<String> coreClassPath() throws IOException {
		Path dependencies = CORE.resolve("runtime-classpath.txt");
		assertThat(dependencies).as("sws-core's run-time class path (build sws-core in the same reactor)").exists();
		List<String> classPath = new ArrayList<>();
		classPath.add(CORE.resolve("classes").toString());
		classPath.add(CORE.resolve("test-classes").toString());
		classPath.addAll(Arrays.asList(Files.readString(dependencies).trim().split(java.io.File.pathSeparator)));
		return classPath;
	}

}
