package dev.sws.protocol;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.sws.crypto.BoxKeyPair;
import dev.sws.crypto.RandomSource;

import static dev.sws.protocol.V3Fixture.CA;
import static dev.sws.protocol.V3Fixture.CLIENT_CERT;
import static dev.sws.protocol.V3Fixture.CLIENT_KEYS;
import static dev.sws.protocol.V3Fixture.SERVER_CERT;
import static dev.sws.protocol.V3Fixture.SERVER_KEYS;
import static dev.sws.protocol.V3Fixture.bytes;
import static dev.sws.protocol.V3Fixture.certClient;
import static dev.sws.protocol.V3Fixture.clientHandshake;
import static dev.sws.protocol.V3Fixture.established;
import static dev.sws.protocol.V3Fixture.finalBytes;
import static dev.sws.protocol.V3Fixture.pinnedClient;
import static dev.sws.protocol.V3Fixture.server;
import static dev.sws.protocol.V3Fixture.serverHandshake;
import static dev.sws.protocol.V3Fixture.trust;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * SWS v3 between our client and our server: both suites, suite choice, the ready message, pinned
 * keys and certificates, one endpoint for every version, and what the settings refuse.
 */
class V3HandshakeTests {

	@ParameterizedTest
	@EnumSource(V3CipherSuite.class)
	void eachSuiteCompletesAndCarriesMessagesOfAnySizeBothWays(V3CipherSuite suite) {
		assumeThat(suite.isAvailable()).as("hardware AES for " + suite).isTrue();
		HandshakeStep.Established[] done = HandshakeFixture.handshake(
				clientHandshake(pinnedClient().v3Suites(List.of(suite))), serverHandshake());
		assertThat(done[0].peer().getVersion()).isEqualTo(ProtocolVersion.V3);
		assertThat(done[0].peer().getPublicKey()).isEqualTo(SERVER_KEYS.getPublicKey());
		assertThat(done[0].peer().getCertificate()).as("a pinning client does not check certificates").isEmpty();
		assertThat(done[1].peer().getVersion()).isEqualTo(ProtocolVersion.V3);
		assertThat(done[1].peer().getCertificate()).isEmpty();
		SecureChannel client = done[0].channel();
		SecureChannel server = done[1].channel();
		assertThat(client.toString()).contains(suite.getProtocolName().split("_")[3]).contains("hidden");
		for (int size : new int[] { 0, 1, 1000, 65535, 65536, 300_000 }) {
			byte[] message = RandomSource.secure().bytes(size);
			byte[] frame = client.seal(message);
			assertThat(frame).hasSize(size + SecureChannel.OVERHEAD);
			assertThat(server.open(frame)).isEqualTo(message);
			assertThat(client.open(server.seal(message))).isEqualTo(message);
		}
	}

	@Test
	void theServerTakesTheFirstOfferedSuiteItIsWillingToUse() {
		assumeThat(V3CipherSuite.AESGCM_SHA256.isAvailable()).as("hardware AES").isTrue();
		List<V3CipherSuite> aesFirst = List.of(V3CipherSuite.AESGCM_SHA256, V3CipherSuite.CHACHAPOLY_BLAKE2B);
		List<V3CipherSuite> chachaFirst = List.of(V3CipherSuite.CHACHAPOLY_BLAKE2B, V3CipherSuite.AESGCM_SHA256);
		assertThat(chosenSuite(pinnedClient().v3Suites(aesFirst), server())).isEqualTo(0x02);
		assertThat(chosenSuite(pinnedClient().v3Suites(chachaFirst), server())).isEqualTo(0x01);
		assertThat(chosenSuite(pinnedClient().v3Suites(aesFirst), server().allowAesGcm(false))).isEqualTo(0x01);
		assertThat(server().build().getV3Suites()).containsExactly(V3CipherSuite.CHACHAPOLY_BLAKE2B,
				V3CipherSuite.AESGCM_SHA256);
		assertThat(server().allowAesGcm(false).build().getV3Suites()).containsExactly(V3CipherSuite.CHACHAPOLY_BLAKE2B);
		assertThat(pinnedClient().build().getV3Suites()).as("a Java client prefers AES-GCM where it runs in hardware")
			.isEqualTo(aesFirst);
	}

