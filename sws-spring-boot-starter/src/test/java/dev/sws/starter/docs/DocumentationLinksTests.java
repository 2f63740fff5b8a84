package dev.sws.starter.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.sws.protocol.FailureReason;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The documentation holds together: every relative link and image leads to a file, every anchor
 * to a heading; every test a page names exists; the Javadoc's references to the protocol
 * specifications name a section that exists; every failure reason is documented; and property
 * tables live only in the generated {@code docs/properties.md}.
 */
class DocumentationLinksTests {

	private static final Pattern LINK = Pattern.compile("!?\\[([^\\]]*)\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");

	private static final Pattern HEADING = Pattern.compile("^(#{1,6})\\s+(.*?)\\s*#*\\s*$");

	private static final Pattern INLINE_CODE = Pattern.compile("`[^`]*`");

	private static final Pattern NAMED_TEST = Pattern.compile("`(\\w+Tests)(?:#(\\w+))?`");

	private static final Pattern SPEC_REFERENCE = Pattern.compile(
			"docs/protocol/([\\w.-]+\\.md)(?:,? sections? (\\d+(?:\\.\\d+)?)(?:(?: and | to |, )(\\d+(?:\\.\\d+)?))?)?(?:,? (?:weakness )?(W\\d+))?");

	@Test
	void everyRelativeLinkLeadsToAFileAndEveryAnchorToAHeading() {
		List<String> dead = new ArrayList<>();
		for (Documentation.Page page : Documentation.pages()) {
			for (int i = 0; i < page.lines().size(); i++) {
				if (page.isCode(i)) {
					continue;
				}
				Matcher link = LINK.matcher(INLINE_CODE.matcher(page.lines().get(i)).replaceAll(""));
				while (link.find()) {
					String target = link.group(2);
					if (target.matches("^[a-z][a-z0-9+.-]*:.*")) {
						continue; // http:, https:, mailto:
					}
					String problem = problem(page.path(), target);
					if (problem != null) {
						dead.add(page.name() + ":" + (i + 1) + ": " + target + " (" + problem + ")");
					}
				}
			}
		}
		assertThat(dead).as("dead links").isEmpty();
	}

	@Test
	void everyTestThePagesNameExists() throws IOException {
		Map<String, List<Path>> tests = testSources();
		List<String> missing = new ArrayList<>();
		for (Documentation.Page page : Documentation.pages()) {
			for (int i = 0; i < page.lines().size(); i++) {
				Matcher named = NAMED_TEST.matcher(page.lines().get(i));
				while (named.find()) {
					List<Path> sources = tests.getOrDefault(named.group(1), List.of());
					if (sources.isEmpty()) {
						missing.add(page.name() + ":" + (i + 1) + ": no test class " + named.group(1));
					}
					else if (named.group(2) != null && sources.stream().noneMatch((source) -> declares(source, named.group(2)))) {
						missing.add(page.name() + ":" + (i + 1) + ": " + named.group(1) + " has no test " + named.group(2));
					}
				}
			}
		}
		assertThat(missing).as("tests named in the documentation").isEmpty();
	}

	@Test
	void javadocReferencesToTheSpecificationsNameSectionsThatExist() throws IOException {
		List<String> problems = new ArrayList<>();
		Map<String, Set<String>> sections = new HashMap<>();
		for (Path source : javaSources()) {
			List<String> lines = Files.readAllLines(source, StandardCharsets.UTF_8);
			for (int i = 0; i < lines.size(); i++) {
				String where = Documentation.ROOT.relativize(source) + ":" + (i + 1) + ": ";
				String line = lines.get(i);
				if (line.matches(".*\\bSPEC\\b.*")) {
					problems.add(where + "say which specification: docs/protocol/sws-v1-v2.md section N (or Wn)");
				}
				Matcher reference = SPEC_REFERENCE.matcher(line);
				while (reference.find()) {
					Path spec = Documentation.ROOT.resolve("docs/protocol").resolve(reference.group(1));
					if (!Files.isRegularFile(spec)) {
						problems.add(where + "no file docs/protocol/" + reference.group(1));
						continue;
					}
					Set<String> known = sections.computeIfAbsent(reference.group(1), (name) -> sectionsOf(spec));
					for (int group = 2; group <= 4; group++) {
						if (reference.group(group) != null && !known.contains(reference.group(group))) {
							problems.add(where + "docs/protocol/" + reference.group(1) + " has no " + reference.group(group));
						}
					}
				}
			}
		}
		assertThat(problems).as("references to the specifications").isEmpty();
	}

	@Test
	void everyFailureReasonIsDocumentedWithItsCloseCode() throws IOException {
		String architecture = Files.readString(Documentation.ROOT.resolve("docs/architecture.md"), StandardCharsets.UTF_8);
		List<String> undocumented = new ArrayList<>();
		for (FailureReason reason : FailureReason.values()) {
			if (!architecture.contains("`" + reason.getTag() + "`")) {
				undocumented.add(reason.getTag() + " (" + reason.getCloseCode() + ")");
			}
		}
		assertThat(undocumented).as("failure reasons missing from the table of docs/architecture.md").isEmpty();
	}

