package dev.sws.security;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.security.core.GrantedAuthority;

import dev.sws.protocol.PeerIdentity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SwsAuthorityRulesTests {

	private static final String CA = TestPeers.PKI.ca.getCertificate().getPublicKeyFingerprint();

	@Test
	void everyPeerGetsTheDefaultAuthority() {
		assertThat(names(SwsAuthorityRules.builder().build(), TestPeers.withCertificate(TestPeers.PKI, "bob")))
			.containsExactly("ROLE_SWS_CLIENT");
		assertThat(names(SwsAuthorityRules.builder().defaultAuthorities(List.of()).build(), TestPeers.withKeyOnly()))
			.isEmpty();
	}

	@Test
	void aNameRuleMatchesAnyNameOfTheCertificateExactly() {
		SwsAuthorityRules rules = SwsAuthorityRules.builder()
			.rule(new SwsAuthorityRules.Rule(List.of("alice"), null, List.of(), List.of("ROLE_ADMIN")))
			.build();
		assertThat(names(rules, TestPeers.withCertificate(TestPeers.PKI, "alice.example.com", "alice")))
			.containsExactly("ROLE_SWS_CLIENT", "ROLE_ADMIN");
		assertThat(names(rules, TestPeers.withCertificate(TestPeers.PKI, "Alice"))).containsExactly("ROLE_SWS_CLIENT");
		assertThat(names(rules, TestPeers.withKeyOnly())).containsExactly("ROLE_SWS_CLIENT");
	}

	@Test
	void anIssuerScopesANameToOneCa() {
		SwsAuthorityRules rules = SwsAuthorityRules.builder()
			.rule(new SwsAuthorityRules.Rule(List.of("alice"), CA.toUpperCase(java.util.Locale.ROOT), List.of(),
					List.of("ROLE_ADMIN")))
			.rule(new SwsAuthorityRules.Rule(List.of(), CA, List.of(), List.of("ROLE_STAFF", "ROLE_ADMIN")))
			.build();
		assertThat(names(rules, TestPeers.withCertificate(TestPeers.PKI, "alice")))
			.containsExactly("ROLE_SWS_CLIENT", "ROLE_ADMIN", "ROLE_STAFF");
		assertThat(names(rules, TestPeers.withCertificate(TestPeers.OTHER, "alice"))).containsExactly("ROLE_SWS_CLIENT");
		assertThat(names(rules, TestPeers.withCertificate(TestPeers.PKI, "bob")))
			.containsExactly("ROLE_SWS_CLIENT", "ROLE_STAFF", "ROLE_ADMIN");
	}

	@Test
	void aKeyRuleMatchesThePeerKey() {
		PeerIdentity bot = TestPeers.withKeyOnly();
		SwsAuthorityRules rules = SwsAuthorityRules.builder()
			.rule(new SwsAuthorityRules.Rule(List.of(), null, List.of(bot.getFingerprint()), List.of("ROLE_BOT")))
			.build();
		assertThat(names(rules, bot)).containsExactly("ROLE_SWS_CLIENT", "ROLE_BOT");
		assertThat(names(rules, TestPeers.withKeyOnly())).containsExactly("ROLE_SWS_CLIENT");
	}

	@Test
	void aRuleWithoutCriterionAuthorityOrWithAMalformedFingerprintIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SwsAuthorityRules.Rule(List.of(), null, List.of(), List.of("ROLE_ADMIN")))
			.withMessageContaining("must match on names, an issuer or keys");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SwsAuthorityRules.Rule(List.of("alice"), null, List.of(), List.of()))
			.withMessageContaining("must grant");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SwsAuthorityRules.Rule(List.of(), "aa:bb", List.of(), List.of("ROLE_ADMIN")))
			.withMessageContaining("'aa:bb' is not a fingerprint of a CA key");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SwsAuthorityRules.builder().defaultAuthorities(List.of(" ")))
			.withMessageContaining("blank");
	}

	private static List<String> names(SwsAuthorityRules rules, PeerIdentity peer) {
		return rules.getAuthorities(peer).stream().map(GrantedAuthority::getAuthority).toList();
	}

}
