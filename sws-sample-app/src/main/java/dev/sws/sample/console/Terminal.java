package dev.sws.sample.console;

import java.io.PrintStream;

import dev.sws.sample.chat.ChatText;

/**
 * Where the console prints, one line at a time, never a control character: what a server or a
 * peer sends (messages, names, error texts) cannot move the cursor, recolour, retitle or clear
 * the terminal through ANSI escape sequences, nor reorder a line with bidirectional overrides.
 */
final class Terminal {

	private final PrintStream out;

	Terminal(PrintStream out) {
		this.out = out;
	}

	/**
	 * Prints one line, without its control characters.
	 * @param line the line
	 */
	void println(String line) {
		this.out.println(ChatText.withoutControlCharacters(line));
	}

}