	@Test
	void theClientIsEstablishedOnlyWhenTheReadyMessageArrives() {
		ServerHandshake server = serverHandshake();
		ClientHandshake client = clientHandshake(pinnedClient());
		HandshakeStep message3 = client.receive(bytes(server.receive(client.start())));
		assertThat(message3).isInstanceOf(HandshakeStep.Reply.class);
		assertThat(client.isFinished()).isFalse();
		HandshakeStep serverDone = server.receive(bytes(message3));
		byte[] ready = finalBytes(serverDone);
		assertThat(ready).as("an empty plaintext and its tag").hasSize(16);
		assertThat(established(serverDone).channel().getNextTransmitCounter()).as("ready used n = 0").isEqualTo(1);
		HandshakeStep.Established clientDone = established(client.receive(ready));
		assertThat(clientDone.finalFrame()).isEmpty();
		assertThat(clientDone.channel().getNextReceiveCounter()).isEqualTo(1);
		assertThat(clientDone.channel().getNextTransmitCounter()).isZero();
		assertThat(client.isFinished()).isTrue();
		assertThat(client.abort(FailureReason.HANDSHAKE_TIMEOUT, "late timer")).isEmpty();
		assertThat(server.abort(FailureReason.HANDSHAKE_TIMEOUT, "late timer")).isEmpty();
		assertThat(client.getVersion()).contains(ProtocolVersion.V3);
		assertThat(server.getVersion()).contains(ProtocolVersion.V3);
	}

	@Test
	void certificatesOnBothSidesIdentifyThePeers() {
		ClientHandshake client = clientHandshake(certClient());
		HandshakeStep.Established[] done = HandshakeFixture.handshake(client,
				new ServerHandshake(server().requireClientCert(trust()).build()));
		assertThat(done[0].peer().getCertificate()).contains(SERVER_CERT);
		assertThat(done[0].peer().getIssuer()).contains(CA.getCertificate());
		assertThat(done[1].peer().getPublicKey()).isEqualTo(CLIENT_KEYS.getPublicKey());
		assertThat(done[1].peer().getCertificate()).contains(CLIENT_CERT);
		assertThat(done[1].peer().getIssuer()).contains(CA.getCertificate());
		assertThat(done[1].peer().getPrincipalName())
			.isEqualTo("sws-cert:" + CA.getCertificate().getPublicKeyFingerprint() + "/client.test");
		assertThat(client.isClientCertificateRequired()).isTrue();
	}

	@Test
	void aClientWithBothPinsAndTrustAnchorsChecksBoth() {
		ClientHandshakeSettings.Builder both = certClient().pinnedServerKeys(List.of(SERVER_KEYS.getPublicKey()));
		HandshakeStep.Established[] done = HandshakeFixture.handshake(clientHandshake(both), serverHandshake());
		assertThat(done[0].peer().getCertificate()).contains(SERVER_CERT);
		ClientHandshake otherPin = clientHandshake(
				certClient().pinnedServerKeys(List.of(BoxKeyPair.generate(RandomSource.secure()).getPublicKey())));
		ServerHandshake server = serverHandshake();
		assertThat(HandshakeFixture.failureOf(otherPin.receive(bytes(server.receive(otherPin.start())))))
			.isEqualTo(FailureReason.PIN_MISMATCH);
	}

	@Test
	void aClientWithoutAKeyPairUsesAFreshStaticKeyPerConnection() {
		ClientHandshakeSettings settings = pinnedClient().build();
		assertThat(settings.getKeyPair()).isNull();
		List<String> keys = new ArrayList<>();
		for (int i = 0; i < 2; i++) {
			HandshakeStep.Established[] done = HandshakeFixture.handshake(new ClientHandshake(settings, "localhost"),
					serverHandshake());
			keys.add(done[1].peer().getFingerprint());
		}
		assertThat(keys.get(0)).isNotEqualTo(keys.get(1));
	}

	@Test
	void oneEndpointServesEveryVersion() {
		ServerHandshakeSettings settings = server().versions(EnumSet.allOf(ProtocolVersion.class)).build();
		ClientHandshakeSettings v1 = ClientHandshakeSettings.builder(ProtocolVersion.V1)
			.pinnedServerKeys(List.of(SERVER_KEYS.getPublicKey()))
			.build();
		ClientHandshakeSettings v2 = ClientHandshakeSettings.builder(ProtocolVersion.V2).serverCertVerifier(trust()).build();
		ClientHandshakeSettings v3 = certClient().build();
		for (ClientHandshakeSettings client : List.of(v1, v2, v3)) {
			ServerHandshake server = new ServerHandshake(settings);
			HandshakeStep.Established[] done = HandshakeFixture.handshake(new ClientHandshake(client, "localhost"), server);
			assertThat(done[1].peer().getVersion()).isEqualTo(client.getVersion());
			assertThat(server.getVersion()).contains(client.getVersion());
			byte[] message = "same channel API".getBytes(StandardCharsets.UTF_8);
			assertThat(done[1].channel().open(done[0].channel().seal(message))).isEqualTo(message);
		}
	}

