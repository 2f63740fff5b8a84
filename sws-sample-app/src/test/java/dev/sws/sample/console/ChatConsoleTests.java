package dev.sws.sample.console;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import org.springframework.messaging.simp.stomp.StompHeaders;

import dev.sws.sample.chat.ChatMessage;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the console prints when a hostile server (or a server that relays a hostile peer
 * unfiltered) sends control characters: none of them reach the terminal.
 */
class ChatConsoleTests {

	final ByteArrayOutputStream printed = new ByteArrayOutputStream();

	final Terminal terminal = new Terminal(new PrintStream(this.printed, true, StandardCharsets.UTF_8));

	@Test
	void aMessageCannotSteerTheTerminal() {
		new ChatConsole.ChatPrinter(this.terminal).handleFrame(new StompHeaders(),
				new ChatMessage("\u001b[31mroot\u001b[0m\u202e", "\u001b]0;owned\u0007\u001b[2J\u009b2Jhi\r\n[00:00] admin: fake",
						Instant.parse("2026-01-01T12:00:00Z")));
		assertThat(output()).doesNotContain("\u001b", "\u0007", "\u009b", "\u202e", "\r")
			.endsWith("[31mroot[0m: ]0;owned[2J2Jhi  [00:00] admin: fake\n")
			.hasLineCount(1);
	}

	@Test
	void aRefusalCannotSteerTheTerminal() {
		StompHeaders error = new StompHeaders();
		error.set("message", "\u001b[2J\u001b[Hgone\nfake: line");
		new ChatConsole.ConnectionHandler(this.terminal).handleFrame(error, null);
		assertThat(output()).isEqualTo("The server refused: [2J[Hgone fake: line\n");
	}

	@Test
	void everyLineGoesThroughTheFilter() {
		this.terminal.println("plain \u001b[5mblink\u001b[0m \u2067text\u2069");
		assertThat(output()).isEqualTo("plain [5mblink[0m text\n");
	}

	private String output() {
		return this.printed.toString(StandardCharsets.UTF_8);
	}

}
