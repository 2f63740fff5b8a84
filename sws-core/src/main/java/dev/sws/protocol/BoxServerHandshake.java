package dev.sws.protocol;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

import dev.sws.cert.NaclCert;
import dev.sws.cert.PeerCertVerifier;
import dev.sws.crypto.WeakKeyException;
import dev.sws.internal.crypto.Nonce;
import dev.sws.internal.crypto.SecretBoxKey;
import dev.sws.internal.crypto.SharedBoxKey;
import dev.sws.internal.json.JsObject;
import dev.sws.internal.wire.ClientHello;
import dev.sws.internal.wire.ClientReady;
import dev.sws.internal.wire.HandshakeCodec;
import dev.sws.internal.wire.HandshakeMessage;
import dev.sws.internal.wire.HandshakeTrailers;
import dev.sws.internal.wire.ServerHello;

/**
 * The server side of one SWS v1 or v2 handshake, which {@link ServerHandshake} runs when the
 * first frame is text: the ClientHello names the version, which must be one the settings accept,
 * and the server answers in that version.
 *
 * <pre>
 * AWAIT_CLIENT_HELLO --ClientHello--&gt; ServerHello sent, AWAIT_CLIENT_READY
 * AWAIT_CLIENT_READY --ClientReady--&gt; ESTABLISHED (secure channel)
 * any state          --anything wrong--&gt; failed (terminal: every later input fails the same way)
 * </pre>
 */
final class BoxServerHandshake extends VersionHandshake {

	private enum State {

		AWAIT_CLIENT_HELLO, AWAIT_CLIENT_READY, ESTABLISHED

	}

	private final ServerHandshakeSettings settings;

	private State state = State.AWAIT_CLIENT_HELLO;

	// set by the ClientHello; the keys are dropped once the handshake ends

	private @Nullable ProtocolVersion version;

	private byte @Nullable [] clientPublicKey;

	private @Nullable SharedBoxKey sharedKey;

	private @Nullable Nonce serverNonce;

	private @Nullable SecretBoxKey serverShareKey;

	BoxServerHandshake(ServerHandshakeSettings settings) {
		this.settings = settings;
	}

	@Override
	HandshakeStep onText(String text) {
		HandshakeMessage message = this.settings.codec().decode(text);
		return switch (this.state) {
			case AWAIT_CLIENT_HELLO -> onClientHello(expect(message, ClientHello.class));
			case AWAIT_CLIENT_READY -> onClientReady(expect(message, ClientReady.class));
			default -> throw new SwsProtocolException(FailureReason.UNEXPECTED_MESSAGE,
					"Handshake message after the handshake completed");
		};
	}

	@Override
	HandshakeStep onBinary(byte[] frame) {
		throw new SwsProtocolException(FailureReason.UNEXPECTED_FRAME_TYPE, "Binary frame during the handshake");
	}

	@Override
	Optional<ProtocolVersion> version() {
		return Optional.ofNullable(this.version);
	}

	@Override
	void discardSecrets() {
		this.sharedKey = null;
		this.serverShareKey = null;
	}

	private static <T extends HandshakeMessage> T expect(HandshakeMessage message, Class<T> type) {
		if (!type.isInstance(message)) {
			throw new SwsProtocolException(FailureReason.UNEXPECTED_MESSAGE,
					"Expected " + type.getSimpleName() + " but received opc " + message.opc());
		}
		return type.cast(message);
	}

