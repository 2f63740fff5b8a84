package dev.sws.testsupport.hostile;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import dev.sws.cert.NaclCert;

/**
 * A hostile client on one connection: the raw socket and the hand-played SWS client, with
 * shortcuts for the honest steps that precede an attack.
 */
public final class HostileClient implements AutoCloseable {

	public static final Duration WAIT = Duration.ofSeconds(10);

	public final RawWebSocket ws;

	public final ForgedClient sws;

	private HostileClient(RawWebSocket ws, ForgedClient sws) {
		this.ws = ws;
		this.sws = sws;
	}

	public static HostileClient connect(URI uri, int version) throws IOException {
		return new HostileClient(RawWebSocket.connect(uri, WAIT), new ForgedClient(version));
	}

	/** Connects with a small receive buffer, as a client that means to stop reading. */
	public static HostileClient connectToStopReading(URI uri, int version) throws IOException {
		return new HostileClient(RawWebSocket.connect(uri, WAIT, 4096), new ForgedClient(version));
	}

	/** Sends the honest ClientHello and returns its text. */
	public String hello() throws IOException {
		String hello = this.sws.hello();
		this.ws.sendText(hello);
		return hello;
	}

	/** Sends the ClientHello and returns the server's ServerHello. */
	public String helloAndAnswer() throws IOException {
		hello();
		return this.ws.nextText(WAIT);
	}

	/** Completes an honest handshake (presenting {@code certificate} in v2). */
	public void handshake(NaclCert certificate) throws IOException {
		this.sws.open(helloAndAnswer());
		this.ws.sendText(this.sws.ready(certificate));
	}

	/** Seals a message on the established channel, without sending it. */
	public byte[] seal(String message) {
		return this.sws.channel().seal(message.getBytes(StandardCharsets.UTF_8));
	}

	/** Sends a message honestly and waits for the application's echo. */
	public void roundTrip(String message) throws IOException {
		this.ws.sendBinary(seal(message));
		String echo = new String(this.sws.channel().open(this.ws.nextBinary(WAIT)), StandardCharsets.UTF_8);
		if (!echo.equals(message)) {
			throw new IllegalStateException("Echo mismatch");
		}
	}

	public byte[] publicKey() {
		return this.sws.keys.getPublicKey();
	}

	public int awaitClose() throws IOException {
		return this.ws.awaitClose(WAIT);
	}

	@Override
	public void close() {
		this.ws.close();
	}

}
