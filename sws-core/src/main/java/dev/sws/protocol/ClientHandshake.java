package dev.sws.protocol;

import dev.sws.internal.wire.ClientHello;
import dev.sws.internal.wire.ClientReady;
import dev.sws.internal.wire.HandshakeCodec;
import dev.sws.internal.wire.HandshakeMessage;
import dev.sws.internal.wire.HandshakeTrailers;
import dev.sws.internal.wire.ServerHello;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

import dev.sws.cert.NaclCert;
import dev.sws.internal.crypto.Nonce;
import dev.sws.internal.crypto.SecretBoxKey;
import dev.sws.internal.crypto.SharedBoxKey;
import dev.sws.crypto.WeakKeyException;
import dev.sws.internal.json.JsBoolean;
import dev.sws.internal.json.JsObject;
import dev.sws.internal.json.JsValue;

/**
 * The client side of one SWS handshake, independent of any WebSocket library: send
 * {@link #start()}'s ClientHello when the socket opens, feed the ServerHello to
 * {@link #receive(String)}, then send the ClientReady it returns and use the channel at once.
 *
 * <pre>
 * NEW             --start()--&gt;     ClientHello, AWAIT_SERVER_HELLO
 * AWAIT_SERVER_HELLO --ServerHello--&gt; ESTABLISHED (ClientReady to send + secure channel)
 * any state       --anything wrong--&gt; FAILED (terminal)
 * </pre>
 *
 * <p>Instances are for one connection; methods are synchronized.
 */
public final class ClientHandshake implements HandshakeMachine {

	private enum State {

		NEW, AWAIT_SERVER_HELLO, ESTABLISHED, FAILED

	}

	private static final byte[] EMPTY_OBJECT = "{}".getBytes(StandardCharsets.UTF_8);

	private final ClientHandshakeSettings settings;

	private final String host;

	private State state = State.NEW;

	private HandshakeStep.Failed failure;

	private Nonce helloNonce;

	private boolean serverRequiredCertificate;

	/**
	 * Creates the state machine for one connection.
	 * @param settings the client's settings
	 * @param host the host of the URI being connected to, checked against a v2 server certificate
	 */
	public ClientHandshake(ClientHandshakeSettings settings, String host) {
		this.settings = settings;
		this.host = Objects.requireNonNull(host, "host");
	}

	/**
	 * Produces the ClientHello, once.
	 * @return the JSON text to send as a text frame
	 * @throws IllegalStateException if called twice
	 */
	public synchronized String start() {
		if (this.state != State.NEW) {
			throw new IllegalStateException("The handshake has already started");
		}
		this.helloNonce = Nonce.random(this.settings.random());
		this.state = State.AWAIT_SERVER_HELLO;
		return this.settings.codec()
			.encode(new ClientHello(this.settings.version().number(), this.settings.keyPair().publicKey(),
					this.helloNonce.toWire()));
	}

	/**
	 * Consumes one text frame from the server.
	 * @param text the frame's text
	 * @return the established channel with the ClientReady to send, or the failure
	 */
	@Override
	public synchronized HandshakeStep receive(String text) {
		if (this.state == State.FAILED) {
			return this.failure;
		}
		try {
			HandshakeMessage message = this.settings.codec().decode(text);
			if (this.state != State.AWAIT_SERVER_HELLO || !(message instanceof ServerHello hello)) {
				throw new SwsProtocolException(FailureReason.UNEXPECTED_MESSAGE,
						"Unexpected handshake message (opc " + message.opc() + ") in state " + this.state);
			}
			return onServerHello(hello);
		}
		catch (SwsProtocolException ex) {
			return fail(ex.reason(), ex.getMessage());
		}
	}

	/**
	 * Consumes a binary frame, which is never valid during the handshake.
	 * @return the failure
	 */
	@Override
	public synchronized HandshakeStep receiveBinary() {
		if (this.state == State.FAILED) {
			return this.failure;
		}
		return fail(FailureReason.UNEXPECTED_FRAME_TYPE, "Binary frame during the handshake");
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
		if (this.state == State.ESTABLISHED) {
			return Optional.empty();
		}
		return Optional.of(fail(reason, detail).failure());
	}

	/**
	 * Tells whether the handshake has finished, successfully or not.
	 * @return {@code true} once established or failed
	 */
	@Override
	public synchronized boolean isFinished() {
		return this.state == State.ESTABLISHED || this.state == State.FAILED;
	}

	/**
	 * Tells whether the server asked for this client's certificate (v2). Such a server may still
	 * refuse the certificate after the client's last message, by closing the connection.
	 * @return {@code true} if the ServerHello set {@code requireCert}
	 */
	public synchronized boolean serverRequiredCertificate() {
		return this.serverRequiredCertificate;
	}

