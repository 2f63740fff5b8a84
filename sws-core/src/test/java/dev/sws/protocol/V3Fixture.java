package dev.sws.protocol;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import dev.sws.cert.CertAuthority;
import dev.sws.cert.NaclCert;
import dev.sws.cert.TrustPolicy;
import dev.sws.crypto.BoxKeyPair;
import dev.sws.crypto.RandomSource;
import dev.sws.internal.crypto.Sha256;
import dev.sws.internal.noise.CipherStatePair;
import dev.sws.internal.noise.HandshakeState;
import dev.sws.internal.noise.NoiseProtocol;
import dev.sws.internal.noise.NoiseRole;
import dev.sws.internal.wire.HandshakeTrailers;
import dev.sws.internal.wire.V3HandshakeCodec;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keys, certificates and settings for the v3 handshake tests, and peers played by hand (on the
 * Noise handshake state, with any payload) to craft what our machines never send.
 */
final class V3Fixture {

	/** The time of every certificate check: the fixtures' certificates are valid for a year from it. */
	static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

	static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

	static final CertAuthority CA = CertAuthority.generate("sws-v3-test-ca", NOW.plus(Duration.ofDays(3650)), CLOCK,
			RandomSource.secure());

	static final BoxKeyPair SERVER_KEYS = BoxKeyPair.generate(RandomSource.secure());

	static final BoxKeyPair CLIENT_KEYS = BoxKeyPair.generate(RandomSource.secure());

	static final Instant CERT_EXPIRY = NOW.plus(Duration.ofDays(365));

	static final NaclCert SERVER_CERT = CA.issue(SERVER_KEYS.getPublicKey(), List.of("localhost"), List.of("127.0.0.1"),
			CERT_EXPIRY);

	static final NaclCert CLIENT_CERT = CA.issue(CLIENT_KEYS.getPublicKey(), List.of("client.test"), List.of(),
			CERT_EXPIRY);

	static final String HOST = "localhost";

	private V3Fixture() {
	}

	static TrustPolicy trust() {
		return trust(CLOCK);
	}

	static TrustPolicy trust(Clock clock) {
		return TrustPolicy.builder().trustAnchor(CA.getCertificate()).clock(clock).build();
	}

	/** A v3-only server with its certificate; clients need not present one. */
	static ServerHandshakeSettings.Builder server() {
		return ServerHandshakeSettings.builder(SERVER_KEYS).versions(EnumSet.of(ProtocolVersion.V3)).certificate(SERVER_CERT);
	}

	/** A v3 client with a fresh key per connection that pins the server's key. */
	static ClientHandshakeSettings.Builder pinnedClient() {
		return ClientHandshakeSettings.builder(ProtocolVersion.V3).pinnedServerKeys(List.of(SERVER_KEYS.getPublicKey()));
	}

	/** A v3 client with a certificate that verifies the server's. */
	static ClientHandshakeSettings.Builder certClient() {
		return ClientHandshakeSettings.builder(CLIENT_KEYS, ProtocolVersion.V3)
			.serverCertVerifier(trust())
			.certificate(CLIENT_CERT);
	}

	static ServerHandshake serverHandshake() {
		return new ServerHandshake(server().build());
	}

	static ClientHandshake clientHandshake(ClientHandshakeSettings.Builder settings) {
		return new ClientHandshake(settings.build(), HOST);
	}

	/** The bytes of a binary frame. */
	static byte[] bytes(HandshakeFrame frame) {
		assertThat(frame).isInstanceOf(HandshakeFrame.Binary.class);
		return ((HandshakeFrame.Binary) frame).bytes();
	}

	/** The bytes of a reply's binary frame. */
	static byte[] bytes(HandshakeStep step) {
		assertThat(step).isInstanceOf(HandshakeStep.Reply.class);
		return bytes(((HandshakeStep.Reply) step).frame());
	}

	/** The bytes of an established step's final frame (the server's ready message). */
	static byte[] finalBytes(HandshakeStep step) {
		assertThat(step).isInstanceOf(HandshakeStep.Established.class);
		return bytes(((HandshakeStep.Established) step).finalFrame().orElseThrow());
	}

	static HandshakeStep.Established established(HandshakeStep step) {
		assertThat(step).isInstanceOf(HandshakeStep.Established.class);
		return (HandshakeStep.Established) step;
	}

	static byte[] xor(byte[] message, int index, int mask) {
		byte[] changed = message.clone();
		changed[index] ^= (byte) mask;
		return changed;
	}

	static byte[] replace(byte[] message, int offset, byte[] bytes) {
		byte[] changed = message.clone();
		System.arraycopy(bytes, 0, changed, offset, bytes.length);
		return changed;
	}

	static byte[] concat(byte[]... parts) {
		return HandshakeTrailers.concat(parts);
	}

	static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	/** A payload's rekey member with the default thresholds. */
	static String rekey() {
		return "\"rekey\":{\"messages\":65536,\"bytes\":1073741824}";
	}

