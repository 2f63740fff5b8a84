package dev.sws.protocol;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.sws.cert.CertRejection;
import dev.sws.cert.CertRejectionReason;
import dev.sws.crypto.BoxKeyPair;
import dev.sws.crypto.RandomSource;
import dev.sws.internal.wire.ServerHello;
import dev.sws.protocol.HandshakeFixture.FakeVerifier;

import static dev.sws.protocol.HandshakeFixture.CLIENT_CERT;
import static dev.sws.protocol.HandshakeFixture.CODEC;
import static dev.sws.protocol.HandshakeFixture.SERVER_CERT;
import static dev.sws.protocol.HandshakeFixture.SERVER_KEYS;
import static dev.sws.protocol.HandshakeFixture.client;
import static dev.sws.protocol.HandshakeFixture.failureOf;
import static dev.sws.protocol.HandshakeFixture.server;
import static dev.sws.protocol.HandshakeFixture.serverHello;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The client state machine: server authentication (pins, certificates) and one test per bad
 * input, each a typed failure after which nothing is accepted.
 */
class ClientHandshakeTests {

	@Test
	void v1ClientMustPinOrOptInLoudly() {
		BoxKeyPair keys = BoxKeyPair.generate(RandomSource.secure());
		assertThatIllegalStateException().isThrownBy(() -> ClientHandshakeSettings.builder(keys, ProtocolVersion.V1).build())
			.withMessageContaining("pin");
		assertThat(ClientHandshakeSettings.builder(keys, ProtocolVersion.V1).insecureAcceptAnyServerKey().build())
			.isNotNull();
		assertThatIllegalStateException().isThrownBy(() -> ClientHandshakeSettings.builder(keys, ProtocolVersion.V2).build())
			.withMessageContaining("trust anchors");
		assertThatIllegalStateException().isThrownBy(() -> ClientHandshakeSettings.builder(keys, ProtocolVersion.V2)
			.serverCertVerifier(new FakeVerifier())
			.certificate(CLIENT_CERT)
			.build()).withMessageContaining("client certificate");
	}

	@Test
	void unpinnedServerKeyIsRefused() {
		ClientHandshake client = new ClientHandshake(ClientHandshakeSettings
			.builder(BoxKeyPair.generate(RandomSource.secure()), ProtocolVersion.V1)
			.pinnedServerKeys(List.of(BoxKeyPair.generate(RandomSource.secure()).getPublicKey()))
			.build(), "localhost");
		ServerHandshake server = new ServerHandshake(HandshakeFixture.v1Server());
		HandshakeStep reply = server.receive(client.start());
		assertThat(failureOf(client.receive(HandshakeFixture.text(reply)))).isEqualTo(FailureReason.PIN_MISMATCH);
	}

	@Test
	void anyOfSeveralPinnedKeysIsAccepted() {
		ClientHandshake client = new ClientHandshake(ClientHandshakeSettings
			.builder(BoxKeyPair.generate(RandomSource.secure()), ProtocolVersion.V1)
			.pinnedServerKeys(List.of(BoxKeyPair.generate(RandomSource.secure()).getPublicKey(), SERVER_KEYS.getPublicKey()))
			.build(), "localhost");
		HandshakeFixture.handshake(client, new ServerHandshake(HandshakeFixture.v1Server()));
	}

	@Test
	void tamperedServerHelloDoesNotOpen() {
		ClientHandshake client = new ClientHandshake(client(ProtocolVersion.V1).build(), "localhost");
		HandshakeStep reply = new ServerHandshake(HandshakeFixture.v1Server()).receive(client.start());
		ServerHello hello = (ServerHello) CODEC.decode(HandshakeFixture.text(reply));
		hello.blackbox()[0] ^= 1;
		assertThat(failureOf(client.receive(CODEC.encode(hello)))).isEqualTo(FailureReason.HANDSHAKE_DECRYPT_FAILED);
	}

	@Test
	void serverHelloInAnotherVersionIsRefused() {
		ClientHandshake client = new ClientHandshake(client(ProtocolVersion.V1).build(), "localhost");
		String hello = serverHello(client.start(), 2, new byte[0]);
		assertThat(failureOf(client.receive(hello))).isEqualTo(FailureReason.UNSUPPORTED_VERSION);
	}

	@Test
	void messagesOutOfOrderAreRefused() {
		ClientHandshake beforeStart = new ClientHandshake(client(ProtocolVersion.V1).build(), "localhost");
		String otherHello = HandshakeFixture.text(new ClientHandshake(client(ProtocolVersion.V1).build(), "localhost").start());
		assertThat(failureOf(beforeStart.receive(serverHello(otherHello, 1, new byte[0]))))
			.isEqualTo(FailureReason.UNEXPECTED_MESSAGE);
		ClientHandshake reflected = new ClientHandshake(client(ProtocolVersion.V1).build(), "localhost");
		String hello = HandshakeFixture.text(reflected.start());
		assertThat(failureOf(reflected.receive(hello))).isEqualTo(FailureReason.UNEXPECTED_MESSAGE);
		assertThat(failureOf(reflected.receive(serverHello(hello, 1, new byte[0])))).isEqualTo(FailureReason.UNEXPECTED_MESSAGE);
	}

