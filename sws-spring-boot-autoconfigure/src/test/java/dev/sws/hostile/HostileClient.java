package dev.sws.hostile;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import dev.sws.cert.NaclCert;

/**
 * A hostile client on one connection: the raw socket and the hand-played SWS client, with
 * shortcuts for the honest steps that precede an attack.
 */
final class HostileClient implements AutoCloseable {

	static final Duration WAIT = Duration.ofSeconds(10);

	final RawWebSocket ws;

	final ForgedClient sws;

	private HostileClient(RawWebSocket ws, ForgedClient sws) {
		this.ws = ws;
		this.sws = sws;
	}

	static HostileClient connect(URI uri, int version) throws IOException {
		return new HostileClient(RawWebSocket.connect(uri, WAIT), new ForgedClient(version));
	}

	/** Connects with a small receive buffer, as a client that means to stop reading. */
	static HostileClient connectToStopReading(URI uri, int version) throws IOException {
		return new HostileClient(RawWebSocket.connect(uri, WAIT, 4096), new ForgedClient(version));
	}

	/** Sends the honest ClientHello and returns its text. */
	String hello() throws IOException {
		String hello = this.sws.hello();
		this.ws.sendText(hello);
		return hello;
	}

	/** Sends the ClientHello and returns the server's ServerHello. */
	String helloAndAnswer() throws IOException {
		hello();
		return this.ws.nextText(WAIT);
	}

	/** Completes an honest handshake (presenting {@code certificate} in v2). */
	void handshake(NaclCert certificate) throws IOException {
		this.sws.open(helloAndAnswer());
		this.ws.sendText(this.sws.ready(certificate));
	}

	/** Seals a message on the established channel, without sending it. */
	byte[] seal(String message) {
		return this.sws.channel().seal(message.getBytes(StandardCharsets.UTF_8));
	}

	/** Sends a message honestly and waits for the application's echo. */
	void roundTrip(String message) throws IOException {
		this.ws.sendBinary(seal(message));
		String echo = new String(this.sws.channel().open(this.ws.nextBinary(WAIT)), StandardCharsets.UTF_8);
		if (!echo.equals(message)) {
			throw new IllegalStateException("Echo mismatch");
		}
	}

	byte[] publicKey() {
		return this.sws.keys.publicKey();
	}

	int awaitClose() throws IOException {
		return this.ws.awaitClose(WAIT);
	}

	@Override
	public void close() {
		this.ws.close();
	}

}
