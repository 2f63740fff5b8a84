package dev.sws.protocol;

import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import dev.sws.cert.NaclCert;
import dev.sws.cert.PeerCertVerifier;
import dev.sws.internal.noise.CipherStatePair;
import dev.sws.internal.noise.HandshakeState;
import dev.sws.internal.noise.NoiseRole;
import dev.sws.internal.wire.HandshakeTrailers;
import dev.sws.internal.wire.V3HandshakeCodec;
import dev.sws.internal.wire.V3Payloads;

/**
 * The server side of one SWS v3 handshake (docs/protocol/sws-v3.md section 5.6), which
 * {@link ServerHandshake} runs when the first frame carries the v3 magic: the Noise XX responder.
 *
 * <pre>
 * AWAIT_MESSAGE_1 --message 1--&gt; message 2 sent (certificate, policy, rekey), AWAIT_MESSAGE_3
 * AWAIT_MESSAGE_3 --message 3, client verified--&gt; ESTABLISHED (ready to send + secure channel)
 * any state       --anything wrong--&gt; failed (terminal)
 * </pre>
 */
final class NoiseServerHandshake extends VersionHandshake {

	private enum State {

		AWAIT_MESSAGE_1, AWAIT_MESSAGE_3, ESTABLISHED

	}

	private final ServerHandshakeSettings settings;

	private State state = State.AWAIT_MESSAGE_1;

	private @Nullable HandshakeState noise;

	NoiseServerHandshake(ServerHandshakeSettings settings) {
		this.settings = settings;
	}

	@Override
	HandshakeStep onText(String text) {
		throw new SwsProtocolException(FailureReason.UNEXPECTED_FRAME_TYPE, "Text frame during the v3 handshake");
	}

	@Override
	HandshakeStep onBinary(byte[] frame) {
		return switch (this.state) {
			case AWAIT_MESSAGE_1 -> onMessage1(frame);
			case AWAIT_MESSAGE_3 -> onMessage3(frame);
			default -> throw new SwsProtocolException(FailureReason.UNEXPECTED_MESSAGE,
					"Handshake message after the handshake completed");
		};
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
	}

	private HandshakeStep onMessage1(byte[] frame) {
		V3HandshakeCodec.MessageOne message = V3HandshakeCodec.readMessage1(frame);
		V3CipherSuite suite = choose(message.suiteIds());
		HandshakeState noise = HandshakeState.builder(suite.protocol(), NoiseRole.RESPONDER)
			.prologue(message.prologue())
			.localStaticKey(this.settings.getKeyPair())
			.random(this.settings.random())
			.build();
		this.noise = noise;
		NoiseHandshakes.read(noise, message.noiseMessage(), 1);
		byte[] reply = V3HandshakeCodec.message2(suite.getId(), NoiseHandshakes.write(noise, this.settings.v3ServerPayload()));
		this.state = State.AWAIT_MESSAGE_3;
		return new HandshakeStep.Reply(new HandshakeFrame.Binary(reply));
	}

	/** The first offered suite this server is willing to use (section 3). */
	private V3CipherSuite choose(byte[] offered) {
		for (byte id : offered) {
			Optional<V3CipherSuite> suite = V3CipherSuite.ofId(id & 0xFF);
			if (suite.isPresent() && this.settings.getV3Suites().contains(suite.get())) {
				return suite.get();
			}
		}
		throw new SwsProtocolException(FailureReason.UNSUPPORTED_VERSION, "None of the offered v3 suites "
				+ NoiseHandshakes.ids(offered) + " is one the server uses: " + this.settings.getV3Suites());
	}

	private HandshakeStep onMessage3(byte[] frame) {
		if (!V3HandshakeCodec.hasMagic(frame)) {
			// over an ordered WebSocket this is the client sending data before the ready message
			throw new SwsProtocolException(FailureReason.UNEXPECTED_MESSAGE,
					"A binary frame that is not a v3 handshake message before the ready message");
		}
		HandshakeState noise = Objects.requireNonNull(this.noise);
		byte[] payload = NoiseHandshakes.read(noise, V3HandshakeCodec.readMessage3(frame), 3);
		byte[] clientKey = noise.getRemoteStaticKey().orElseThrow();
		V3Payloads.ClientPayload received = V3Payloads.readClientPayload(payload);
		NaclCert cert = null;
		NaclCert issuer = null;
		PeerCertVerifier verifier = this.settings.clientCertVerifier();
		if (verifier != null) { // client certificates are required
			if (received.cert() == null) {
				throw new SwsProtocolException(FailureReason.CERT_MISSING, "The client sent no certificate");
			}
			cert = HandshakeTrailers.certificate(received.cert());
			issuer = HandshakeTrailers.accepted(verifier.checkClient(cert, clientKey));
			HandshakeTrailers.requireKeyMatch(cert, clientKey);
		}
		CipherStatePair keys = noise.split();
		NoiseChannel channel = new NoiseChannel(keys.getSender(), this.settings.getRekeyThresholds(),
				keys.getReceiver(), received.rekey());
		byte[] ready = channel.seal(new byte[0]);
		this.state = State.ESTABLISHED;
		return established(new HandshakeStep.Established(Optional.of(new HandshakeFrame.Binary(ready)), channel,
				new PeerIdentity(ProtocolVersion.V3, clientKey, cert, issuer)));
	}

}
