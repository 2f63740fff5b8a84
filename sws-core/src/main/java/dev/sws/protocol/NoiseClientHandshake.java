package dev.sws.protocol;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import dev.sws.cert.NaclCert;
import dev.sws.cert.PeerCertVerifier;
import dev.sws.crypto.BoxKeyPair;
import dev.sws.internal.noise.CipherStatePair;
import dev.sws.internal.noise.HandshakeState;
import dev.sws.internal.noise.NoiseRole;
import dev.sws.internal.wire.HandshakeTrailers;
import dev.sws.internal.wire.V3HandshakeCodec;
import dev.sws.internal.wire.V3Payloads;

/**
 * The client side of one SWS v3 handshake (docs/protocol/sws-v3.md section 5.6): the Noise XX
 * initiator. Message 1 (the offer and {@code e}) does not depend on the suite, so the client
 * builds its handshake state only when message 2 names the suite, with the ephemeral key it
 * already sent.
 *
 * <pre>
 * NEW             --start()--&gt;   message 1, AWAIT_MESSAGE_2
 * AWAIT_MESSAGE_2 --message 2, server verified--&gt; message 3 sent, AWAIT_READY
 * AWAIT_READY     --ready (empty transport message)--&gt; ESTABLISHED (secure channel)
 * any state       --anything wrong--&gt; failed (terminal)
 * </pre>
 */
final class NoiseClientHandshake extends ClientVersionHandshake {

	private enum State {

		NEW, AWAIT_MESSAGE_2, AWAIT_READY, ESTABLISHED

	}

	private static final byte[] EMPTY = new byte[0];

	private final ClientHandshakeSettings settings;

	private final String host;

	private State state = State.NEW;

	private byte @Nullable [] prologue;

	private @Nullable BoxKeyPair ephemeral;

	private @Nullable HandshakeState noise;

	private @Nullable NoiseChannel channel;

	private @Nullable PeerIdentity peer;

	private boolean serverRequiredCertificate;

	NoiseClientHandshake(ClientHandshakeSettings settings, String host) {
		this.settings = settings;
		this.host = host;
	}

	@Override
	HandshakeFrame start() {
		if (this.state != State.NEW) {
			throw new IllegalStateException("The handshake has already started");
		}
		byte[] offer = new byte[this.settings.getV3Suites().size()];
		for (int i = 0; i < offer.length; i++) {
			offer[i] = (byte) this.settings.getV3Suites().get(i).getId();
		}
		byte[] prologue = V3HandshakeCodec.prologue(offer);
		BoxKeyPair ephemeral = BoxKeyPair.generate(this.settings.random());
		this.prologue = prologue;
		this.ephemeral = ephemeral;
		this.state = State.AWAIT_MESSAGE_2;
		return new HandshakeFrame.Binary(V3HandshakeCodec.message1(prologue, ephemeral.getPublicKey()));
	}

	@Override
	HandshakeStep onText(String text) {
		throw new SwsProtocolException(FailureReason.UNEXPECTED_FRAME_TYPE, "Text frame during the v3 handshake");
	}

	@Override
	HandshakeStep onBinary(byte[] frame) {
		return switch (this.state) {
			case AWAIT_MESSAGE_2 -> onMessage2(frame);
			case AWAIT_READY -> onReady(frame);
			default -> throw new SwsProtocolException(FailureReason.UNEXPECTED_MESSAGE,
					"Unexpected v3 message in state " + this.state);
		};
	}

	@Override
	boolean serverRequiredCertificate() {
		return this.serverRequiredCertificate;
	}

	@Override
	Optional<ProtocolVersion> version() {
		return Optional.of(ProtocolVersion.V3);
	}

	@Override
	void discardSecrets() {
		if (this.noise != null) {
			this.noise.destroy();
		}
		else if (this.ephemeral != null) {
			this.ephemeral.destroy();
		}
		if (this.channel != null) {
			this.channel.destroy();
		}
	}