	@Test
	void duplicateServerHelloAfterCompletionIsRefused() {
		ClientHandshake client = new ClientHandshake(client(ProtocolVersion.V1).build(), "localhost");
		String serverHello = serverHello(client.start(), 1, new byte[0]);
		assertThat(client.receive(serverHello)).isInstanceOf(HandshakeStep.Established.class);
		assertThat(failureOf(client.receive(serverHello))).isEqualTo(FailureReason.UNEXPECTED_MESSAGE);
		assertThat(client.abort(FailureReason.HANDSHAKE_TIMEOUT, "late")).isPresent();
	}

	@Test
	void startOnlyOnce() {
		ClientHandshake client = new ClientHandshake(client(ProtocolVersion.V1).build(), "localhost");
		client.start();
		assertThatIllegalStateException().isThrownBy(client::start);
	}

	@Test
	void v1ServerHelloWithTrailerIsRefused() {
		ClientHandshake client = new ClientHandshake(client(ProtocolVersion.V1).build(), "localhost");
		assertThat(failureOf(client.receive(serverHello(client.start(), 1, "{}".getBytes(StandardCharsets.UTF_8)))))
			.isEqualTo(FailureReason.MALFORMED_TRAILER);
	}

	@Test
	void v2TrailerProblemsAreTyped() {
		assertThat(v2WithTrailer(new byte[] { (byte) 0xFF, '{', '}' })).isEqualTo(FailureReason.MALFORMED_TRAILER);
		assertThat(v2WithTrailer("{\"cert\":".getBytes(StandardCharsets.UTF_8))).isEqualTo(FailureReason.MALFORMED_TRAILER);
		assertThat(v2WithTrailer(new byte[0])).isEqualTo(FailureReason.MALFORMED_TRAILER);
		assertThat(v2WithTrailer("{\"requireCert\":false}")).isEqualTo(FailureReason.CERT_MISSING);
		assertThat(v2WithTrailer("{\"cert\":" + SERVER_CERT.toJson() + "}")).isEqualTo(FailureReason.MALFORMED_TRAILER);
		assertThat(v2WithTrailer("{\"cert\":" + SERVER_CERT.toJson() + ",\"requireCert\":\"yes\"}"))
			.isEqualTo(FailureReason.MALFORMED_TRAILER);
		assertThat(v2WithTrailer("{\"cert\":{\"desc\":{}},\"requireCert\":false}")).isEqualTo(FailureReason.CERT_MALFORMED);
		assertThat(v2WithTrailer("{\"cert\":" + CLIENT_CERT.toJson() + ",\"requireCert\":false}"))
			.isEqualTo(FailureReason.CERT_KEY_MISMATCH);
	}

	@Test
	void serverRequiringACertTheClientLacksIsRefused() {
		assertThat(v2WithTrailer("{\"cert\":" + SERVER_CERT.toJson() + ",\"requireCert\":true}"))
			.isEqualTo(FailureReason.CERT_MISSING);
	}

	@Test
	void verifierRefusalIsTyped() {
		ClientHandshake client = new ClientHandshake(ClientHandshakeSettings
			.builder(BoxKeyPair.generate(RandomSource.secure()), ProtocolVersion.V2)
			.serverCertVerifier(new FakeVerifier(new CertRejection(CertRejectionReason.HOST_MISMATCH, "example.org")))
			.build(), "example.org");
		ServerHandshake server = new ServerHandshake(server(EnumSet.of(ProtocolVersion.V2)).build());
		HandshakeStep reply = server.receive(client.start());
		assertThat(failureOf(client.receive(HandshakeFixture.text(reply))))
			.isEqualTo(FailureReason.CERT_HOST_MISMATCH);
	}

	@Test
	void weakServerKeyIsRefused() {
		ClientHandshake client = new ClientHandshake(client(ProtocolVersion.V1).build(), "localhost");
		client.start();
		byte[] identity = new byte[32];
		identity[0] = 1;
		String hello = CODEC.encode(new ServerHello(1, identity, new byte[56]));
		assertThat(failureOf(client.receive(hello))).isEqualTo(FailureReason.WEAK_KEY);
	}

	@Test
	void binaryFrameMalformedAndTimeoutAreTerminal() {
		ClientHandshake client = new ClientHandshake(client(ProtocolVersion.V1).build(), "localhost");
		String hello = HandshakeFixture.text(client.start());
		assertThat(failureOf(client.receive(new byte[0]))).isEqualTo(FailureReason.UNEXPECTED_FRAME_TYPE);
		assertThat(failureOf(client.receive(serverHello(hello, 1, new byte[0])))).isEqualTo(FailureReason.UNEXPECTED_FRAME_TYPE);
		ClientHandshake second = new ClientHandshake(client(ProtocolVersion.V1).build(), "localhost");
		second.start();
		assertThat(failureOf(second.receive("{\"opc\":1"))).isEqualTo(FailureReason.MALFORMED_MESSAGE);
		ClientHandshake third = new ClientHandshake(client(ProtocolVersion.V1).build(), "localhost");
		third.start();
		assertThat(third.abort(FailureReason.HANDSHAKE_TIMEOUT, "2 s")).isPresent();
		assertThat(third.isFinished()).isTrue();
	}

	private static FailureReason v2WithTrailer(String trailer) {
		return v2WithTrailer(trailer.getBytes(StandardCharsets.UTF_8));
	}

	private static FailureReason v2WithTrailer(byte[] trailer) {
		ClientHandshake client = new ClientHandshake(client(ProtocolVersion.V2).build(), "localhost");
		return failureOf(client.receive(serverHello(client.start(), 2, trailer)));
	}

}