	@Test
	void aV3ClientMustAuthenticateTheServerUnlessItOptsOutLoudly() {
		assertThatIllegalStateException().isThrownBy(() -> ClientHandshakeSettings.builder(ProtocolVersion.V3).build())
			.withMessageContaining("pin the server's public key or trust a CA");
		ClientHandshake insecure = new ClientHandshake(
				ClientHandshakeSettings.builder(ProtocolVersion.V3).insecureAcceptAnyServerKey().build(), "localhost");
		HandshakeStep.Established[] done = HandshakeFixture.handshake(insecure, serverHandshake());
		assertThat(done[0].peer().getCertificate()).isEmpty();
	}

	@Test
	void settingsRefuseWhatCannotWork() {
		assertThatIllegalStateException().as("a certificate without its key pair")
			.isThrownBy(() -> pinnedClient().certificate(CLIENT_CERT).build());
		assertThatIllegalStateException().as("a certificate for another key")
			.isThrownBy(() -> ClientHandshakeSettings.builder(SERVER_KEYS, ProtocolVersion.V3)
				.pinnedServerKeys(List.of(SERVER_KEYS.getPublicKey()))
				.certificate(CLIENT_CERT)
				.build());
		assertThatIllegalArgumentException().isThrownBy(() -> pinnedClient().v3Suites(List.of()));
		assertThatIllegalArgumentException().isThrownBy(() -> pinnedClient()
			.v3Suites(List.of(V3CipherSuite.CHACHAPOLY_BLAKE2B, V3CipherSuite.CHACHAPOLY_BLAKE2B)));
		assertThatIllegalStateException().as("a server certificate for another key, even without v2")
			.isThrownBy(() -> ServerHandshakeSettings.builder(CLIENT_KEYS)
				.versions(EnumSet.of(ProtocolVersion.V3))
				.certificate(SERVER_CERT)
				.build());
		assertThat(server().requireClientCert(trust()).build().isClientCertRequired()).as("v3 clients present certificates")
			.isTrue();
		assertThatIllegalStateException().as("v1 clients cannot present one")
			.isThrownBy(() -> server().versions(EnumSet.of(ProtocolVersion.V1, ProtocolVersion.V3))
				.requireClientCert(trust())
				.build());
		assertThat(ServerHandshakeSettings.builder(SERVER_KEYS).versions(EnumSet.of(ProtocolVersion.V3)).build()
			.getCertificate()).as("a v3 server may go without a certificate (clients pin its key)").isNull();
	}

	@Test
	void aCertificateTooLargeForAHandshakeMessageIsRefusedAtBuildTime() {
		List<String> names = new ArrayList<>();
		for (int i = 0; i < 4000; i++) {
			names.add("host-" + i + ".example.com");
		}
		assertThatIllegalStateException()
			.isThrownBy(() -> server().certificate(CA.issue(SERVER_KEYS.getPublicKey(), names, List.of(), V3Fixture.CERT_EXPIRY))
				.build())
			.withMessageContaining("too large for an SWS v3 handshake message");
		assertThatIllegalStateException()
			.isThrownBy(() -> ClientHandshakeSettings.builder(CLIENT_KEYS, ProtocolVersion.V3)
				.insecureAcceptAnyServerKey()
				.certificate(CA.issue(CLIENT_KEYS.getPublicKey(), names, List.of(), V3Fixture.CERT_EXPIRY))
				.build())
			.withMessageContaining("too large for an SWS v3 handshake message");
	}

	@Test
	void rekeyThresholdsAreIntegersJavaScriptRepresentsExactly() {
		assertThat(new RekeyThresholds(1, RekeyThresholds.MAX_VALUE).bytes()).isEqualTo(9007199254740991L);
		assertThatIllegalArgumentException().isThrownBy(() -> new RekeyThresholds(0, 1));
		assertThatIllegalArgumentException().isThrownBy(() -> new RekeyThresholds(1, 1L << 53));
		assertThat(RekeyThresholds.DEFAULT).isEqualTo(new RekeyThresholds(65536, 1073741824));
		assertThat(server().build().getRekeyThresholds()).isEqualTo(RekeyThresholds.DEFAULT);
	}

	private static int chosenSuite(ClientHandshakeSettings.Builder client, ServerHandshakeSettings.Builder server) {
		ClientHandshake handshake = clientHandshake(client);
		byte[] message2 = bytes(new ServerHandshake(server.build()).receive(handshake.start()));
		assertThat(handshake.receive(message2)).isInstanceOf(HandshakeStep.Reply.class);
		return message2[5];
	}

}