	@Override
	public int maxMessageChars() {
		return this.settings.codec().maxMessageChars();
	}

	@Override
	public Optional<ProtocolVersion> version() {
		return Optional.of(this.settings.version());
	}

	private HandshakeStep.Failed fail(FailureReason reason, String detail) {
		if (this.state == State.FAILED) {
			return this.failure;
		}
		this.state = State.FAILED;
		this.failure = HandshakeStep.Failed.of(reason, detail);
		return this.failure;
	}

	private HandshakeStep onServerHello(ServerHello hello) {
		ProtocolVersion version = this.settings.version();
		if (hello.version() != version.number()) {
			throw new SwsProtocolException(FailureReason.UNSUPPORTED_VERSION,
					"Server answered in version " + hello.version() + ", client speaks " + version);
		}
		byte[] serverPublicKey = hello.serverPublicKey();
		SharedBoxKey sharedKey;
		try {
			sharedKey = SharedBoxKey.between(this.settings.keyPair(), serverPublicKey);
		}
		catch (WeakKeyException ex) {
			throw new SwsProtocolException(FailureReason.WEAK_KEY, ex.getMessage());
		}
		if (!this.settings.isPinned(serverPublicKey)) {
			throw new SwsProtocolException(FailureReason.PIN_MISMATCH, "The server key is not one of the pinned keys");
		}
		byte[] plaintext = sharedKey.open(hello.blackbox(), this.helloNonce);
		if (plaintext == null) {
			throw new SwsProtocolException(FailureReason.HANDSHAKE_DECRYPT_FAILED, "ServerHello box does not open");
		}
		NaclCert serverCert = null;
		NaclCert serverIssuer = null;
		boolean certRequired = false;
		if (version == ProtocolVersion.V1) {
			if (plaintext.length != HandshakeCodec.BOX_FIXED_PLAINTEXT) {
				throw new SwsProtocolException(FailureReason.MALFORMED_TRAILER, "A v1 ServerHello box has a trailer");
			}
		}
		else {
			JsObject trailer = HandshakeTrailers.parseObject(plaintext);
			JsValue certValue = trailer.get("cert").orElse(null);
			if (certValue == null) {
				throw new SwsProtocolException(FailureReason.CERT_MISSING, "The server sent no certificate");
			}
			if (!(trailer.get("requireCert").orElse(null) instanceof JsBoolean require)) {
				throw new SwsProtocolException(FailureReason.MALFORMED_TRAILER, "The v2 trailer has no boolean requireCert");
			}
			certRequired = require.value();
			this.serverRequiredCertificate = certRequired;
			serverCert = HandshakeTrailers.certificate(certValue);
			HandshakeTrailers.check(this.settings.serverCertVerifier().verifyServer(serverCert, serverPublicKey, this.host));
			HandshakeTrailers.requireKeyMatch(serverCert, serverPublicKey);
			serverIssuer = this.settings.serverCertVerifier().issuer(serverCert).orElse(null);
			if (certRequired && this.settings.certificate() == null) {
				throw new SwsProtocolException(FailureReason.CERT_MISSING,
						"The server requires a client certificate and none is configured");
			}
		}
		Nonce serverNonce = Nonce.fromWire(HandshakeTrailers.slice(plaintext, 0, Nonce.WIRE_LENGTH));
		SecretBoxKey serverShareKey = SecretBoxKey.of(HandshakeTrailers.slice(plaintext, Nonce.WIRE_LENGTH,
				HandshakeCodec.BOX_FIXED_PLAINTEXT));
		Nonce clientNonce = Nonce.random(this.settings.random());
		SecretBoxKey clientShareKey = SecretBoxKey.random(this.settings.random());
		byte[] trailer = new byte[0];
		if (version == ProtocolVersion.V2) {
			trailer = certRequired ? this.settings.certificate().toJson().getBytes(StandardCharsets.UTF_8) : EMPTY_OBJECT;
		}
		byte[] blackbox = sharedKey.seal(HandshakeTrailers.concat(clientNonce.toWire(), clientShareKey.exportKey(), trailer),
				serverNonce);
		String clientReady = this.settings.codec().encode(new ClientReady(version.number(), blackbox));
		SecureChannel channel = new SecureChannel(clientShareKey, clientNonce, serverShareKey, serverNonce);
		this.state = State.ESTABLISHED;
		return new HandshakeStep.Established(Optional.of(clientReady), channel,
				new PeerIdentity(version, serverPublicKey, serverCert, serverIssuer));
	}

}
