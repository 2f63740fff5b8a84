package dev.sws.testsupport.hostile;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import dev.sws.crypto.BoxKeyPair;
import dev.sws.crypto.RandomSource;
import dev.sws.internal.noise.CipherStatePair;
import dev.sws.internal.noise.HandshakeState;
import dev.sws.internal.noise.NoiseProtocol;
import dev.sws.internal.noise.NoiseRole;
import dev.sws.internal.wire.V3HandshakeCodec;

/**
 * An SWS v3 client played by hand with the core's Noise primitives, so that every message can be
 * bent: the offer and the ephemeral key of message 1, the payload of message 3, and the channel
 * after {@code Split()} (its counters included). It offers suite {@code 01} only
 * (ChaChaPoly/BLAKE2b), so its handshake state exists from the start.
 */
public final class ForgedNoiseClient {

	/** The suite this client offers. */
	public static final String PROTOCOL = "Noise_XX_25519_ChaChaPoly_BLAKE2b";

	/** The rekey member every honest payload carries: the defaults. */
	public static final String REKEY = "\"rekey\":{\"messages\":65536,\"bytes\":1073741824}";

	private static final RandomSource RANDOM = RandomSource.secure();

	public final BoxKeyPair keys = BoxKeyPair.generate(RANDOM);

	public final byte[] prologue = V3HandshakeCodec.prologue(new byte[] { 0x01 });

	private final HandshakeState noise;

	private byte @Nullable [] message1;

	private @Nullable CipherStatePair channel;

	public ForgedNoiseClient() {
		this.noise = HandshakeState.builder(NoiseProtocol.parse(PROTOCOL), NoiseRole.INITIATOR)
			.prologue(this.prologue)
			.localStaticKey(this.keys)
			.build();
	}

	/** The honest message 1: the offer {@code 01} and this client's ephemeral key. */
	public byte[] message1() {
		this.message1 = V3HandshakeCodec.message1(this.prologue, this.noise.writeMessage(new byte[0]));
		return this.message1.clone();
	}

	/** Message 1 with any 32-byte ephemeral key, and the honest offer; nothing to continue with. */
	public byte[] message1With(byte[] ephemeralKey) {
		return V3HandshakeCodec.message1(this.prologue, ephemeralKey);
	}

	/**
	 * Reads message 2.
	 * @param message2 the server's message
	 * @return the server's payload text
	 */
	public String readMessage2(byte[] message2) {
		return new String(this.noise.readMessage(V3HandshakeCodec.readMessage2(message2).noiseMessage()),
				StandardCharsets.UTF_8);
	}

	/** The server's static key, once message 2 was read. */
	public byte[] serverKey() {
		return this.noise.getRemoteStaticKey().orElseThrow();
	}

	/** Message 3 with any payload; the channel exists afterwards. */
	public byte[] message3(byte[] payload) {
		byte[] message = V3HandshakeCodec.message3(this.noise.writeMessage(payload));
		this.channel = this.noise.split();
		return message;
	}

	public byte[] message3(String payload) {
		return message3(payload.getBytes(StandardCharsets.UTF_8));
	}

	/** The honest message 3: the certificate if one is given (as its JSON), and the rekey member. */
	public byte[] message3WithCertificate(@Nullable String certificateJson) {
		return message3("{" + ((certificateJson != null) ? "\"cert\":" + certificateJson + "," : "") + REKEY + "}");
	}

	public byte[] seal(byte[] plaintext) {
		return channel().getSender().encrypt(plaintext);
	}

	public byte[] open(byte[] frame) {
		return channel().getReceiver().decrypt(frame);
	}

	public CipherStatePair channel() {
		return Objects.requireNonNull(this.channel, "No channel before message 3");
	}

}
