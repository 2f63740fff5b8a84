package dev.sws.websocket;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Joins the fragments of one inbound WebSocket message. SWS handlers accept partial messages so
 * that the container can keep its small default buffers (Tomcat allocates its message buffers per
 * session, eagerly); this buffer exists only while a fragmented message is in flight, and refuses
 * to grow past its limit.
 */
final class FragmentBuffer {

	private final List<byte[]> chunks = new ArrayList<>();

	private int length;

	private @Nullable StringBuilder text;

	/**
	 * Appends a binary fragment.
	 * @return the whole message once {@code last}, {@code null} before that
	 * @throws TooLarge if the message would exceed {@code limit} bytes
	 */
	byte @Nullable [] appendBinary(ByteBuffer fragment, boolean last, int limit) throws TooLarge {
		int size = fragment.remaining();
		if ((long) this.length + size > limit) {
			long total = (long) this.length + size;
			reset();
			throw new TooLarge(total);
		}
		byte[] chunk = new byte[size];
		fragment.duplicate().get(chunk);
		if (last && this.chunks.isEmpty()) {
			return chunk;
		}
		// every byte is copied twice (out of the container's buffer, then into the message),
		// where a doubling array would copy it three times on average and keep the slack
		this.chunks.add(chunk);
		this.length += size;
		if (!last) {
			return null;
		}
		byte[] whole = new byte[this.length];
		int offset = 0;
		for (byte[] part : this.chunks) {
			System.arraycopy(part, 0, whole, offset, part.length);
			offset += part.length;
		}
		reset();
		return whole;
	}

	/**
	 * Appends a text fragment.
	 * @return the whole message once {@code last} (or once it passed {@code limit}, so that the
	 * caller refuses it), {@code null} before that
	 */
	@Nullable String appendText(String fragment, boolean last, int limit) {
		if (last && this.text == null) {
			return fragment;
		}
		if (this.text == null) {
			this.text = new StringBuilder();
		}
		this.text.append(fragment);
		if (!last && this.text.length() <= limit) {
			return null;
		}
		String whole = this.text.toString();
		this.text = null;
		return whole;
	}

	private void reset() {
		this.chunks.clear();
		this.length = 0;
	}

	/** A fragmented message grew past its limit. */
	static final class TooLarge extends Exception {

		private static final long serialVersionUID = 1L;

		TooLarge(long size) {
			super("Message of at least " + size + " bytes", null, false, false);
		}

	}

}
