package dev.sws.security.reactive;

import java.security.Principal;
import java.util.List;

import org.junit.jupiter.api.Test;
import reactor.util.context.Context;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;

import dev.sws.protocol.PeerIdentity;
import dev.sws.security.SwsAuthenticationConverter;
import dev.sws.security.SwsAuthenticationToken;
import dev.sws.security.SwsAuthorityRules;
import dev.sws.security.TestPeers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The peer's token as the principal and as the Reactor context's authentication.
 */
class SwsReactiveSecurityAuthenticatorTests {

	private final SwsReactiveSecurityAuthenticator authenticator = new SwsReactiveSecurityAuthenticator(
			new SwsAuthenticationConverter(SwsAuthorityRules.builder()
				.rule(new SwsAuthorityRules.Rule(List.of("alice"), TestPeers.PKI.ca.getCertificate().getPublicKeyFingerprint(),
						List.of(), List.of("ROLE_ADMIN")))
				.build()));

	@Test
	void aCertifiedPeerBecomesAnAuthenticatedTokenWithItsAuthorities() {
		PeerIdentity alice = TestPeers.withCertificate(TestPeers.PKI, "alice");
		Principal principal = this.authenticator.authenticate(alice);
		assertThat(principal).isInstanceOfSatisfying(SwsAuthenticationToken.class, (token) -> {
			assertThat(token.isAuthenticated()).isTrue();
			assertThat(token.getPeer()).isSameAs(alice);
			assertThat(AuthorityUtils.authorityListToSet(token.getAuthorities())).contains("ROLE_ADMIN");
		});
	}

	@Test
	void theReactorContextCarriesTheTokenForReactiveSecurityContextHolder() {
		PeerIdentity alice = TestPeers.withCertificate(TestPeers.PKI, "alice");
		Principal token = this.authenticator.authenticate(alice);
		Context context = this.authenticator.contextWith(Context.of("other", "kept"), token);
		Authentication seen = ReactiveSecurityContextHolder.getContext()
			.map(SecurityContext::getAuthentication)
			.contextWrite(context)
			.block();
		assertThat(seen).isSameAs(token);
		assertThat(context.<String>get("other")).isEqualTo("kept");
	}

	@Test
	void aPeerKnownByItsKeyOnlyGetsAnUnauthenticatedTokenInTheContext() {
		Principal token = this.authenticator.authenticate(TestPeers.withKeyOnly());
		Authentication seen = ReactiveSecurityContextHolder.getContext()
			.map(SecurityContext::getAuthentication)
			.contextWrite(this.authenticator.contextWith(Context.empty(), token))
			.block();
		assertThat(seen).isSameAs(token);
		assertThat(seen.isAuthenticated()).isFalse();
		assertThat(seen.getAuthorities()).isEmpty();
	}

	@Test
	void aPrincipalThatIsNoAuthenticationLeavesTheContextAlone() {
		Principal other = () -> "someone";
		Context context = Context.of("key", "value");
		assertThat(this.authenticator.contextWith(context, other)).isSameAs(context);
		assertThat(ReactiveSecurityContextHolder.getContext().contextWrite(context).blockOptional()).isEmpty();
	}

}
