package dev.sws.interop;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.sws.testsupport.NodeJs;
import dev.sws.testsupport.NodeProcess;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The original JavaScript implementation as the interop tests run it: {@code node-sws@1.2.1}
 * installed from npm into {@code target/npm-interop} (once; the tests fail, never skip, when
 * Node.js, npm or the install fail), and the driver scripts in {@code src/test/resources/interop}.
 */
final class OriginalSws {

	static final Path PREFIX = Path.of("target", "npm-interop").toAbsolutePath();

	/** How long a driver script may take to start listening. */
	static final Duration STARTUP = Duration.ofSeconds(20);

	private static Path modules;

	private OriginalSws() {
	}

	/**
	 * Installs the original if needed and checks that npm resolved exactly the dependencies the
	 * protocol specification was written against.
	 * @return the {@code node_modules} folder
	 */
	static synchronized Path modules() {
		if (modules == null) {
			Path installed = NodeJs.install(PREFIX, "node-sws@1.2.1");
			assertThat(NodeJs.installedVersion(installed, "nacl-cert")).as("nacl-cert under node-sws@1.2.1").isEqualTo("1.0.4");
			assertThat(NodeJs.installedVersion(installed, "ws")).as("ws under node-sws@1.2.1").isEqualTo("1.1.5");
			assertThat(NodeJs.installedVersion(installed, "tweetnacl")).as("tweetnacl under node-sws@1.2.1")
				.isEqualTo("0.13.0");
			modules = installed;
		}
		return modules;
	}

	/**
	 * Returns the browser build the package ships: {@code sws.js}, {@code nacl-fast.min.js},
	 * {@code nacl-cert.js} and {@code uuid.js}.
	 * @return the {@code demos/content} folder
	 */
	static Path browserBuild() {
		return modules().resolve("node-sws/demos/content");
	}

	/**
	 * Returns a driver script.
	 * @param name the file name in {@code src/test/resources/interop}
	 * @return its path
	 */
	static Path script(String name) {
		java.net.URL url = OriginalSws.class.getResource("/interop/" + name);
		if (url != null && !"file".equals(url.getProtocol())) {
			return NodeJs.script("/interop/" + name); // shared with the key tool's tests, from sws-test-support's jar
		}
		try {
			return Path.of(OriginalSws.class.getResource("/interop/" + name).toURI());
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Runs a driver script to completion.
	 * @param script the script's file name
	 * @param timeout the longest it may run
	 * @param args its arguments
	 * @return the outcome
	 */
	static NodeJs.Outcome run(String script, Duration timeout, String... args) {
		return NodeJs.run(modules(), PREFIX, timeout, command(script, args));
	}

	/**
	 * Starts a long-running driver script.
	 * @param script the script's file name
	 * @param args its arguments
	 * @return the process
	 */
	static NodeProcess spawn(String script, String... args) {
		return NodeJs.spawn(modules(), PREFIX, command(script, args));
	}

	private static List<String> command(String script, String... args) {
		List<String> command = new ArrayList<>(List.of("node", script(script).toString()));
		command.addAll(List.of(args));
		return command;
	}

}
