package dev.sws.security.messaging;

import java.security.Principal;

import org.junit.jupiter.api.Test;

import org.springframework.messaging.Message;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;

import dev.sws.protocol.PeerIdentity;
import dev.sws.security.SwsAuthenticationConverter;
import dev.sws.security.SwsAuthenticationToken;
import dev.sws.security.TestPeers;
import dev.sws.websocket.SwsPrincipal;

import static org.assertj.core.api.Assertions.assertThat;

class SwsStompAuthenticationInterceptorTests {

	private final SwsStompAuthenticationInterceptor interceptor = new SwsStompAuthenticationInterceptor(
			new SwsAuthenticationConverter((peer) -> AuthorityUtils.createAuthorityList("ROLE_SWS_CLIENT")));

	private final Principal httpUser = new TestingAuthenticationToken("admin", "secret", "ROLE_ADMIN");

	@Test
	void anAuthenticatedPeerBecomesTheUserOfTheConnectFrameEvenOverAnHttpUser() {
		PeerIdentity peer = TestPeers.withCertificate(TestPeers.PKI, "alice");
		Message<byte[]> connect = StompMessages.frame(StompCommand.CONNECT, peer, this.httpUser);
		this.interceptor.preSend(connect, StompMessages.CHANNEL);
		assertThat(StompMessages.userOf(connect)).isInstanceOfSatisfying(SwsAuthenticationToken.class, (token) -> {
			assertThat(token.getPeer()).isSameAs(peer);
			assertThat(token.isAuthenticated()).isTrue();
			assertThat(token.getName()).startsWith("sws-cert:").endsWith("/alice");
		});
	}

	@Test
	void aPeerTheHandshakeDidNotAuthenticateBecomesAnUnauthenticatedUserOnlyWithoutHttpUser() {
		PeerIdentity peer = TestPeers.withKeyOnly();
		Message<byte[]> anonymous = StompMessages.frame(StompCommand.CONNECT, peer, new SwsPrincipal(peer));
		this.interceptor.preSend(anonymous, StompMessages.CHANNEL);
		assertThat(StompMessages.userOf(anonymous)).isInstanceOfSatisfying(SwsAuthenticationToken.class,
				(token) -> assertThat(token.isAuthenticated()).isFalse());

		Message<byte[]> withHttpUser = StompMessages.frame(StompCommand.CONNECT, peer, this.httpUser);
		this.interceptor.preSend(withHttpUser, StompMessages.CHANNEL);
		assertThat(StompMessages.userOf(withHttpUser)).isSameAs(this.httpUser);
	}

	@Test
	void otherFramesAndOtherSessionsAreLeftAlone() {
		PeerIdentity peer = TestPeers.withCertificate(TestPeers.PKI, "alice");
		Message<byte[]> send = StompMessages.frame(StompCommand.SEND, peer, this.httpUser);
		this.interceptor.preSend(send, StompMessages.CHANNEL);
		assertThat(StompMessages.userOf(send)).isSameAs(this.httpUser);

		Message<byte[]> plain = StompMessages.frame(StompCommand.CONNECT, null, this.httpUser);
		this.interceptor.preSend(plain, StompMessages.CHANNEL);
		assertThat(StompMessages.userOf(plain)).isSameAs(this.httpUser);
	}

}
