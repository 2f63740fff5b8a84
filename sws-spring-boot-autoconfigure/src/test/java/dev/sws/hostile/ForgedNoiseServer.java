package dev.sws.hostile;

import java.nio.charset.StandardCharsets;

import dev.sws.cert.NaclCert;
import dev.sws.crypto.BoxKeyPair;
import dev.sws.internal.noise.CipherStatePair;
import dev.sws.internal.noise.HandshakeState;
import dev.sws.internal.noise.NoiseProtocol;
import dev.sws.internal.noise.NoiseRole;
import dev.sws.internal.wire.V3HandshakeCodec;
import dev.sws.testsupport.hostile.ForgedNoiseClient;

/**
 * An SWS v3 server played by hand, the mirror of {@link ForgedNoiseClient}: message 2 with any
 * payload under any static key, and the channel after message 3, to send a ready message or
 * anything else.
 */
final class ForgedNoiseServer {

	private final BoxKeyPair keys;

	private HandshakeState noise;

	private CipherStatePair channel;

	ForgedNoiseServer(BoxKeyPair keys) {
		this.keys = keys;
	}

	/** The honest message 2 payload: this server's certificate, no client certificate asked for. */
	static String payload(NaclCert certificate, boolean requireClientCert) {
		return "{\"cert\":" + certificate.toJson() + ",\"requireClientCert\":" + requireClientCert + ","
				+ ForgedNoiseClient.REKEY + "}";
	}

	/** Reads the client's message 1, which must offer suite {@code 01}. */
	void read(byte[] message1) {
		V3HandshakeCodec.MessageOne one = V3HandshakeCodec.readMessage1(message1);
		this.noise = HandshakeState.builder(NoiseProtocol.parse(ForgedNoiseClient.PROTOCOL), NoiseRole.RESPONDER)
			.prologue(one.prologue())
			.localStaticKey(this.keys)
			.build();
		this.noise.readMessage(one.noiseMessage());
	}

	/** Message 2 for suite {@code 01} with any payload. */
	byte[] message2(String payload) {
		return V3HandshakeCodec.message2(0x01, this.noise.writeMessage(payload.getBytes(StandardCharsets.UTF_8)));
	}

	/** Reads message 3 and splits; returns the client's payload. */
	String readMessage3(byte[] message3) {
		String payload = new String(this.noise.readMessage(V3HandshakeCodec.readMessage3(message3)),
				StandardCharsets.UTF_8);
		this.channel = this.noise.split();
		return payload;
	}

	byte[] seal(String plaintext) {
		return this.channel.getSender().encrypt(plaintext.getBytes(StandardCharsets.UTF_8));
	}

}
