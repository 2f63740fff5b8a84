package dev.sws.interop;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.sws.protocol.FailureReason;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Refusals between the original {@code node-sws@1.2.1} Node client (masking through
 * {@code mask-shim.js}) and our Spring Boot server, both running for real: our server certificate
 * from another CA, expired, or for another host; the client's certificate from another CA or
 * expired; and a version mismatch in both directions. Each test asserts what both sides do: the
 * original refuses our certificate with an {@code error} event and closes (our server records the
 * failed handshake as {@link FailureReason#REFUSED_BY_PEER}); we refuse the original's with 1008,
 * and a version we do not accept at once with 1002, where the original would wait for its silent
 * 2 s timeout.
 */
@Tag("interop")
class OriginalNodeClientRefusalTests extends InteropServerSupport {

	static final Duration DEADLINE = Duration.ofSeconds(5);

	@Test
	void theOriginalRefusesOurServerCertificateFromAnotherCa() throws Exception {
		assertTheOriginalRefuses("/echo", ServerEvents.AUTO, this.pki.other("ca-cert.json"), "Invalid server cert",
				"wrong CA");
	}

	@Test
	void theOriginalRefusesOurExpiredServerCertificate() throws Exception {
		assertTheOriginalRefuses("/expired", "/expired", this.pki.ours("ca-cert.json"), "Invalid server cert", "expired");
	}

	@Test
	void theOriginalRefusesOurServerCertificateForAnotherHost() throws Exception {
		assertTheOriginalRefuses("/elsewhere", "/elsewhere", this.pki.ours("ca-cert.json"), "Invalid server endpoint",
				"host mismatch");
	}

	@Test
	void weRefuseAClientCertificateFromAnotherCaWith1008() throws Exception {
		assertWeRefuse(this.pki.other("client-kp.json"), this.pki.other("client-cert.json"),
				FailureReason.CERT_UNTRUSTED_ISSUER, "wrong CA");
	}

	@Test
	void weRefuseAnExpiredClientCertificateWith1008() throws Exception {
		assertWeRefuse(this.pki.ours("client-kp.json"), this.pki.ours("client-expired-cert.json"),
				FailureReason.CERT_EXPIRED, "expired");
	}

	/**
	 * Unlike the original server, ours does not compare the client's address with the
	 * certificate's {@code ips} (docs/protocol/sws-v1-v2.md W9: it breaks behind NAT and proxies);
	 * the CA's signature over the client's key is what authenticates it.
	 */
	@Test
	void weDoNotCompareTheClientAddressWithItsCertificate() throws Exception {
		OriginalClient.Result result = OriginalClient.run(OriginalConfig.secinfo(2, this.pki.ours("client-kp.json"))
			.cert(this.pki.ours("client-elsewhere-cert.json"))
			.ca(this.pki.ours("ca-cert.json"))
			.url(url("/certs"))
			.masked(true)
			.echo(3)
			.deadline(DEADLINE));
		assertThat(result.failure()).isEmpty();
		assertThat(result.echoed()).isEqualTo(3);
		assertThat(this.events.await("/certs", "handshake-succeeded", DEADLINE).version()).hasToString("V2");
	}

	@Test
	void versionMismatchV1ClientWeCloseWith1002AtOnce() throws Exception {
		assertWeRefuseTheVersion(1, "/certs");
	}

	@Test
	void versionMismatchV2ClientWeCloseWith1002AtOnce() throws Exception {
		assertWeRefuseTheVersion(2, "/v1");
	}

	/** The original client (v2, trusting {@code ca}) refuses our server's certificate. */
	private void assertTheOriginalRefuses(String path, String endpoint, Path ca, String error, String what)
			throws Exception {
		OriginalClient.Result result = OriginalClient.run(OriginalConfig.secinfo(2, this.pki.ours("client-kp.json"))
			.ca(ca)
			.url(url(path))
			.masked(true)
			.handshakeOnly()
			.deadline(DEADLINE));
		assertThat(result.opened()).isFalse();
		assertThat(result.event("error").orElseThrow().detail()).isEqualTo(error);
		assertThat(result.closeCode()).isEqualTo(1000);
		ServerEvents.Event failure = this.events.await(endpoint, "handshake-failed", DEADLINE);
		assertThat(failure.reason()).isEqualTo(FailureReason.REFUSED_BY_PEER);
		assertThat(failure.version()).hasToString("V2");
		report("our server cert, " + what, result, failure);
	}

	/** Our {@code /certs} endpoint refuses the original client's certificate with 1008. */
	private void assertWeRefuse(Path keyPair, Path cert, FailureReason reason, String what) throws Exception {
		OriginalClient.Result result = OriginalClient.run(OriginalConfig.secinfo(2, keyPair)
			.cert(cert)
			.ca(this.pki.ours("ca-cert.json"))
			.url(url("/certs"))
			.masked(true)
			.awaitClose()
			.deadline(DEADLINE));
		ServerEvents.Event failure = this.events.await("/certs", "handshake-failed", DEADLINE);
		assertThat(failure.reason()).isEqualTo(reason);
		assertThat(result.closeCode()).isEqualTo(reason.getCloseCode()).isEqualTo(1008);
		assertThat(result.event("timeout")).isEmpty();
		report("the original's client cert, " + what, result, failure);
	}

	/** The original client speaks a version the endpoint does not accept: 1002, long before 2 s. */
	private void assertWeRefuseTheVersion(int version, String path) throws Exception {
		OriginalClient.Result result = OriginalClient.run(OriginalConfig.secinfo(version, this.pki.ours("client-kp.json"))
			.cert(this.pki.ours("client-cert.json"))
			.ca(this.pki.ours("ca-cert.json"))
			.url(url(path))
			.masked(true)
			.handshakeOnly()
			.deadline(DEADLINE));
		ServerEvents.Event failure = this.events.await(path, "handshake-failed", DEADLINE);
		assertThat(failure.reason()).isEqualTo(FailureReason.UNSUPPORTED_VERSION);
		assertThat(result.opened()).isFalse();
		assertThat(result.closeCode()).isEqualTo(1002);
		assertThat(result.event("close").orElseThrow().ms()).isLessThan(1500);
		assertThat(result.event("timeout")).isEmpty();
		report("version mismatch (v" + version + " client on " + path + ")", result, failure);
	}

	private static void report(String what, OriginalClient.Result original, ServerEvents.Event ours) {
		System.out.printf("interop: %s: the original client: %s; our server: %s%n", what, original.events(), ours);
	}

}
