package dev.sws.starter.docs;

import java.io.File;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every Java snippet of the documentation compiles as shown, imports included, against what an
 * application with the starter has on its class path (this module's test class path).
 *
 * <p>The convention: a {@code ```java} block is a complete compilation unit, starting with its
 * {@code package} declaration or its first {@code import}. Each block compiles on its own, so two
 * pages may show classes of the same name. Code that is not meant to compile goes in a block of
 * another language ({@code ```text}).
 */
class DocumentationSnippetsTests {

	private static final Pattern COMPLETE = Pattern.compile("\\A\\s*(?://[^\\n]*\\n\\s*)*(package|import)\\s");

	private static final Pattern PUBLIC_TYPE = Pattern
		.compile("(?m)^public\\s+(?:(?:final|abstract|sealed|non-sealed)\\s+)*(?:class|interface|record|enum|@interface)\\s+(\\w+)");

	@TempDir
	Path classes;

	@TestFactory
	Stream<DynamicTest> everyJavaSnippetCompilesAsShown() {
		return javaBlocks().map((block) -> DynamicTest.dynamicTest(block.location(0), () -> compile(block)));
	}

	@Test
	void theDocumentationShowsJavaSnippets() {
		assertThat(javaBlocks().map(Documentation.Block::page).distinct())
			.as("pages with Java snippets")
			.contains(Documentation.ROOT.resolve("README.md"), Documentation.ROOT.resolve("docs/server.md"),
					Documentation.ROOT.resolve("docs/client.md"));
	}

	private static Stream<Documentation.Block> javaBlocks() {
		return Documentation.pages()
			.stream()
			.flatMap((page) -> page.blocks().stream())
			.filter((block) -> block.language().equals("java"));
	}

	private void compile(Documentation.Block block) throws Exception {
		assertThat(COMPLETE.matcher(block.code()).find())
			.as("%s: a java block is a complete compilation unit that starts with its package or imports; "
					+ "complete it, or show a fragment in a ```text block", block.location(1))
			.isTrue();
		JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
		assertThat(javac).as("javac (the tests run on a JDK)").isNotNull();
		Path output = Files.createTempDirectory(this.classes, "snippet");
		DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
		try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT,
				StandardCharsets.UTF_8)) {
			List<String> options = List.of("-classpath", classPath(), "-d", output.toString(), "-proc:none",
					"-implicit:none", "-encoding", "UTF-8");
			boolean compiled = javac.getTask(null, files, diagnostics, options, null, List.of(new Snippet(block)))
				.call();
			String errors = diagnostics.getDiagnostics()
				.stream()
				.filter((diagnostic) -> diagnostic.getKind() == Diagnostic.Kind.ERROR)
				.map((diagnostic) -> block.location(diagnostic.getLineNumber()) + ": "
						+ diagnostic.getMessage(Locale.ROOT))
				.collect(Collectors.joining("\n"));
			assertThat(compiled).as("the snippet at %s compiles:%n%s", block.location(1), errors).isTrue();
		}
	}

	/** The test class path: Surefire's own property, as java.class.path may hold only its booter jar. */
	private static String classPath() {
		String surefire = System.getProperty("surefire.test.class.path");
		String classPath = (surefire != null && !surefire.isBlank()) ? surefire : System.getProperty("java.class.path");
		assertThat(classPath.split(File.pathSeparator)).as("the test class path")
			.anyMatch((entry) -> entry.contains("sws-spring-websocket"));
		return classPath;
	}

	/** A block as a source file, named after its public type as javac requires. */
	private static final class Snippet extends SimpleJavaFileObject {

		private final String code;

		Snippet(Documentation.Block block) {
			super(URI.create("string:///" + fileName(block.code())), Kind.SOURCE);
			this.code = block.code();
		}

		private static String fileName(String code) {
			Matcher type = PUBLIC_TYPE.matcher(code);
			return (type.find() ? type.group(1) : "Snippet") + ".java";
		}

		@Override
		public CharSequence getCharContent(boolean ignoreEncodingErrors) {
			return this.code;
		}

	}

}
