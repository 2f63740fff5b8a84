package dev.sws.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import dev.sws.cert.NaclCert;
import dev.sws.cert.PeerCertVerifier;
import dev.sws.crypto.BoxKeyPair;
import dev.sws.crypto.WeakKeyException;
import dev.sws.internal.crypto.Nonce;
import dev.sws.internal.crypto.SecretBoxKey;
import dev.sws.internal.crypto.SharedBoxKey;
import dev.sws.internal.json.JsBoolean;
import dev.sws.internal.json.JsObject;
import dev.sws.internal.json.JsValue;
import dev.sws.internal.wire.ClientHello;
import dev.sws.internal.wire.ClientReady;
import dev.sws.internal.wire.HandshakeCodec;
import dev.sws.internal.wire.HandshakeMessage;
import dev.sws.internal.wire.HandshakeTrailers;
import dev.sws.internal.wire.ServerHello;

/**
 * The client side of one SWS v1 or v2 handshake, which {@link ClientHandshake} runs for those
 * versions: send {@link #start()}'s ClientHello when the socket opens, feed the ServerHello, then
 * send the ClientReady it returns and use the channel at once.
 *
 * <pre>
 * NEW             --start()--&gt;     ClientHello, AWAIT_SERVER_HELLO
 * AWAIT_SERVER_HELLO --ServerHello--&gt; ESTABLISHED (ClientReady to send + secure channel)
 * any state       --anything wrong--&gt; failed (terminal)
 * </pre>
 */
final class BoxClientHandshake extends ClientVersionHandshake {

	private enum State {

		NEW, AWAIT_SERVER_HELLO, ESTABLISHED

	}

	private static final byte[] EMPTY_OBJECT = "{}".getBytes(StandardCharsets.UTF_8);

	private final ClientHandshakeSettings settings;

	private final BoxKeyPair keyPair;

	private final String host;

	private State state = State.NEW;

	private @Nullable Nonce helloNonce;

	private boolean serverRequiredCertificate;

	BoxClientHandshake(ClientHandshakeSettings settings, String host) {
		this.settings = settings;
		this.keyPair = settings.staticKeyPair();
		this.host = host;
	}

	@Override
	HandshakeFrame start() {
		if (this.state != State.NEW) {
			throw new IllegalStateException("The handshake has already started");
		}
		this.helloNonce = Nonce.random(this.settings.random());
		this.state = State.AWAIT_SERVER_HELLO;
		return new HandshakeFrame.Text(this.settings.codec()
			.encode(new ClientHello(this.settings.getVersion().getNumber(), this.keyPair.getPublicKey(),
					this.helloNonce.toWire())));
	}

	@Override
	HandshakeStep onText(String text) {
		HandshakeMessage message = this.settings.codec().decode(text);
		if (this.state != State.AWAIT_SERVER_HELLO || !(message instanceof ServerHello hello)) {
			throw new SwsProtocolException(FailureReason.UNEXPECTED_MESSAGE,
					"Unexpected handshake message (opc " + message.opc() + ") in state " + this.state);
		}
		return onServerHello(hello);
	}

	@Override
	HandshakeStep onBinary(byte[] frame) {
		throw new SwsProtocolException(FailureReason.UNEXPECTED_FRAME_TYPE, "Binary frame during the handshake");
	}

	@Override
	boolean serverRequiredCertificate() {
		return this.serverRequiredCertificate;
	}

	@Override
	Optional<ProtocolVersion> version() {
		return Optional.of(this.settings.getVersion());
	}

	@Override
	void discardSecrets() {
		// the share keys exist only inside onServerHello
	}

	private HandshakeStep onServerHello(ServerHello hello) {
		ProtocolVersion version = this.settings.getVersion();
		if (hello.version() != version.getNumber()) {
			throw new SwsProtocolException(FailureReason.UNSUPPORTED_VERSION,
					"Server answered in version " + hello.version() + ", client speaks " + version);
		}
		byte[] serverPublicKey = hello.serverPublicKey();
		SharedBoxKey sharedKey;
		try {
			sharedKey = SharedBoxKey.between(this.keyPair, serverPublicKey);
		}
		catch (WeakKeyException ex) {
			throw new SwsProtocolException(FailureReason.WEAK_KEY, ex.getMessage());
		}
		if (!this.settings.isPinned(serverPublicKey)) {
			throw new SwsProtocolException(FailureReason.PIN_MISMATCH, "The server key is not one of the pinned keys");
		}
		// set by start(), before the state that accepts a ServerHello
		byte[] plaintext = sharedKey.open(hello.blackbox(), Objects.requireNonNull(this.helloNonce));
		if (plaintext == null) {
			throw new SwsProtocolException(FailureReason.HANDSHAKE_DECRYPT_FAILED, "ServerHello box does not open");
		}
		NaclCert serverCert = null;
		NaclCert serverIssuer = null;
		NaclCert clientCert = null;
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
			this.serverRequiredCertificate = require.value();
			serverCert = HandshakeTrailers.certificate(certValue);
			// build() refuses v2 settings without a verifier
			PeerCertVerifier verifier = Objects.requireNonNull(this.settings.serverCertVerifier());
			serverIssuer = HandshakeTrailers.accepted(verifier.checkServer(serverCert, serverPublicKey, this.host));
			HandshakeTrailers.requireKeyMatch(serverCert, serverPublicKey);
			if (require.value()) {
				clientCert = this.settings.getCertificate();
				if (clientCert == null) {
					throw new SwsProtocolException(FailureReason.CERT_MISSING,
							"The server requires a client certificate and none is configured");
				}
			}
		}
		Nonce serverNonce = Nonce.fromWire(HandshakeTrailers.slice(plaintext, 0, Nonce.WIRE_LENGTH));
		SecretBoxKey serverShareKey = SecretBoxKey.of(HandshakeTrailers.slice(plaintext, Nonce.WIRE_LENGTH,
				HandshakeCodec.BOX_FIXED_PLAINTEXT));
		Nonce clientNonce = Nonce.random(this.settings.random());
		SecretBoxKey clientShareKey = SecretBoxKey.random(this.settings.random());
		byte[] trailer = new byte[0];
		if (version == ProtocolVersion.V2) {
			trailer = (clientCert != null) ? clientCert.toJson().getBytes(StandardCharsets.UTF_8) : EMPTY_OBJECT;
		}
		byte[] blackbox = sharedKey.seal(HandshakeTrailers.concat(clientNonce.toWire(), clientShareKey.exportKey(), trailer),
				serverNonce);
		String clientReady = this.settings.codec().encode(new ClientReady(version.getNumber(), blackbox));
		SecureChannel channel = new SecretBoxChannel(clientShareKey, clientNonce, serverShareKey, serverNonce);
		this.state = State.ESTABLISHED;
		return established(new HandshakeStep.Established(Optional.of(new HandshakeFrame.Text(clientReady)), channel,
				new PeerIdentity(version, serverPublicKey, serverCert, serverIssuer)));
	}

}
