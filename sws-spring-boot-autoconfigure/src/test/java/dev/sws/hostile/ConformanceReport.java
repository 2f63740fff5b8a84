package dev.sws.hostile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.sws.testsupport.ServletContainer;

/**
 * Collects what each hostile case observed and writes it as a Markdown table under
 * {@code target/hostile-report/} (one file per servlet container), the table of the suite's issue note.
 */
final class ConformanceReport {

	private final String name;

	private final String header;

	private final List<String> rows = new ArrayList<>();

	/**
	 * Creates a report.
	 * @param name the file name, without extension
	 * @param columns the column titles
	 */
	ConformanceReport(String name, String... columns) {
		this.name = name;
		this.header = "| " + String.join(" | ", columns) + " |\n|" + " --- |".repeat(columns.length) + "\n";
	}

	synchronized void add(Object... cells) {
		StringBuilder row = new StringBuilder("|");
		for (Object cell : cells) {
			row.append(' ').append(String.valueOf(cell).replace("|", "\\|")).append(" |");
		}
		this.rows.add(row.toString());
	}

	synchronized void write() {
		try {
			Path dir = Files.createDirectories(Path.of("target", "hostile-report"));
			// one file per container execution: the Jetty run must not overwrite Tomcat's report
			String container = ServletContainer.current().name().toLowerCase(Locale.ROOT);
			Files.writeString(dir.resolve(this.name + "-" + container + ".md"), this.header + String.join("\n", this.rows) + "\n");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
