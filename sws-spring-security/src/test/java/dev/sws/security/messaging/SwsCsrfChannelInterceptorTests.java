package dev.sws.security.messaging;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.messaging.Message;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.messaging.web.csrf.XorCsrfChannelInterceptor;
import org.springframework.security.web.csrf.MissingCsrfTokenException;

import dev.sws.protocol.PeerIdentity;
import dev.sws.security.SwsAuthenticationToken;
import dev.sws.security.TestPeers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SwsCsrfChannelInterceptorTests {

	private final SwsCsrfChannelInterceptor interceptor = new SwsCsrfChannelInterceptor(new XorCsrfChannelInterceptor());

	@Test
	void aConnectWhoseUserIsTheSessionsSwsPeerNeedsNoCsrfToken() {
		PeerIdentity peer = TestPeers.withCertificate(TestPeers.PKI, "alice");
		Message<byte[]> connect = StompMessages.frame(StompCommand.CONNECT, peer,
				SwsAuthenticationToken.authenticated(peer, List.of()));
		assertThat(this.interceptor.preSend(connect, StompMessages.CHANNEL)).isSameAs(connect);

		PeerIdentity anonymous = TestPeers.withKeyOnly();
		Message<byte[]> unauthenticated = StompMessages.frame(StompCommand.CONNECT, anonymous,
				SwsAuthenticationToken.unauthenticated(anonymous));
		assertThat(this.interceptor.preSend(unauthenticated, StompMessages.CHANNEL)).isSameAs(unauthenticated);
	}

	@Test
	void aConnectWhoseUserCameFromTheHttpUpgradeIsCheckedAsSpringSecurityWould() {
		PeerIdentity peer = TestPeers.withKeyOnly();
		Message<byte[]> connect = StompMessages.frame(StompCommand.CONNECT, peer,
				new TestingAuthenticationToken("admin", "secret", "ROLE_ADMIN"));
		assertThatExceptionOfType(MissingCsrfTokenException.class)
			.isThrownBy(() -> this.interceptor.preSend(connect, StompMessages.CHANNEL));
	}

	@Test
	void aTokenOfAnotherPeerOrANonSwsSessionIsChecked() {
		PeerIdentity peer = TestPeers.withCertificate(TestPeers.PKI, "alice");
		PeerIdentity other = TestPeers.withCertificate(TestPeers.PKI, "alice");
		Message<byte[]> borrowed = StompMessages.frame(StompCommand.CONNECT, peer,
				SwsAuthenticationToken.authenticated(other, List.of()));
		assertThatExceptionOfType(MissingCsrfTokenException.class)
			.isThrownBy(() -> this.interceptor.preSend(borrowed, StompMessages.CHANNEL));
		Message<byte[]> plain = StompMessages.frame(StompCommand.CONNECT, null,
				SwsAuthenticationToken.authenticated(peer, List.of()));
		assertThatExceptionOfType(MissingCsrfTokenException.class)
			.isThrownBy(() -> this.interceptor.preSend(plain, StompMessages.CHANNEL));
	}

	@Test
	void framesOtherThanConnectPass() {
		Message<byte[]> send = StompMessages.frame(StompCommand.SEND, null, null);
		assertThat(this.interceptor.preSend(send, StompMessages.CHANNEL)).isSameAs(send);
	}

}
