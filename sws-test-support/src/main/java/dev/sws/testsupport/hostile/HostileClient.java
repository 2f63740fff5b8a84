package dev.sws.testsupport.hostile;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import dev.sws.cert.NaclCert;

/**
 * A hostile client on one connection: the raw socket and the hand-played SWS client, with
 * shortcuts for the honest steps that precede an attack.
 */
public final class HostileClient implements AutoCloseable {

	public static final Duration WAIT = Duration.ofSeconds(10);

	public final RawWebSocket ws;

	public final ForgedClient sws;

	/** The v3 client, for connections that speak v3 (the v1/v2 {@link #sws} then stays unused). */
	public final ForgedNoiseClient noise = new ForgedNoiseClient();

	private final boolean v3;

	private HostileClient(RawWebSocket ws, ForgedClient sws) {
		this.ws = ws;
		this.sws = sws;
		this.v3 = sws.version == 3;
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

	/** Sends the honest v3 message 1 and returns the server's message 2. */
	public byte[] message1AndAnswer() throws IOException {
		this.ws.sendBinary(this.noise.message1());
		return this.ws.nextBinary(WAIT);
	}

	/**
	 * Runs an honest v3 handshake up to message 3 (presenting {@code certificateJson} if not
	 * {@code null}), without waiting for the ready message.
	 */
	public void v3UpToMessage3(@Nullable String certificateJson) throws IOException {
		this.noise.readMessage2(message1AndAnswer());
		this.ws.sendBinary(this.noise.message3WithCertificate(certificateJson));
	}

	/** Completes an honest v3 handshake: message 3, then the server's empty ready message. */
	public void v3Handshake(@Nullable String certificateJson) throws IOException {
		v3UpToMessage3(certificateJson);
		if (this.noise.open(this.ws.nextBinary(WAIT)).length != 0) {
			throw new IllegalStateException("The server's first transport message is not the empty ready message");
		}
	}

	/** Sends a message honestly on the v3 channel and waits for the application's echo. */
	public void v3RoundTrip(String message) throws IOException {
		this.ws.sendBinary(this.noise.seal(message.getBytes(StandardCharsets.UTF_8)));
		String echo = new String(this.noise.open(this.ws.nextBinary(WAIT)), StandardCharsets.UTF_8);
		if (!echo.equals(message)) {
			throw new IllegalStateException("Echo mismatch");
		}
	}

	/** The key this client identifies itself with: its v1/v2 box key, or for v3 its Noise static key. */
	public byte[] publicKey() {
		return this.v3 ? this.noise.keys.getPublicKey() : this.sws.keys.getPublicKey();
	}

	public int awaitClose() throws IOException {
		return this.ws.awaitClose(WAIT);
	}

	@Override
	public void close() {
		this.ws.close();
	}

}
