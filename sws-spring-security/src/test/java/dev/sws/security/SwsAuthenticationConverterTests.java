package dev.sws.security;

import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.AuthorityUtils;

import dev.sws.protocol.PeerIdentity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SwsAuthenticationConverterTests {

	private final SwsAuthoritiesMapper mapper = (peer) -> AuthorityUtils.createAuthorityList("ROLE_" + peer.getName());

	@Test
	void aPeerWithAVerifiedCertificateIsAuthenticatedWithTheMappedAuthorities() {
		SwsAuthenticationToken token = new SwsAuthenticationConverter(this.mapper)
			.convert(TestPeers.withCertificate(TestPeers.PKI, "alice"));
		assertThat(token.isAuthenticated()).isTrue();
		assertThat(token.getAuthorities()).extracting(GrantedAuthority::getAuthority).containsExactly("ROLE_alice");
	}

	@Test
	void aPeerKnownByAKeyNothingVouchesForIsNotAuthenticatedAndGetsNoAuthorities() {
		SwsAuthenticationConverter converter = new SwsAuthenticationConverter((peer) -> {
			throw new AssertionError("the mapper is for authenticated peers only");
		});
		SwsAuthenticationToken token = converter.convert(TestPeers.withKeyOnly());
		assertThat(token.isAuthenticated()).isFalse();
		assertThat(token.getAuthorities()).isEmpty();
	}

	@Test
	void aPinnedKeyAuthenticatesAPeerWithoutCertificate() {
		PeerIdentity bot = TestPeers.withKeyOnly();
		SwsAuthenticationConverter converter = new SwsAuthenticationConverter(this.mapper,
				List.of(" " + bot.getFingerprint().toUpperCase(Locale.ROOT) + " "));
		assertThat(converter.getPinnedKeys()).containsExactly(bot.getFingerprint());
		SwsAuthenticationToken token = converter.convert(bot);
		assertThat(token.isAuthenticated()).isTrue();
		assertThat(token.getAuthorities()).extracting(GrantedAuthority::getAuthority)
			.containsExactly("ROLE_" + bot.getFingerprint());
		assertThat(converter.convert(TestPeers.withKeyOnly()).isAuthenticated()).isFalse();
	}

	@Test
	void aMalformedPinnedKeyIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SwsAuthenticationConverter(this.mapper, List.of("not-a-fingerprint")))
			.withMessageContaining("'not-a-fingerprint' is not a fingerprint of a pinned key");
	}

}
