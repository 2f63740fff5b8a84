package dev.sws.protocol;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.sws.cert.CertRejection;
import dev.sws.cert.NaclCert;
import dev.sws.cert.PeerCertVerifier;
import dev.sws.crypto.BoxKeyPair;
import dev.sws.crypto.RandomSource;
import dev.sws.internal.crypto.Nonce;
import dev.sws.internal.crypto.SharedBoxKey;
import dev.sws.internal.wire.ClientHello;
import dev.sws.internal.wire.ClientReady;
import dev.sws.internal.wire.HandshakeCodec;
import dev.sws.internal.wire.HandshakeTrailers;
import dev.sws.internal.wire.ServerHello;
import dev.sws.testsupport.Vectors;

import static dev.sws.testsupport.Vectors.hex;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keys, certificates and settings for handshake tests, and helpers that play a peer by hand to
 * craft hostile messages. The v2 identities are those of the recorded {@code
 * handshake_v2_requireCert} run, whose certificates match their keys.
 */
final class HandshakeFixture {

	static final HandshakeCodec CODEC = new HandshakeCodec();

	static final BoxKeyPair SERVER_KEYS = keys("server");

	static final BoxKeyPair CLIENT_KEYS = keys("client");

	static final NaclCert SERVER_CERT = cert("server_cert");

	static final NaclCert CLIENT_CERT = cert("client_cert");

	private HandshakeFixture() {
	}

	private static BoxKeyPair keys(String who) {
		var node = Vectors.section("handshake_v2_requireCert");
		return BoxKeyPair.of(hex(node, who + "_box_public_key"), hex(node, who + "_box_secret_key"));
	}

	private static NaclCert cert(String name) {
		return NaclCert.parse(Vectors.section("handshake_v2_requireCert").get(name).toString());
	}

	static ServerHandshakeSettings.Builder server(Set<ProtocolVersion> versions) {
		ServerHandshakeSettings.Builder builder = ServerHandshakeSettings.builder(SERVER_KEYS).versions(versions);
		if (versions.contains(ProtocolVersion.V2)) {
			builder.certificate(SERVER_CERT);
		}
		return builder;
	}

	static ServerHandshakeSettings v1Server() {
		return server(EnumSet.of(ProtocolVersion.V1)).build();
	}

	static ClientHandshakeSettings.Builder client(ProtocolVersion version) {
		ClientHandshakeSettings.Builder builder = ClientHandshakeSettings.builder(BoxKeyPair.generate(RandomSource.secure()),
				version)
			.pinnedServerKeys(List.of(SERVER_KEYS.getPublicKey()));
		if (version == ProtocolVersion.V2) {
			builder.serverCertVerifier(new FakeVerifier());
		}
		return builder;
	}

	/**
	 * Runs a whole handshake between our client and our server, in any version: delivers each
	 * frame to the other side until both are established, and returns both results.
	 */
	static HandshakeStep.Established[] handshake(ClientHandshake client, ServerHandshake server) {
		HandshakeStep.Established[] done = new HandshakeStep.Established[2];
		HandshakeFrame frame = client.start();
		int receiver = 1;
		for (int hop = 0; frame != null; hop++) {
			assertThat(hop).as("handshake messages").isLessThan(6);
			HandshakeStep step = (receiver == 0) ? client.receive(frame) : server.receive(frame);
			frame = null;
			if (step instanceof HandshakeStep.Reply reply) {
				frame = reply.frame();
			}
			else {
				assertThat(step).as((receiver == 0) ? "client result" : "server result")
					.isInstanceOf(HandshakeStep.Established.class);
				done[receiver] = (HandshakeStep.Established) step;
				frame = done[receiver].finalFrame().orElse(null);
			}
			receiver = 1 - receiver;
		}
		assertThat(done).as("both sides established").doesNotContainNull();
		return done;
	}

	/** The text of a text frame. */
	static String text(HandshakeFrame frame) {
		assertThat(frame).isInstanceOf(HandshakeFrame.Text.class);
		return ((HandshakeFrame.Text) frame).text();
	}

	/** The text of a reply's text frame. */
	static String text(HandshakeStep reply) {
		assertThat(reply).isInstanceOf(HandshakeStep.Reply.class);
		return text(((HandshakeStep.Reply) reply).frame());
	}

	static FailureReason failureOf(HandshakeStep step) {
		assertThat(step).isInstanceOf(HandshakeStep.Failed.class);
		return ((HandshakeStep.Failed) step).failure().reason();
	}

	/** Plays a client by hand, to send ClientReady boxes with arbitrary plaintext. */
	static final class ManualClient {

		final BoxKeyPair keys = BoxKeyPair.generate(RandomSource.secure());

		final Nonce helloNonce = Nonce.random(RandomSource.secure());

		final int version;

		Nonce serverNonce;

		SharedBoxKey shared;

		ManualClient(int version) {
			this.version = version;
		}

		String hello() {
			return CODEC.encode(new ClientHello(this.version, this.keys.getPublicKey(), this.helloNonce.toWire()));
		}

		/** Opens the ServerHello, returning its plaintext. */
		byte[] open(HandshakeStep reply) {
			ServerHello hello = (ServerHello) CODEC.decode(text(reply));
			this.shared = SharedBoxKey.between(this.keys, hello.serverPublicKey());
			byte[] plaintext = this.shared.open(hello.blackbox(), this.helloNonce);
			this.serverNonce = Nonce.fromWire(java.util.Arrays.copyOf(plaintext, 8));
			return plaintext;
		}

		String ready(byte[] trailer) {
			byte[] plaintext = HandshakeTrailers.concat(new byte[8], new byte[32], trailer);
			plaintext[8] = 1;
			return CODEC.encode(new ClientReady(this.version, this.shared.seal(plaintext, this.serverNonce)));
		}

		String ready(String trailer) {
			return ready(trailer.getBytes(StandardCharsets.UTF_8));
		}

	}

	/** Plays a server by hand, to send ServerHello boxes with arbitrary plaintext. */
	static String serverHello(HandshakeFrame clientHello, int version, byte[] trailer) {
		return serverHello(text(clientHello), version, trailer);
	}

	/** Plays a server by hand, to send ServerHello boxes with arbitrary plaintext. */
	static String serverHello(String clientHello, int version, byte[] trailer) {
		ClientHello hello = (ClientHello) CODEC.decode(clientHello);
		SharedBoxKey shared = SharedBoxKey.between(SERVER_KEYS, hello.clientPublicKey());
		byte[] plaintext = HandshakeTrailers.concat(new byte[8], new byte[32], trailer);
		plaintext[8] = 1;
		return CODEC.encode(new ServerHello(version, SERVER_KEYS.getPublicKey(),
				shared.seal(plaintext, Nonce.fromWire(hello.nonce()))));
	}

	/** A verifier that accepts (or refuses with a fixed rejection) and records calls. */
	static final class FakeVerifier implements PeerCertVerifier {

		final CertRejection rejection;

		final List<NaclCert> seen = new ArrayList<>();

		FakeVerifier() {
			this(null);
		}

		FakeVerifier(CertRejection rejection) {
			this.rejection = rejection;
		}

		@Override
		public Optional<CertRejection> verifyServer(NaclCert cert, byte[] serverPublicKey, String host) {
			this.seen.add(cert);
			return Optional.ofNullable(this.rejection);
		}

		@Override
		public Optional<CertRejection> verifyClient(NaclCert cert, byte[] clientPublicKey) {
			this.seen.add(cert);
			return Optional.ofNullable(this.rejection);
		}

	}

}
