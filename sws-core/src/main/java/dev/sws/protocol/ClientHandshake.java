package dev.sws.protocol;

import java.util.Objects;
import java.util.Optional;

/**
 * The client side of one SWS handshake, independent of any WebSocket library. It speaks exactly
 * the version its settings name, and never falls back to another: send {@link #start()}'s frame
 * when the socket opens, feed the server's frames to {@code receive}, send each
 * {@link HandshakeStep.Reply}'s frame, and on {@link HandshakeStep.Established} send its final
 * frame, if any, and use the channel (see {@link HandshakeStep} for the messages of each version).
 *
 * <pre>
 * v1/v2: start() ClientHello; ServerHello --&gt; Established (ClientReady to send)
 * v3:    start() message 1;   message 2   --&gt; Reply (message 3);  ready --&gt; Established
 * any state --anything wrong--&gt; Failed (terminal: every later input fails the same way)
 * </pre>
 *
 * <p>Instances are for one connection; methods are synchronized.
 */
public final class ClientHandshake implements HandshakeMachine {

	private final ClientHandshakeSettings settings;

	private final ClientVersionHandshake delegate;

	/**
	 * Creates the state machine for one connection.
	 * @param settings the client's settings
	 * @param host the host of the URI being connected to, checked against the server's certificate
	 * (v2, v3)
	 */
	public ClientHandshake(ClientHandshakeSettings settings, String host) {
		Objects.requireNonNull(host, "host");
		this.settings = settings;
		this.delegate = (settings.getVersion() == ProtocolVersion.V3) ? new NoiseClientHandshake(settings, host)
				: new BoxClientHandshake(settings, host);
	}

	/**
	 * Produces the client's first message, once: the ClientHello (text) in v1/v2, message 1
	 * (binary) in v3.
	 * @return the frame to send when the socket opens
	 * @throws IllegalStateException if called twice
	 */
	public synchronized HandshakeFrame start() {
		return this.delegate.start();
	}

	/**
	 * Consumes one text frame from the server.
	 * @param text the frame's text
	 * @return the established channel with the ClientReady to send (v1/v2), or the failure
	 */
	@Override
	public synchronized HandshakeStep receive(String text) {
		return this.delegate.receive(text);
	}

	/**
	 * Consumes one binary frame from the server.
	 * @param frame the frame's payload
	 * @return message 3 to send, or the established channel once the ready message arrived (v3),
	 * or the failure
	 */
	@Override
	public synchronized HandshakeStep receive(byte[] frame) {
		return this.delegate.receive(frame);
	}

	/**
	 * Aborts the handshake from outside, for example when its timer fires. The first failure
	 * wins; a handshake that is already established is left alone.
	 * @param reason the reason
	 * @param detail a one-line explanation
	 * @return the failure now in force, or empty if the handshake was already established
	 */
	@Override
	public synchronized Optional<HandshakeFailure> abort(FailureReason reason, String detail) {
		return this.delegate.abort(reason, detail);
	}

	/**
	 * Tells whether the handshake has finished, successfully or not.
	 * @return {@code true} once established or failed
	 */
	@Override
	public synchronized boolean isFinished() {
		return this.delegate.isFinished();
	}

	/**
	 * Tells whether the server asked for this client's certificate. A v2 server may still refuse
	 * the certificate after the client's last message, by closing the connection; a v3 server
	 * refuses it before its ready message, so a v3 client is never established with a server that
	 * refused it.
	 * @return {@code true} if the ServerHello set {@code requireCert} (v2) or message 2 set
	 * {@code requireClientCert} (v3)
	 */
	public synchronized boolean isClientCertificateRequired() {
		return this.delegate.serverRequiredCertificate();
	}

	@Override
	public int getMaxMessageChars() {
		return this.settings.codec().maxMessageChars();
	}

	@Override
	public Optional<ProtocolVersion> getVersion() {
		return this.delegate.version();
	}

}