	private HandshakeStep onClientHello(ClientHello hello) {
		ProtocolVersion requested = ProtocolVersion.of(hello.version())
			.filter((version) -> version != ProtocolVersion.V3) // v3 opens with a binary message, never a ClientHello
			.filter(this.settings.getVersions()::contains)
			.orElseThrow(() -> new SwsProtocolException(FailureReason.UNSUPPORTED_VERSION,
					"Client asked for version " + hello.version() + ", server accepts " + this.settings.getVersions()));
		SharedBoxKey sharedKey;
		try {
			sharedKey = SharedBoxKey.between(this.settings.getKeyPair(), hello.clientPublicKey());
		}
		catch (WeakKeyException ex) {
			throw new SwsProtocolException(FailureReason.WEAK_KEY, ex.getMessage());
		}
		this.sharedKey = sharedKey;
		ClientHelloReplayCache replayCache = this.settings.replayCache();
		ClientHelloReplayCache.Outcome seen = (replayCache != null)
				? replayCache.record(hello.clientPublicKey(), hello.nonce()) : ClientHelloReplayCache.Outcome.FIRST_SEEN;
		if (seen == ClientHelloReplayCache.Outcome.REPLAYED) {
			throw new SwsProtocolException(FailureReason.REPLAYED_HELLO, "ClientHello replayed (same key and nonce)");
		}
		if (seen == ClientHelloReplayCache.Outcome.FULL) {
			throw new SwsProtocolException(FailureReason.REPLAY_CACHE_FULL,
					"The ClientHello replay cache is full of entries younger than its window");
		}
		this.version = requested;
		this.clientPublicKey = hello.clientPublicKey();
		Nonce serverNonce = Nonce.random(this.settings.random());
		SecretBoxKey serverShareKey = SecretBoxKey.random(this.settings.random());
		this.serverNonce = serverNonce;
		this.serverShareKey = serverShareKey;
		byte[] plaintext = HandshakeTrailers.concat(serverNonce.toWire(), serverShareKey.exportKey(),
				(requested == ProtocolVersion.V2) ? this.settings.serverHelloTrailer() : new byte[0]);
		byte[] blackbox = sharedKey.seal(plaintext, Nonce.fromWire(hello.nonce()));
		this.state = State.AWAIT_CLIENT_READY;
		return new HandshakeStep.Reply(new HandshakeFrame.Text(this.settings.codec()
			.encode(new ServerHello(requested.getNumber(), this.settings.getKeyPair().getPublicKey(), blackbox))));
	}

	private HandshakeStep onClientReady(ClientReady ready) {
		if (this.version == null || this.clientPublicKey == null || this.sharedKey == null || this.serverNonce == null
				|| this.serverShareKey == null) {
			// the state AWAIT_CLIENT_READY is entered only once the ClientHello set them all
			throw new IllegalStateException("ClientReady before a ClientHello was accepted");
		}
		if (ready.version() != this.version.getNumber()) {
			throw new SwsProtocolException(FailureReason.UNSUPPORTED_VERSION,
					"ClientReady has version " + ready.version() + " but the handshake is " + this.version);
		}
		byte[] plaintext = this.sharedKey.open(ready.blackbox(), this.serverNonce);
		if (plaintext == null) {
			throw new SwsProtocolException(FailureReason.HANDSHAKE_DECRYPT_FAILED, "ClientReady box does not open");
		}
		NaclCert clientCert = null;
		NaclCert clientIssuer = null;
		if (this.version == ProtocolVersion.V1) {
			if (plaintext.length != HandshakeCodec.BOX_FIXED_PLAINTEXT) {
				throw new SwsProtocolException(FailureReason.MALFORMED_TRAILER, "A v1 ClientReady box has a trailer");
			}
		}
		else {
			JsObject trailer = HandshakeTrailers.parseObject(plaintext);
			PeerCertVerifier verifier = this.settings.clientCertVerifier();
			if (verifier != null) { // client certificates are required
				if (trailer.size() == 0) {
					throw new SwsProtocolException(FailureReason.CERT_MISSING, "The client sent no certificate");
				}
				clientCert = HandshakeTrailers.certificate(trailer);
				clientIssuer = HandshakeTrailers.accepted(verifier.checkClient(clientCert, this.clientPublicKey));
				HandshakeTrailers.requireKeyMatch(clientCert, this.clientPublicKey);
			}
		}
		Nonce clientNonce = Nonce.fromWire(HandshakeTrailers.slice(plaintext, 0, Nonce.WIRE_LENGTH));
		SecretBoxKey clientShareKey = SecretBoxKey.of(HandshakeTrailers.slice(plaintext, Nonce.WIRE_LENGTH,
				HandshakeCodec.BOX_FIXED_PLAINTEXT));
		SecureChannel channel = new SecretBoxChannel(this.serverShareKey, this.serverNonce, clientShareKey, clientNonce);
		PeerIdentity peer = new PeerIdentity(this.version, this.clientPublicKey, clientCert, clientIssuer);
		this.state = State.ESTABLISHED;
		this.sharedKey = null;
		this.serverShareKey = null;
		return established(new HandshakeStep.Established(Optional.empty(), channel, peer));
	}

}