	@Test
	void propertyTablesLiveOnlyInTheGeneratedReference() {
		List<String> copies = new ArrayList<>();
		for (Documentation.Page page : Documentation.pages()) {
			if (page.name().equals("docs/properties.md")) {
				continue;
			}
			for (int i = 0; i < page.lines().size(); i++) {
				if (!page.isCode(i) && page.lines().get(i).matches("^\\|\\s*`(sws\\.server|sws\\.client|management)\\.[\\w.-]+`\\s*\\|.*")) {
					copies.add(page.name() + ":" + (i + 1));
				}
			}
		}
		assertThat(copies).as("rows of a property table outside docs/properties.md (link to it instead)").isEmpty();
	}

	/** Why a link is dead, or {@code null} if it leads somewhere. */
	private static String problem(Path page, String target) {
		int hash = target.indexOf('#');
		String file = (hash >= 0) ? target.substring(0, hash) : target;
		String anchor = (hash >= 0) ? target.substring(hash + 1) : null;
		Path resolved = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
		if (!resolved.startsWith(Documentation.ROOT)) {
			return "outside the repository";
		}
		if (!Files.exists(resolved)) {
			return "no such file";
		}
		if (anchor != null) {
			if (!resolved.toString().endsWith(".md")) {
				return "an anchor into a file that is not Markdown";
			}
			if (!anchors(resolved).contains(anchor)) {
				return "no heading with the anchor #" + anchor;
			}
		}
		return null;
	}

	/** GitHub's anchors of a page's headings, numbered as GitHub numbers repeated ones. */
	static Set<String> anchors(Path page) {
		Documentation.Page read = Documentation.Page.read(page);
		Set<String> anchors = new LinkedHashSet<>();
		Map<String, Integer> seen = new HashMap<>();
		for (int i = 0; i < read.lines().size(); i++) {
			Matcher heading = HEADING.matcher(read.lines().get(i));
			if (read.isCode(i) || !heading.matches()) {
				continue;
			}
			String slug = slug(heading.group(2));
			int count = seen.merge(slug, 1, Integer::sum);
			anchors.add((count == 1) ? slug : slug + "-" + (count - 1));
		}
		return anchors;
	}

	/** The anchor GitHub gives a heading: its text lower case, without punctuation, spaces as hyphens. */
	static String slug(String heading) {
		String text = heading.replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1").replace("`", "").replace("*", "");
		return text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
	}

	/** The numbered sections ({@code 7}, {@code 7.2}) and weaknesses ({@code W1}) of a specification. */
	private static Set<String> sectionsOf(Path spec) {
		Set<String> sections = new LinkedHashSet<>();
		try {
			for (String line : Files.readAllLines(spec, StandardCharsets.UTF_8)) {
				Matcher section = Pattern.compile("^#{2,4}\\s+(\\d+(?:\\.\\d+)?)[.\\s]").matcher(line);
				if (section.find()) {
					sections.add(section.group(1));
				}
				Matcher weakness = Pattern.compile("^-\\s+\\*\\*(W\\d+)\\b").matcher(line);
				if (weakness.find()) {
					sections.add(weakness.group(1));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return sections;
	}

	private static boolean declares(Path source, String method) {
		try {
			return Pattern.compile("\\b" + method + "\\s*\\(").matcher(Files.readString(source, StandardCharsets.UTF_8)).find();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Test classes by simple name, from every module's test sources. */
	private static Map<String, List<Path>> testSources() throws IOException {
		Map<String, List<Path>> tests = new HashMap<>();
		try (Stream<Path> files = sourceFiles()) {
			files.filter((path) -> path.toString().replace('\\', '/').contains("/src/test/"))
				.forEach((path) -> tests.computeIfAbsent(path.getFileName().toString().replace(".java", ""),
						(name) -> new ArrayList<>()).add(path));
		}
		return tests;
	}

	private static List<Path> javaSources() throws IOException {
		try (Stream<Path> files = sourceFiles()) {
			return files.toList();
		}
	}

	/** Every Java source of every module; build output, npm installs and Git's folder left out. */
	private static Stream<Path> sourceFiles() throws IOException {
		List<Path> sources = new ArrayList<>();
		Files.walkFileTree(Documentation.ROOT, new SimpleFileVisitor<>() {

			@Override
			public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
				String name = dir.getFileName().toString();
				return (name.equals("target") || name.equals("node_modules") || name.startsWith("."))
						&& !dir.equals(Documentation.ROOT) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
			}

			@Override
			public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
				if (file.toString().endsWith(".java") && file.toString().replace('\\', '/').contains("/src/")) {
					sources.add(file);
				}
				return FileVisitResult.CONTINUE;
			}

		});
		return sources.stream();
	}

}
