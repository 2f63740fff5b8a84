package dev.sws.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import static org.assertj.core.api.Assertions.fail;

/**
 * Runs Node.js and npm for the interoperability tests: installs npm packages into a folder under
 * {@code target/} once, runs scripts to completion, or starts them as {@link NodeProcess servers}.
 * Every run is bounded by a timeout. When {@code node} or {@code npm} is missing or an install
 * fails, the calling test fails with a message that says so; it is never skipped.
 */
public final class NodeJs {

	private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);

	private static final Pattern VERSION = Pattern.compile("\"version\"\\s*:\\s*\"([^\"]+)\"");

	private NodeJs() {
	}

	/**
	 * Installs npm packages into {@code prefix} unless each is already there in its exact version.
	 * @param prefix the npm prefix, such as {@code target/npm-interop}
	 * @param packages {@code name@version} specs
	 * @return {@code prefix/node_modules}, for {@code NODE_PATH}
	 */
	public static synchronized Path install(Path prefix, String... packages) {
		Path modules = prefix.toAbsolutePath().resolve("node_modules");
		if (List.of(packages).stream().allMatch((spec) -> isInstalled(modules, spec))) {
			return modules;
		}
		try {
			Files.createDirectories(prefix);
		}
		catch (IOException ex) {
			return fail("Cannot create " + prefix + ": " + ex);
		}
		List<String> command = new ArrayList<>(List.of("npm", "install", "--prefix", prefix.toAbsolutePath().toString(),
				"--no-audit", "--no-fund", "--no-save"));
		command.addAll(List.of(packages));
		Outcome outcome = run(modules, prefix, INSTALL_TIMEOUT, command);
		for (String spec : packages) {
			if (outcome.code() != 0 || !isInstalled(modules, spec)) {
				fail("'npm install " + String.join(" ", packages) + "' failed (exit " + outcome.code()
						+ "); the interop tests need Node.js 20 and npm with access to the npm registry:\n"
						+ outcome.output());
			}
		}
		return modules;
	}

	/**
	 * Returns the version of an installed package.
	 * @param modules a {@code node_modules} folder
	 * @param name the package name
	 * @return the version, or {@code null} if the package is not there
	 */
	public static @Nullable String installedVersion(Path modules, String name) {
		Path manifest = modules.resolve(name).resolve("package.json");
		try {
			Matcher matcher = VERSION.matcher(Files.readString(manifest));
			return matcher.find() ? matcher.group(1) : null;
		}
		catch (IOException ex) {
			return null;
		}
	}

	/**
	 * Returns a Node.js script of the test class path as a file Node can run: scripts shared by
	 * several modules come from this module's jar, so they are copied out, into
	 * {@code target/node-scripts} of the running module.
	 * @param classpathResource the script's class path resource, such as {@code /interop/nacl-cert-interop.js}
	 * @return the file
	 */
	public static synchronized Path script(String classpathResource) {
		Path file = Path.of("target", "node-scripts").resolve(Path.of(classpathResource).getFileName().toString())
			.toAbsolutePath();
		try (java.io.InputStream in = NodeJs.class.getResourceAsStream(classpathResource)) {
			if (in == null) {
				throw new IllegalArgumentException("No script " + classpathResource + " on the class path");
			}
			Files.createDirectories(file.getParent());
			Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
			return file;
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	private static boolean isInstalled(Path modules, String spec) {
		int at = spec.lastIndexOf('@');
		return spec.substring(at + 1).equals(installedVersion(modules, spec.substring(0, at)));
	}

	/**
	 * Runs a command to completion with {@code NODE_PATH} set to {@code modules}, failing the
	 * test if it cannot start or does not finish in time.
	 * @param modules the {@code node_modules} folder scripts load packages from
	 * @param workingDirectory the working directory
	 * @param timeout the longest the command may run
	 * @param command the command, such as {@code node script.js args...}
	 * @return the exit code and the output (stdout and stderr merged)
	 */
	public static Outcome run(Path modules, Path workingDirectory, Duration timeout, List<String> command) {
		Path output = null;
		try {
			output = Files.createTempFile("node-run", ".log");
			Process process = start(modules, workingDirectory, command, output);
			if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
				return fail("'" + String.join(" ", command) + "' did not finish within " + timeout + ":\n"
						+ Files.readString(output));
			}
			return new Outcome(process.exitValue(), Files.readString(output));
		}
		catch (IOException ex) {
			return fail("Cannot run '" + command.get(0) + "' (" + ex.getMessage()
					+ "); the interop tests need Node.js 20 and npm on the PATH");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return fail("Interrupted while running " + command);
		}
		finally {
			deleteQuietly(output);
		}
	}

	/**
	 * Starts a long-running Node.js script, such as a reference server.
	 * @param modules the {@code node_modules} folder scripts load packages from
	 * @param workingDirectory the working directory
	 * @param command the command
	 * @return the running process; close it to stop it
	 */
	public static NodeProcess spawn(Path modules, Path workingDirectory, List<String> command) {
		try {
			return new NodeProcess(start(modules, workingDirectory, command, null), String.join(" ", command));
		}
		catch (IOException ex) {
			return fail("Cannot run '" + command.get(0) + "' (" + ex.getMessage()
					+ "); the interop tests need Node.js 20 on the PATH");
		}
	}

	private static Process start(Path modules, Path workingDirectory, List<String> command, @Nullable Path output)
			throws IOException {
		ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile()).redirectErrorStream(true);
		if (output != null) {
			builder.redirectOutput(output.toFile());
		}
		builder.environment().put("NODE_PATH", modules.toString());
		return builder.start();
	}

	private static void deleteQuietly(@Nullable Path file) {
		if (file != null) {
			try {
				Files.deleteIfExists(file);
			}
			catch (IOException ex) {
				// a leftover temp file is harmless
			}
		}
	}

	/**
	 * What a finished command returned.
	 * @param code the exit code
	 * @param output stdout and stderr, merged
	 */
	public record Outcome(int code, String output) {

		/**
		 * Returns the JSON of the last output line that starts with {@code prefix + " "}, failing
		 * the test if the command failed or printed no such line.
		 * @param prefix the line's first word, such as {@code RESULT}
		 * @return the rest of the line
		 */
		public String lastLine(String prefix) {
			String start = prefix + " ";
			return output().lines()
				.filter((line) -> line.startsWith(start))
				.reduce((first, second) -> second)
				.filter((line) -> code() == 0)
				.map((line) -> line.substring(start.length()))
				.orElseGet(() -> fail("Exit " + code() + " without a '" + prefix + "' line:\n" + output()));
		}

	}

}
