package dev.sws.it;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.sws.cert.NaclCert;
import dev.sws.crypto.BoxKeyPair;
import dev.sws.crypto.RandomSource;
import dev.sws.testsupport.TestPki;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Security rules over SWS identities, end to end: clients with certificates from the same CA
 * connect with {@link SwsStompClient}; {@code alice} is granted ROLE_ADMIN and ROLE_OPS by a rule
 * on her name and issuer, {@code bob} has only the default ROLE_SWS_CLIENT. Message rules,
 * {@code @PreAuthorize} and {@code @AuthenticationPrincipal} see those identities, and every
 * refusal reaches the client: an ERROR frame for a message rule, the application's error queue for
 * {@code @PreAuthorize}. The STOMP CONNECT passes {@code @EnableWebSocketSecurity} without a CSRF
 * token because its user is the SWS peer.
 */
@SpringBootTest(classes = SwsSecurityTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "server.address=127.0.0.1", "sws.server.versions=2", "sws.server.require-client-cert=true" })
class SwsSpringSecurityRoundTripTests extends SecuredStompRoundTrips {

	static final TestPki PKI = TestPki.create("security.sws.test");

	static final Client ALICE = Client.issue("alice");

	static final Client BOB = Client.issue("bob");

	@DynamicPropertySource
	static void keys(DynamicPropertyRegistry registry) {
		keysAndAdminRule(registry, dir);
	}

	/**
	 * The server's keys and certificate, {@link #PKI}'s CA as trust anchor, and the rule that
	 * grants {@code alice} ROLE_ADMIN and ROLE_OPS; the reactive round trips share them.
	 */
	static void keysAndAdminRule(DynamicPropertyRegistry registry, Path dir) {
		PKI.writeTo(dir);
		registry.add("sws.server.key-pair", () -> "file:" + dir.resolve("server-kp.json"));
		registry.add("sws.server.certificate", () -> "file:" + dir.resolve("server-cert.json"));
		registry.add("sws.server.trust-anchors", () -> "file:" + dir.resolve("ca-cert.json"));
		// a list binds from one property source: the whole rule is here
		registry.add("sws.server.security.authorities[0].names", () -> "alice");
		registry.add("sws.server.security.authorities[0].issuer", () -> PKI.ca.getCertificate().getPublicKeyFingerprint());
		registry.add("sws.server.security.authorities[0].grant", () -> "ROLE_ADMIN,ROLE_OPS");
	}

	@Test
	void aMessageRuleAcceptsTheClientWhoseCertificateCarriesTheRequiredIdentityAndRefusesAnother() throws Exception {
		Connection alice = connect(ALICE);
		BlockingQueue<String> news = TestClients.subscribeStrings(alice.session, "/topic/news");
		Connection bob = connect(BOB);
		TestClients.subscribeStrings(bob.session, "/topic/news");

		bob.session.send("/app/admin/news", "from bob");
		StompHeaders error = bob.errors.poll(20, TimeUnit.SECONDS);
		assertThat(error).as("ERROR frame for bob").isNotNull();
		assertThat(error.getFirst("message")).isEqualTo("Access Denied");
		// Spring closes a STOMP session after its ERROR frame
		assertThat(bob.transportErrors.poll(20, TimeUnit.SECONDS)).isNotNull();

		alice.session.send("/app/admin/news", "from alice");
		// bob's message never reached the topic: the first news is alice's
		assertThat(news.poll(20, TimeUnit.SECONDS)).isEqualTo("news:from alice");
		assertThat(alice.errors).isEmpty();
	}

	@Test
	void preAuthorizeOnAMessageMappingMethodSeesTheCertificateAuthorities() throws Exception {
		Connection alice = connect(ALICE);
		BlockingQueue<String> aliceReplies = TestClients.subscribeStrings(alice.session, "/user/queue/replies");
		Connection bob = connect(BOB);
		BlockingQueue<String> bobReplies = TestClients.subscribeStrings(bob.session, "/user/queue/replies");
		BlockingQueue<String> bobErrors = TestClients.subscribeStrings(bob.session, "/user/queue/errors");

		bob.session.send("/app/ops/restart", "");
		assertThat(bobErrors.poll(20, TimeUnit.SECONDS)).isEqualTo("denied");
		alice.session.send("/app/ops/restart", "");
		assertThat(aliceReplies.poll(20, TimeUnit.SECONDS)).isEqualTo("restarted");

		bob.session.send("/app/whoami", "");
		assertThat(bobReplies.poll(20, TimeUnit.SECONDS)).as("bob was never restarted").startsWith("sws-cert:");
	}

	@Test
	void authenticationPrincipalIsTheSwsPeerAndTheUserItsToken() throws Exception {
		Connection alice = connect(ALICE);
		BlockingQueue<String> replies = TestClients.subscribeStrings(alice.session, "/user/queue/replies");
		alice.session.send("/app/whoami", "");
		assertThat(replies.poll(20, TimeUnit.SECONDS))
			.isEqualTo("sws-cert:" + PKI.ca.getCertificate().getPublicKeyFingerprint() + "/alice [alice] V2 "
					+ "[ROLE_SWS_CLIENT, ROLE_ADMIN, ROLE_OPS]");

		Connection bob = connect(BOB);
		BlockingQueue<String> bobReplies = TestClients.subscribeStrings(bob.session, "/user/queue/replies");
		bob.session.send("/app/whoami", "");
		assertThat(bobReplies.poll(20, TimeUnit.SECONDS)).isEqualTo(
				"sws-cert:" + PKI.ca.getCertificate().getPublicKeyFingerprint() + "/bob [bob] V2 [ROLE_SWS_CLIENT]");
	}

	@Test
	void aSubscriptionThatNoRuleAllowsIsRefusedWithAnErrorFrame() throws Exception {
		Connection alice = connect(ALICE);
		TestClients.subscribeStrings(alice.session, "/topic/secret");
		StompHeaders error = alice.errors.poll(20, TimeUnit.SECONDS);
		assertThat(error).isNotNull();
		assertThat(error.getFirst("message")).isEqualTo("Access Denied");
		assertThat(alice.transportErrors.poll(20, TimeUnit.SECONDS)).as("the close after the ERROR frame").isNotNull();
	}

	private Connection connect(Client client) throws Exception {
		SecuredStompConnection connection = connect(TestClients.v2(PKI.ca.getCertificate(), client.keys, client.cert));
		return new Connection(connection.get(), connection.errors(), connection.transportErrors());
	}

	record Connection(StompSession session, BlockingQueue<StompHeaders> errors, BlockingQueue<Throwable> transportErrors) {
	}

	record Client(BoxKeyPair keys, NaclCert cert) {

		static Client issue(String name) {
			BoxKeyPair keys = BoxKeyPair.generate(RandomSource.secure());
			NaclCert cert = PKI.ca.issue(keys.getPublicKey(), List.of(name), List.of("127.0.0.1"),
					Instant.now().plusSeconds(3600));
			return new Client(keys, cert);
		}

	}

}