	/**
	 * The channels of an NN handshake between fixed ephemeral keys: the same keys every time, so
	 * that two pairs can be compared frame by frame. Index 0 is the initiator's, 1 the responder's.
	 * @param suite the cipher and hash
	 * @param initiator the thresholds the initiator announced
	 * @param responder the thresholds the responder announced
	 * @param firstNonce the counter both directions start from
	 */
	static NoiseChannel[] noiseChannels(V3CipherSuite suite, RekeyThresholds initiator, RekeyThresholds responder,
			long firstNonce) {
		NoiseProtocol nn = NoiseProtocol.parse(suite.getProtocolName().replace("_XX_", "_NN_"));
		HandshakeState a = HandshakeState.builder(nn, NoiseRole.INITIATOR)
			.localEphemeralKey(BoxKeyPair.fromSecretKey(channelSecret("initiator")))
			.build();
		HandshakeState b = HandshakeState.builder(nn, NoiseRole.RESPONDER)
			.localEphemeralKey(BoxKeyPair.fromSecretKey(channelSecret("responder")))
			.build();
		b.readMessage(a.writeMessage(new byte[0]));
		a.readMessage(b.writeMessage(new byte[0]));
		CipherStatePair aKeys = a.split();
		CipherStatePair bKeys = b.split();
		for (CipherStatePair keys : List.of(aKeys, bKeys)) {
			keys.getSender().setNonce(firstNonce);
			keys.getReceiver().setNonce(firstNonce);
		}
		return new NoiseChannel[] { new NoiseChannel(aKeys.getSender(), initiator, aKeys.getReceiver(), responder),
				new NoiseChannel(bKeys.getSender(), responder, bKeys.getReceiver(), initiator) };
	}

	/** The fixed ephemeral secrets of {@link #noiseChannels}. */
	static byte[] channelSecret(String label) {
		return Sha256.hash(utf8("noise channel test " + label));
	}

	/**
	 * A v3 server played by hand: it answers a real message 1 with message 2 carrying any payload
	 * (in the client's first suite), reads message 3, and seals any transport message.
	 */
	static final class ManualServer {

		private final V3CipherSuite suite;

		private final HandshakeState noise;

		private @Nullable CipherStatePair keys;

		ManualServer(byte[] message1) {
			this(message1, SERVER_KEYS);
		}

		/** A server that takes the client's first suite. */
		ManualServer(byte[] message1, BoxKeyPair staticKey) {
			V3HandshakeCodec.MessageOne message = V3HandshakeCodec.readMessage1(message1);
			V3CipherSuite suite = V3CipherSuite.ofId(message.suiteIds()[0]).orElseThrow();
			this.suite = suite;
			this.noise = HandshakeState.builder(suite.protocol(), NoiseRole.RESPONDER)
				.prologue(message.prologue())
				.localStaticKey(staticKey)
				.build();
			this.noise.readMessage(message.noiseMessage());
		}

		byte[] message2(String payload) {
			return V3HandshakeCodec.message2(this.suite.getId(), this.noise.writeMessage(utf8(payload)));
		}

		byte[] message2(@Nullable NaclCert cert, boolean requireClientCert) {
			return message2("{" + ((cert != null) ? "\"cert\":" + cert.toJson() + "," : "") + "\"requireClientCert\":"
					+ requireClientCert + "," + rekey() + "}");
		}

		String readMessage3(byte[] message3) {
			String payload = new String(this.noise.readMessage(V3HandshakeCodec.readMessage3(message3)),
					StandardCharsets.UTF_8);
			this.keys = this.noise.split();
			return payload;
		}

		byte[] seal(byte[] plaintext) {
			return Objects.requireNonNull(this.keys).getSender().encrypt(plaintext);
		}

	}

	/**
	 * A v3 client played by hand: it offers one suite, reads message 2 without checking anything,
	 * and answers with message 3 carrying any payload.
	 */
	static final class ManualClient {

		private final byte[] prologue;

		private final HandshakeState noise;

		private @Nullable CipherStatePair keys;

		ManualClient() {
			this(V3CipherSuite.CHACHAPOLY_BLAKE2B, BoxKeyPair.generate(RandomSource.secure()));
		}

		ManualClient(V3CipherSuite suite, BoxKeyPair staticKey) {
			this.prologue = V3HandshakeCodec.prologue(new byte[] { (byte) suite.getId() });
			this.noise = HandshakeState.builder(suite.protocol(), NoiseRole.INITIATOR)
				.prologue(this.prologue)
				.localStaticKey(staticKey)
				.build();
		}

		byte[] message1() {
			return V3HandshakeCodec.message1(this.prologue, this.noise.writeMessage(new byte[0]));
		}

		String readMessage2(byte[] message2) {
			return new String(this.noise.readMessage(V3HandshakeCodec.readMessage2(message2).noiseMessage()),
					StandardCharsets.UTF_8);
		}

		byte[] message3(String payload) {
			return message3(utf8(payload));
		}

		byte[] message3(byte[] payload) {
			byte[] message = V3HandshakeCodec.message3(this.noise.writeMessage(payload));
			this.keys = this.noise.split();
			return message;
		}

		byte[] open(byte[] frame) {
			return Objects.requireNonNull(this.keys).getReceiver().decrypt(frame);
		}

		byte[] seal(byte[] plaintext) {
			return Objects.requireNonNull(this.keys).getSender().encrypt(plaintext);
		}

	}

}
