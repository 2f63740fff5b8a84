package dev.sws.sample.chat;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@link ChatText} takes out of text from other people.
 */
class ChatTextTests {

	@Test
	void ansiEscapeSequencesLoseTheCharactersThatMakeThemWork() {
		// CSI (clear screen, colour), OSC (window title) ended by BEL, and the one-character C1 CSI
		assertThat(ChatText.withoutControlCharacters("\u001b[2J\u001b[31mred\u001b[0m \u001b]0;owned\u0007 \u009b1mbold"))
			.isEqualTo("[2J[31mred[0m ]0;owned 1mbold");
	}

	@Test
	void everyC0AndC1ControlAndDelIsRemoved() {
		StringBuilder controls = new StringBuilder();
		for (char c = 0; c <= 0x9F; c++) {
			if (c <= 0x1F || c >= 0x7F) {
				controls.append(c);
			}
		}
		assertThat(ChatText.withoutControlCharacters("a" + controls + "b").strip()).matches("a +b");
		assertThat(ChatText.hasControlCharacters(controls.toString())).isTrue();
	}

	@Test
	void bidirectionalOverridesAndIsolatesAreRemoved() {
		String reordered = "invoice\u202Efdp.exe\u202C \u2066x\u2069 \u202A\u202B\u202D\u2067\u2068";
		assertThat(ChatText.withoutControlCharacters(reordered)).isEqualTo("invoicefdp.exe x ");
		assertThat(ChatText.hasControlCharacters("\u2067")).isTrue();
	}

	@Test
	void tabsAndLineBreaksBecomeSpacesSoThatAMessageStaysOnOneLine() {
		assertThat(ChatText.withoutControlCharacters("one\ttwo\r\n[12:00] admin: three\u0085four"))
			.isEqualTo("one two  [12:00] admin: three four");
	}

	@Test
	void ordinaryTextIsLeftAlone() {
		String text = "Grüße, 你好, שלום, emoji \uD83D\uDE00, <b>not bold</b> & \u00a0";
		assertThat(ChatText.withoutControlCharacters(text)).isSameAs(text);
		assertThat(ChatText.hasControlCharacters(text)).isFalse();
		assertThat(ChatText.withoutControlCharacters(null)).isEmpty();
	}

	@Test
	void cleaningStripsAndCutsWithoutSplittingASurrogatePair() {
		assertThat(ChatText.clean("  hi \u001b  ", 10)).isEqualTo("hi");
		assertThat(ChatText.clean("abcdef", 4)).isEqualTo("abcd");
		assertThat(ChatText.clean("abc\uD83D\uDE00", 4)).isEqualTo("abc");
		assertThat(ChatText.clean(null, 4)).isEmpty();
	}

}
