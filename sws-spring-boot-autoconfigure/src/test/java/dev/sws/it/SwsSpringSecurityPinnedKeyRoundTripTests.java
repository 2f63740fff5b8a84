package dev.sws.it;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.sws.crypto.BoxKeyPair;
import dev.sws.crypto.KeyFingerprint;
import dev.sws.crypto.RandomSource;
import dev.sws.protocol.ClientHandshakeSettings;
import dev.sws.protocol.ProtocolVersion;
import dev.sws.testsupport.TestPki;
import dev.sws.websocket.SwsWebSocketClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A v1 server without client certificates, where a pinned key is the identity: the v1 client whose
 * key is pinned is authenticated, gets the authorities of its rule and passes the message rules; a
 * v1 client with any other key is an unauthenticated peer, whose STOMP CONNECT the rule
 * {@code nullDestMatcher().authenticated()} refuses with an ERROR frame.
 */
@SpringBootTest(classes = SwsSecurityTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "server.address=127.0.0.1", "sws.server.versions=1" })
class SwsSpringSecurityPinnedKeyRoundTripTests extends SecuredStompRoundTrips {

	static final TestPki PKI = TestPki.create("pinned.sws.test");

	static final BoxKeyPair BOT = BoxKeyPair.generate(RandomSource.secure());

	@DynamicPropertySource
	static void keys(DynamicPropertyRegistry registry) {
		PKI.writeTo(dir);
		registry.add("sws.server.key-pair", () -> "file:" + dir.resolve("server-kp.json"));
		registry.add("sws.server.security.pinned-keys", () -> KeyFingerprint.of(BOT.getPublicKey()));
		registry.add("sws.server.security.authorities[0].keys", () -> KeyFingerprint.of(BOT.getPublicKey()));
		registry.add("sws.server.security.authorities[0].grant", () -> "ROLE_ADMIN");
	}

	@Test
	void thePinnedKeyIsAuthenticatedWithTheAuthoritiesOfItsRule() throws Exception {
		StompSession bot = connect(v1(BOT)).get();
		BlockingQueue<String> replies = TestClients.subscribeStrings(bot, "/user/queue/replies");
		BlockingQueue<String> news = TestClients.subscribeStrings(bot, "/topic/news");
		bot.send("/app/whoami", "");
		assertThat(replies.poll(20, TimeUnit.SECONDS))
			.isEqualTo("sws-key:" + KeyFingerprint.of(BOT.getPublicKey()) + " [] V1 [ROLE_SWS_CLIENT, ROLE_ADMIN]");
		bot.send("/app/admin/news", "from the bot");
		assertThat(news.poll(20, TimeUnit.SECONDS)).isEqualTo("news:from the bot");
	}

	@Test
	void anyOtherKeyIsNotAuthenticatedAndItsConnectIsRefused() throws Exception {
		SecuredStompConnection stranger = connect(v1(BoxKeyPair.generate(RandomSource.secure())));
		StompHeaders error = stranger.errors().poll(20, TimeUnit.SECONDS);
		assertThat(error).as("ERROR frame for the CONNECT").isNotNull();
		assertThat(error.getFirst("message")).isEqualTo("Access Denied");
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(stranger::get);
	}

	private static SwsWebSocketClient v1(BoxKeyPair keys) {
		return SwsWebSocketClient
			.builder(ClientHandshakeSettings.builder(keys, ProtocolVersion.V1)
				.pinnedServerKeys(List.of(PKI.serverKeys.getPublicKey())))
			.build();
	}

}