	private HandshakeStep onMessage2(byte[] frame) {
		V3HandshakeCodec.MessageTwo message = V3HandshakeCodec.readMessage2(frame);
		byte[] prologue = Objects.requireNonNull(this.prologue);
		V3CipherSuite suite = offered(prologue, message.suiteId());
		BoxKeyPair staticKey = this.settings.staticKeyPair();
		HandshakeState noise = HandshakeState.builder(suite.protocol(), NoiseRole.INITIATOR)
			.prologue(prologue)
			.localStaticKey(staticKey)
			.localEphemeralKey(Objects.requireNonNull(this.ephemeral))
			.build();
		this.noise = noise;
		// message 1 was sent before the suite was known; this rebuilds the same transcript (section 5.5)
		NoiseHandshakes.write(noise, EMPTY);
		try {
			byte[] payload = NoiseHandshakes.read(noise, message.noiseMessage(), 2);
			byte[] serverKey = noise.getRemoteStaticKey().orElseThrow();
			// section 5.1: ReadMessage, then the pinned key, then the payload, then the certificate
			if (!this.settings.isPinned(serverKey)) {
				throw new SwsProtocolException(FailureReason.PIN_MISMATCH, "The server key is not one of the pinned keys");
			}
			V3Payloads.ServerPayload received = V3Payloads.readServerPayload(payload);
			PeerIdentity peer = certify(serverKey, received);
			this.serverRequiredCertificate = received.requireClientCert();
			if (received.requireClientCert() && this.settings.getCertificate() == null) {
				throw new SwsProtocolException(FailureReason.CERT_MISSING,
						"The server requires a client certificate and none is configured");
			}
			byte[] reply = V3HandshakeCodec
				.message3(NoiseHandshakes.write(noise, this.settings.v3ClientPayload(received.requireClientCert())));
			CipherStatePair keys = noise.split();
			this.channel = new NoiseChannel(keys.getSender(), this.settings.getRekeyThresholds(), keys.getReceiver(),
					received.rekey());
			this.peer = peer;
			this.state = State.AWAIT_READY;
			return new HandshakeStep.Reply(new HandshakeFrame.Binary(reply));
		}
		finally {
			if (this.settings.getKeyPair() == null) {
				staticKey.destroy(); // a key for this connection only
			}
		}
	}

	/** The suite message 2 names, which must be one this client offered (section 5.3). */
	private static V3CipherSuite offered(byte[] prologue, int id) {
		byte[] offer = Arrays.copyOfRange(prologue, 6, prologue.length);
		for (byte candidate : offer) {
			if ((candidate & 0xFF) == id) {
				return V3CipherSuite.ofId(id).orElseThrow();
			}
		}
		throw new SwsProtocolException(FailureReason.UNSUPPORTED_VERSION, "The server chose v3 suite "
				+ NoiseHandshakes.ids(new byte[] { (byte) id }) + ", which this client did not offer: "
				+ NoiseHandshakes.ids(offer));
	}

	/**
	 * Checks the server's certificate when trust anchors are configured (section 7.1); the pinned
	 * key was checked before the payload was parsed.
	 */
	private PeerIdentity certify(byte[] serverKey, V3Payloads.ServerPayload received) {
		PeerCertVerifier verifier = this.settings.serverCertVerifier();
		if (verifier == null) {
			return new PeerIdentity(ProtocolVersion.V3, serverKey, null);
		}
		if (received.cert() == null) {
			throw new SwsProtocolException(FailureReason.CERT_MISSING, "The server sent no certificate");
		}
		NaclCert cert = HandshakeTrailers.certificate(received.cert());
		NaclCert issuer = HandshakeTrailers.accepted(verifier.checkServer(cert, serverKey, this.host));
		HandshakeTrailers.requireKeyMatch(cert, serverKey);
		return new PeerIdentity(ProtocolVersion.V3, serverKey, cert, issuer);
	}

	private HandshakeStep onReady(byte[] frame) {
		NoiseChannel channel = Objects.requireNonNull(this.channel);
		byte[] ready = channel.open(frame);
		if (ready.length != 0) {
			throw new SwsProtocolException(FailureReason.UNEXPECTED_MESSAGE,
					"The server's first transport message is not the empty ready message");
		}
		this.state = State.ESTABLISHED;
		return established(new HandshakeStep.Established(Optional.empty(), channel, Objects.requireNonNull(this.peer)));
	}

}
