package dev.sws.testsupport.hostile;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

import org.jspecify.annotations.Nullable;

/**
 * A WebSocket client over a plain socket that sends whatever it is told, down to malformed frames:
 * the hostile peer's transport. It performs the HTTP upgrade, then writes frames with any opcode,
 * FIN bit, mask or announced length, and reads the server's frames one at a time (blocking, with a
 * timeout). Being one socket and no threads, thousands of them make a cheap flood.
 */
public final class RawWebSocket implements AutoCloseable {

	public static final int TEXT = 0x1;

	public static final int BINARY = 0x2;

	public static final int CONTINUATION = 0x0;

	public static final int CLOSE = 0x8;

	public static final int PING = 0x9;

	public static final int PONG = 0xA;

	/** Close code reported when the connection ended without a close frame (RFC 6455 7.1.5). */
	public static final int NO_CLOSE_FRAME = 1006;

	private final Socket socket;

	private final InputStream in;

	private final OutputStream out;

	private RawWebSocket(Socket socket) throws IOException {
		this.socket = socket;
		this.in = socket.getInputStream();
		this.out = socket.getOutputStream();
	}

	/**
	 * Connects and upgrades.
	 * @param uri a {@code ws://} URI
	 * @param timeout connect and read timeout
	 * @return the open socket
	 * @throws IOException if the connection or the upgrade fails
	 */
	public static RawWebSocket connect(URI uri, Duration timeout) throws IOException {
		return connect(uri, timeout, 0);
	}

