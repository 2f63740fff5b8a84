package dev.sws.security;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

import dev.sws.protocol.PeerIdentity;
import dev.sws.protocol.ProtocolVersion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SwsAuthenticationTokenTests {

	@Test
	void anAuthenticatedTokenCarriesThePeerItsCertificateAndAuthorities() {
		PeerIdentity peer = TestPeers.withCertificate(TestPeers.PKI, "alice", "alice.example.com");
		SwsAuthenticationToken token = SwsAuthenticationToken.authenticated(peer,
				AuthorityUtils.createAuthorityList("ROLE_SWS_CLIENT"));
		assertThat(token.isAuthenticated()).isTrue();
		assertThat(token.getPrincipal()).isSameAs(peer);
		assertThat(token.getName()).isEqualTo(peer.getPrincipalName())
			.isEqualTo("sws-cert:" + TestPeers.PKI.ca.getCertificate().getPublicKeyFingerprint() + "/alice");
		assertThat(token.getNames()).containsExactly("alice", "alice.example.com");
		assertThat(token.getPublicKey()).isEqualTo(peer.getPublicKey());
		assertThat(token.getFingerprint()).isEqualTo(peer.getFingerprint());
		assertThat(token.getIssuer()).contains(TestPeers.PKI.ca.getCertificate());
		assertThat(token.getVersion()).isEqualTo(ProtocolVersion.V2);
		assertThat(token.getCredentials()).isEqualTo(peer.getCertificate().orElseThrow());
		assertThat(token.getAuthorities()).extracting(GrantedAuthority::getAuthority).containsExactly("ROLE_SWS_CLIENT");
	}

	@Test
	void anUnauthenticatedTokenHasNoAuthoritiesAndCannotBeMarkedAuthenticated() {
		PeerIdentity peer = TestPeers.withKeyOnly();
		SwsAuthenticationToken token = SwsAuthenticationToken.unauthenticated(peer);
		assertThat(token.isAuthenticated()).isFalse();
		assertThat(token.getAuthorities()).isEmpty();
		assertThat(token.getName()).isEqualTo("sws-key:" + peer.getFingerprint());
		assertThat(token.getNames()).isEmpty();
		assertThat(token.getCredentials()).isNull();
		assertThatIllegalArgumentException().isThrownBy(() -> token.setAuthenticated(true));
		SwsAuthenticationToken authenticated = SwsAuthenticationToken.authenticated(peer, List.of());
		authenticated.setAuthenticated(false);
		assertThat(authenticated.isAuthenticated()).isFalse();
	}

	@Test
	void toBuilderKeepsThePeerAndTheType() {
		PeerIdentity peer = TestPeers.withCertificate(TestPeers.PKI, "alice");
		SwsAuthenticationToken token = SwsAuthenticationToken.authenticated(peer,
				AuthorityUtils.createAuthorityList("ROLE_SWS_CLIENT"));
		SwsAuthenticationToken built = token.toBuilder()
			.authorities((authorities) -> authorities.add(new SimpleGrantedAuthority("FACTOR_X")))
			.build();
		assertThat(built.getPeer()).isSameAs(peer);
		assertThat(built.isAuthenticated()).isTrue();
		assertThat(built.getAuthorities()).extracting(GrantedAuthority::getAuthority)
			.containsExactly("ROLE_SWS_CLIENT", "FACTOR_X");
		assertThatIllegalArgumentException().isThrownBy(() -> token.toBuilder().principal("admin"));
	}

	@Test
	void theStringFormShowsNoSecret() {
		PeerIdentity peer = TestPeers.withCertificate(TestPeers.PKI, "alice");
		assertThat(SwsAuthenticationToken.authenticated(peer, List.of()).toString()).contains("alice")
			.contains("Credentials=[PROTECTED]");
	}

}
