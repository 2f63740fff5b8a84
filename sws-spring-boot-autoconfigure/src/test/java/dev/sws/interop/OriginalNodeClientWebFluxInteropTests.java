package dev.sws.interop;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The original {@code node-sws@1.2.1} Node client against our reactive server (WebFlux on Reactor
 * Netty, with the auto-configuration): v1 and v2 echoes, and a v2 client certificate the original
 * issued, required and accepted. As with Tomcat, the client runs with {@code mask-shim.js}, whose
 * only change is to mask its frames (RFC 6455 requires it; Netty refuses unmasked client frames).
 */
@Tag("interop")
@Tag("reactive")
class OriginalNodeClientWebFluxInteropTests {

	private static final InteropPki PKI = InteropPki.get();

	private static ReactiveInteropServer server;

	@BeforeAll
	static void start() throws Exception {
		server = ReactiveInteropServer.start();
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	private static String url(String path) {
		return server.url("127.0.0.1", path);
	}

	@Test
	void v1Echo() {
		echo(OriginalConfig.secinfo(1, PKI.ours("client-kp.json")).url(url("/echo")), EchoSizes.COUNT);
	}

	@Test
	void v2EchoTheOriginalAcceptsOurServerCertificate() {
		echo(OriginalConfig.secinfo(2, PKI.ours("client-kp.json")).ca(PKI.ours("ca-cert.json")).url(url("/echo")),
				EchoSizes.COUNT);
	}

	@Test
	void v2EchoWeRequireAndAcceptAClientCertificateTheOriginalIssued() {
		echo(OriginalConfig.secinfo(2, PKI.js("client/box-kp.json"))
			.cert(PKI.js("client/client.js.test-cert.json"))
			.ca(PKI.ours("ca-cert.json"))
			.url(url("/certs")), EchoSizes.COUNT);
	}

	/**
	 * Every message came back intact and in order and the connection closed cleanly. Unlike
	 * Tomcat, Reactor Netty (as Spring configures it) does not negotiate permessage-deflate.
	 */
	private static void echo(OriginalConfig config, int count) {
		OriginalClient.Result result = OriginalClient.run(config.masked(true).echo(count).deadline(Duration.ofSeconds(60)));
		assertThat(result.failure()).as("%s", result).isEmpty();
		assertThat(result.echoed()).as("%s", result).isEqualTo(count);
		assertThat(result.events()).extracting(OriginalEvent::type).containsExactly("open", "close");
		assertThat(result.event("open").orElseThrow().detail()).isEmpty();
		System.out.printf("interop: original Node client (masked) -> our WebFlux server: %d messages, %d bytes in %d ms%n",
				result.echoed(), result.bytes(), result.json().get("ms").asLong());
	}

}