	/**
	 * Connects and upgrades with a small receive buffer, as a peer that means to stop reading:
	 * the server's writes then block after a few kilobytes instead of filling a large window.
	 * @param uri a {@code ws://} URI
	 * @param timeout connect and read timeout
	 * @param receiveBufferSize the socket's receive buffer in bytes, or 0 for the default
	 * @return the open socket
	 * @throws IOException if the connection or the upgrade fails
	 */
	public static RawWebSocket connect(URI uri, Duration timeout, int receiveBufferSize) throws IOException {
		Socket socket = new Socket();
		try {
			if (receiveBufferSize > 0) {
				socket.setReceiveBufferSize(receiveBufferSize);
			}
			socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), (int) timeout.toMillis());
			socket.setSoTimeout((int) timeout.toMillis());
			socket.setTcpNoDelay(true);
			RawWebSocket ws = new RawWebSocket(socket);
			ws.upgrade(uri);
			return ws;
		}
		catch (IOException | RuntimeException ex) {
			socket.close();
			throw ex;
		}
	}

	private void upgrade(URI uri) throws IOException {
		byte[] nonce = new byte[16];
		ThreadLocalRandom.current().nextBytes(nonce);
		String path = (uri.getRawQuery() != null) ? uri.getRawPath() + "?" + uri.getRawQuery() : uri.getRawPath();
		String request = "GET " + path + " HTTP/1.1\r\n" + "Host: " + uri.getHost() + ":" + uri.getPort() + "\r\n"
				+ "Upgrade: websocket\r\n" + "Connection: Upgrade\r\n" + "Sec-WebSocket-Key: "
				+ Base64.getEncoder().encodeToString(nonce) + "\r\n" + "Sec-WebSocket-Version: 13\r\n\r\n";
		this.out.write(request.getBytes(StandardCharsets.US_ASCII));
		this.out.flush();
		String head = readHead();
		if (!head.startsWith("HTTP/1.1 101")) {
			throw new IOException("Upgrade refused: " + head.lines().findFirst().orElse(""));
		}
	}

	private String readHead() throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		int matched = 0;
		while (matched < 4) {
			int b = this.in.read();
			if (b < 0) {
				throw new EOFException("Connection closed during the upgrade");
			}
			head.write(b);
			matched = (b == ((matched % 2 == 0) ? '\r' : '\n')) ? matched + 1 : ((b == '\r') ? 1 : 0);
		}
		return head.toString(StandardCharsets.ISO_8859_1);
	}

	public void sendText(String text) throws IOException {
		send(TEXT, true, text.getBytes(StandardCharsets.UTF_8));
	}

	public void sendBinary(byte[] payload) throws IOException {
		send(BINARY, true, payload);
	}

	/**
	 * Writes one masked frame.
	 * @param opcode any 4-bit opcode
	 * @param fin the FIN bit
	 * @param payload the payload
	 */
	public void send(int opcode, boolean fin, byte[] payload) throws IOException {
		sendFrame(opcode, fin, true, payload.length, payload);
	}

	/**
	 * Writes a frame exactly as described, even when inconsistent: the header announces
	 * {@code announcedLength} bytes whatever {@code payload} holds.
	 * @param opcode any 4-bit opcode, optionally with the RSV bits ({@code 0x70})
	 * @param fin the FIN bit
	 * @param masked whether to set the MASK bit and mask the payload (RFC 6455 requires it)
	 * @param announcedLength the length in the header
	 * @param payload the bytes that follow the header
	 */
	public synchronized void sendFrame(int opcode, boolean fin, boolean masked, long announcedLength, byte[] payload)
			throws IOException {
		ByteArrayOutputStream header = new ByteArrayOutputStream(14);
		header.write((fin ? 0x80 : 0) | (opcode & 0x7F));
		int maskBit = masked ? 0x80 : 0;
		if (announcedLength < 126) {
			header.write(maskBit | (int) announcedLength);
		}
		else if (announcedLength <= 0xFFFF) {
			header.write(maskBit | 126);
			header.write((int) (announcedLength >>> 8));
			header.write((int) announcedLength);
		}
		else {
			header.write(maskBit | 127);
			for (int shift = 56; shift >= 0; shift -= 8) {
				header.write((int) (announcedLength >>> shift));
			}
		}
		byte[] body = payload;
		if (masked) {
			byte[] mask = new byte[4];
			ThreadLocalRandom.current().nextBytes(mask);
			header.write(mask);
			body = new byte[payload.length];
			for (int i = 0; i < payload.length; i++) {
				body[i] = (byte) (payload[i] ^ mask[i & 3]);
			}
		}
		this.out.write(header.toByteArray());
		this.out.write(body);
		this.out.flush();
	}

	/** Writes bytes as they are, without framing. */
	public synchronized void sendRaw(byte[] bytes) throws IOException {
		this.out.write(bytes);
		this.out.flush();
	}

	/**
	 * Reads the next frame from the server.
	 * @param timeout how long to wait for it
	 * @return the frame, or {@code null} if the connection ended
	 * @throws SocketTimeoutException if nothing arrived in time
	 */
	public @Nullable Frame next(Duration timeout) throws IOException {
		this.socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
		int first = this.in.read();
		if (first < 0) {
			return null;
		}
		int second = readByte();
		long length = second & 0x7F;
		if (length == 126) {
			length = (readByte() << 8) | readByte();
		}
		else if (length == 127) {
			length = 0;
			for (int i = 0; i < 8; i++) {
				length = (length << 8) | readByte();
			}
		}
		if (length > 64 * 1024 * 1024) {
			throw new IOException("Server frame of " + length + " bytes");
		}
		byte[] payload = this.in.readNBytes((int) length);
		if (payload.length < length) {
			return null;
		}
		return new Frame(first & 0x0F, (first & 0x80) != 0, payload);
	}

	/**
	 * Reads the next frame, which must be a text frame.
	 * @param timeout how long to wait
	 * @return its text
	 * @throws IOException if something else arrived
	 */
	public String nextText(Duration timeout) throws IOException {
		Frame frame = next(timeout);
		if (frame == null || frame.opcode() != TEXT) {
			throw new IOException("Expected a text frame but got " + frame);
		}
		return frame.text();
	}

	/**
	 * Reads the next frame, which must be a binary frame.
	 * @param timeout how long to wait
	 * @return its payload
	 * @throws IOException if something else arrived
	 */
	public byte[] nextBinary(Duration timeout) throws IOException {
		Frame frame = next(timeout);
		if (frame == null || frame.opcode() != BINARY) {
			throw new IOException("Expected a binary frame but got " + frame);
		}
		return frame.payload();
	}

	/**
	 * Reads frames until the server's close frame (answering it) or the end of the connection.
	 * @param timeout how long to wait in all
	 * @return the close code, {@link #NO_CLOSE_FRAME} if the connection ended without one
	 * @throws SocketTimeoutException if the server did not close in time
	 */
	public int awaitClose(Duration timeout) throws IOException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			long left = deadline - System.nanoTime();
			if (left <= 0) {
				throw new SocketTimeoutException("The server did not close within " + timeout);
			}
			Frame frame;
			try {
				frame = next(Duration.ofNanos(left));
			}
			catch (SocketTimeoutException ex) {
				throw ex;
			}
			catch (IOException ex) {
				return NO_CLOSE_FRAME; // reset by the server
			}
			if (frame == null) {
				return NO_CLOSE_FRAME;
			}
			if (frame.opcode() == CLOSE) {
				int code = (frame.payload().length >= 2)
						? ((frame.payload()[0] & 0xFF) << 8) | (frame.payload()[1] & 0xFF) : 1005;
				try {
					send(CLOSE, true, Arrays.copyOf(frame.payload(), Math.min(2, frame.payload().length)));
				}
				catch (IOException | RuntimeException ex) {
					// the server may already have closed the connection
				}
				return code;
			}
		}
	}

	private int readByte() throws IOException {
		int b = this.in.read();
		if (b < 0) {
			throw new EOFException();
		}
		return b;
	}

	public boolean isClosed() {
		return this.socket.isClosed();
	}

	@Override
	public void close() {
		try {
			this.socket.close();
		}
		catch (IOException ex) {
			// nothing to do
		}
	}

	/**
	 * One frame from the server.
	 *
	 * @param opcode the opcode
	 * @param fin the FIN bit
	 * @param payload the payload
	 */
	@SuppressWarnings("ArrayRecordComponent") // a test's view of one received frame, never compared
	public record Frame(int opcode, boolean fin, byte[] payload) {

		String text() {
			return new String(this.payload, StandardCharsets.UTF_8);
		}

		@Override
		public String toString() {
			return "Frame[opcode=" + this.opcode + ", " + this.payload.length + " bytes]";
		}

	}

}
