package dev.sws.interop;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.web.socket.BinaryMessage;

import dev.sws.it.TestClients;
import dev.sws.it.TestClients.Collector;
import dev.sws.websocket.SwsWebSocketClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Our Java client ({@link SwsWebSocketClient}) against the original {@code node-sws@1.2.1} server,
 * running for real under Node.js on loopback: v1 with the server's key pinned, v2 with the
 * server's certificate, and v2 with client certificates ({@code requireCert}); each echoes 1000
 * messages of 0 B to 1 MiB ({@link EchoSizes}), every byte compared, in order. Certificates cross
 * in both directions: the original accepts our client certificates, and we accept (and resend
 * intact) certificates the original's nacl-cert issued.
 */
@Tag("interop")
class OriginalServerInteropTests {

	static InteropPki pki;

	@BeforeAll
	static void pki() {
		pki = InteropPki.get();
	}

	@Test
	void v1EchoWithThePinnedServerKey() throws Exception {
		try (OriginalServer server = OriginalServer.start(OriginalConfig.secinfo(1, pki.ours("server-kp.json")))) {
			echo(TestClients.v1(pki.ours.serverKeys.getPublicKey()), server, EchoSizes.COUNT);
		}
	}

	@Test
	void v2EchoWithTheServerCertificate() throws Exception {
		try (OriginalServer server = OriginalServer.start(OriginalConfig.secinfo(2, pki.ours("server-kp.json"))
			.cert(pki.ours("server-cert.json")))) {
			echo(TestClients.v2(pki.ours.ca.getCertificate(), null, null), server, EchoSizes.COUNT);
		}
	}

	@Test
	void v2EchoWithAClientCertificateTheOriginalRequires() throws Exception {
		try (OriginalServer server = OriginalServer.start(OriginalConfig.secinfo(2, pki.ours("server-kp.json"))
			.cert(pki.ours("server-cert.json"))
			.ca(pki.ours("ca-cert.json"))
			.requireCert(true))) {
			echo(TestClients.v2(pki.ours.ca.getCertificate(), pki.ours.clientKeys, pki.ours.clientCert), server,
					EchoSizes.COUNT);
		}
	}

	@Test
	void certificatesTheOriginalIssuedWorkBothWays() throws Exception {
		// We verify the original's server certificate, and send its client certificate on byte for
		// byte: the original re-verifies the signature over the JSON as we send it.
		try (OriginalServer server = OriginalServer.start(OriginalConfig.secinfo(2, pki.js("server/box-kp.json"))
			.cert(pki.js("server/localhost-cert.json"))
			.ca(pki.js(InteropPki.JS_CA + "-ca-cert.json"))
			.requireCert(true))) {
			echo(TestClients.v2(pki.jsCa, pki.jsClientKeys, pki.jsClientCert), server, 20);
		}
	}

	/**
	 * Sends {@code count} messages ({@link EchoSizes}) without waiting, then checks every echo,
	 * in order, and that the original saw nothing wrong.
	 */
	static void echo(SwsWebSocketClient client, OriginalServer server, int count) throws Exception {
		long started = System.nanoTime();
		Collector echo = TestClients.connect(client, server.url());
		SplittableRandom random = new SplittableRandom(count);
		List<byte[]> sent = new ArrayList<>(count);
		long bytes = 0;
		for (int i = 0; i < count; i++) {
			byte[] payload = EchoSizes.payload(i, random);
			sent.add(payload);
			bytes += payload.length;
			echo.session.sendMessage(new BinaryMessage(payload));
		}
		for (int i = 0; i < count; i++) {
			byte[] received = echo.nextBytes();
			assertThat(Arrays.mismatch(received, sent.get(i)))
				.as("first differing byte of message %d (%d bytes sent, %d received)", i, sent.get(i).length,
						received.length)
				.isEqualTo(-1);
			sent.set(i, null);
		}
		echo.session.close();
		assertThat(server.awaitEvent("close", TestClients.WAIT).closeCode()).isEqualTo(1000);
		assertThat(server.events()).extracting(OriginalEvent::type).containsExactly("open", "close");
		assertThat(server.events().get(0).detail()).as("WebSocket extensions negotiated").isEmpty();
		System.out.printf("interop: Java client -> original server %s: %d messages, %d bytes echoed in %d ms%n",
				client.getSettings().getVersion(), count, bytes, (System.nanoTime() - started) / 1_000_000);
	}

}
