package dev.sws.starter.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The project's documentation as the docs tests read it: {@code README.md}, {@code SECURITY.md}
 * and every Markdown page under {@code docs/}, each split into its fenced code blocks and the
 * prose around them.
 */
final class Documentation {

	/** The repository root, seen from a module's folder (where Surefire runs the tests). */
	static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

	private static final Pattern FENCE = Pattern.compile("^(\\s*)(```+)\\s*([\\w+-]*).*$");

	private Documentation() {
	}

	/**
	 * Reads every page.
	 * @return the pages, README first
	 */
	static List<Page> pages() {
		List<Path> paths = new ArrayList<>();
		paths.add(ROOT.resolve("README.md"));
		paths.add(ROOT.resolve("SECURITY.md"));
		try (Stream<Path> docs = Files.walk(ROOT.resolve("docs"))) {
			docs.filter((path) -> path.toString().endsWith(".md")).sorted().forEach(paths::add);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return paths.stream().map(Page::read).toList();
	}

	/**
	 * A Markdown page.
	 * @param path where it is
	 * @param lines its lines
	 * @param blocks its fenced code blocks
	 */
	record Page(Path path, List<String> lines, List<Block> blocks) {

		static Page read(Path path) {
			try {
				List<String> lines = Files.readAllLines(path, StandardCharsets.UTF_8);
				return new Page(path, lines, blocks(path, lines));
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot read " + path, ex);
			}
		}

		/** The page's path from the repository root, as failures name it. */
		String name() {
			return ROOT.relativize(this.path).toString().replace('\\', '/');
		}

		/**
		 * Whether a line (0-based) is inside a fenced block, fences included.
		 * @param index the line's index
		 * @return {@code true} for code
		 */
		boolean isCode(int index) {
			return this.blocks.stream().anyMatch((block) -> index >= block.fenceLine() && index <= block.endLine());
		}

		private static List<Block> blocks(Path path, List<String> lines) {
			List<Block> blocks = new ArrayList<>();
			int i = 0;
			while (i < lines.size()) {
				Matcher open = FENCE.matcher(lines.get(i));
				if (!open.matches()) {
					i++;
					continue;
				}
				String indent = open.group(1);
				String fence = open.group(2);
				String language = open.group(3);
				int end = i + 1;
				while (end < lines.size() && !lines.get(end).strip().equals(fence)) {
					end++;
				}
				if (end == lines.size()) {
					throw new AssertionError(ROOT.relativize(path) + ":" + (i + 1) + ": a code block that never ends");
				}
				StringBuilder code = new StringBuilder();
				for (String line : lines.subList(i + 1, end)) {
					code.append(line.startsWith(indent) ? line.substring(indent.length()) : line.stripLeading()).append('\n');
				}
				blocks.add(new Block(path, language, i, end, code.toString()));
				i = end + 1;
			}
			return blocks;
		}

	}

	/**
	 * A fenced code block.
	 * @param page the page it is on
	 * @param language its info string's first word ({@code java}, {@code yaml}, or empty)
	 * @param fenceLine the 0-based line of its opening fence
	 * @param endLine the 0-based line of its closing fence
	 * @param code its content, without the fences and the fences' indentation
	 */
	record Block(Path page, String language, int fenceLine, int endLine, String code) {

		/**
		 * Where a line of the code is on its page, as {@code docs/server.md:42}.
		 * @param codeLine the 1-based line within the code
		 * @return the page and its 1-based line number
		 */
		String location(long codeLine) {
			return ROOT.relativize(this.page).toString().replace('\\', '/') + ":" + (this.fenceLine + 1 + codeLine);
		}

	}

}
