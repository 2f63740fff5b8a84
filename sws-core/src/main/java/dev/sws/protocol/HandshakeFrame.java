package dev.sws.protocol;

import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * One handshake message as a WebSocket frame: text for v1 and v2 (JSON), binary for v3. An
 * adapter sends a {@link Text} as a text message and a {@link Binary} as a binary message, and
 * hands what it receives back through {@link HandshakeMachine#receive(HandshakeFrame)} or the
 * {@code receive} overload for the frame's type.
 */
public sealed interface HandshakeFrame permits HandshakeFrame.Text, HandshakeFrame.Binary {

	/**
	 * A text frame.
	 *
	 * @param text the frame's text
	 */
	record Text(String text) implements HandshakeFrame {

		@Override
		public String toString() {
			return "Text[" + this.text.length() + " chars]";
		}

	}

	/**
	 * A binary frame. Handshake messages are not secret, but they are compared by content and
	 * never shared: the record keeps its own copy and hands out copies.
	 *
	 * @param bytes the frame's payload
	 */
	@SuppressWarnings("ArrayRecordComponent") // copies in and out; equals and hashCode compare the content
	record Binary(byte[] bytes) implements HandshakeFrame {

		/**
		 * Creates a binary frame.
		 * @param bytes the frame's payload (copied)
		 */
		public Binary {
			bytes = bytes.clone();
		}

		/**
		 * Returns the frame's payload.
		 * @return a copy of the bytes
		 */
		@Override
		public byte[] bytes() {
			return this.bytes.clone();
		}

		/**
		 * Returns the number of bytes, without copying them.
		 * @return the payload's length
		 */
		public int length() {
			return this.bytes.length;
		}

		@Override
		public boolean equals(@Nullable Object other) {
			return (other instanceof Binary binary) && Arrays.equals(binary.bytes, this.bytes);
		}

		@Override
		public int hashCode() {
			return Arrays.hashCode(this.bytes);
		}

		@Override
		public String toString() {
			return "Binary[" + this.bytes.length + " bytes]";
		}

	}

}
