package dev.sws.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

import dev.sws.cert.NaclCert;
import dev.sws.protocol.PeerIdentity;

/**
 * The {@link SwsAuthoritiesMapper} of the {@code sws.server.security.*} properties: every
 * authenticated peer gets the default authorities (by default {@value #DEFAULT_AUTHORITY}), plus
 * those of each {@link Rule} that matches it. A rule matches on the names in the peer's
 * certificate, on the trust anchor that signed it, on the peer's key, or on several of them at once.
 *
 * <pre class="code">
 * SwsAuthorityRules rules = SwsAuthorityRules.builder()
 *     .rule(new SwsAuthorityRules.Rule(List.of("alice"), caFingerprint, List.of(), List.of("ROLE_ADMIN")))
 *     .build();
 * </pre>
 */
public final class SwsAuthorityRules implements SwsAuthoritiesMapper {

	/** The authority of every authenticated peer unless configured otherwise. */
	public static final String DEFAULT_AUTHORITY = "ROLE_SWS_CLIENT";

	private final List<GrantedAuthority> defaultAuthorities;

	private final List<Rule> rules;

	private SwsAuthorityRules(Builder builder) {
		this.defaultAuthorities = authorities(builder.defaultAuthorities);
		this.rules = List.copyOf(builder.rules);
	}

	/**
	 * Starts a builder whose default authority is {@value #DEFAULT_AUTHORITY} and that has no rules.
	 * @return the builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	@Override
	public List<GrantedAuthority> getAuthorities(PeerIdentity peer) {
		Set<GrantedAuthority> granted = new LinkedHashSet<>(this.defaultAuthorities);
		for (Rule rule : this.rules) {
			if (rule.matches(peer)) {
				granted.addAll(authorities(rule.authorities()));
			}
		}
		return List.copyOf(granted);
	}

	/**
	 * Returns the authorities every authenticated peer gets.
	 * @return the authorities
	 */
	public List<GrantedAuthority> getDefaultAuthorities() {
		return this.defaultAuthorities;
	}

	/**
	 * Returns the rules.
	 * @return the rules, in order
	 */
	public List<Rule> getRules() {
		return this.rules;
	}

	private static List<GrantedAuthority> authorities(Collection<String> names) {
		return names.stream().<GrantedAuthority>map(SimpleGrantedAuthority::new).toList();
	}

	/**
	 * Which peers get which authorities. Every criterion given must hold; an empty list or a
	 * {@code null} issuer is no criterion, and a rule needs at least one.
	 *
	 * <p>Names are matched exactly, against every name of the certificate. Any trust anchor of the
	 * server may put any name in a certificate: when the server trusts several CAs, give the
	 * {@code issuer} with the {@code names}, so that only that CA can grant them.
	 *
	 * @param names the rule matches a peer whose certificate has one of these names
	 * @param issuer the rule matches a peer whose certificate this CA signed: the fingerprint of the
	 * CA's key, as {@code ./sws-cert inspect} prints it for the CA certificate
	 * @param keys the rule matches a peer whose public key has one of these fingerprints
	 * @param authorities the authorities the rule grants
	 */
	public record Rule(List<String> names, @Nullable String issuer, List<String> keys, List<String> authorities) {

		/**
		 * Checks and normalizes a rule.
		 * @throws IllegalArgumentException if the rule has no criterion or no authority, or a
		 * fingerprint is malformed
		 */
		public Rule {
			names = List.copyOf(names);
			issuer = (issuer != null && !issuer.isBlank()) ? SwsKeyFingerprints.normalize(issuer, "a CA key") : null;
			keys = keys.stream().map((key) -> SwsKeyFingerprints.normalize(key, "a peer key")).toList();
			authorities = List.copyOf(authorities);
			if (names.isEmpty() && issuer == null && keys.isEmpty()) {
				throw new IllegalArgumentException("An authority rule must match on names, an issuer or keys");
			}
			if (authorities.isEmpty() || authorities.stream().anyMatch(String::isBlank)) {
				throw new IllegalArgumentException("An authority rule must grant one or more non-blank authorities");
			}
		}

		boolean matches(PeerIdentity peer) {
			NaclCert certificate = peer.getCertificate().orElse(null);
			if (!this.names.isEmpty()
					&& (certificate == null || certificate.getNames().stream().noneMatch(this.names::contains))) {
				return false;
			}
			if (this.issuer != null && !peer.getIssuer()
				.map((ca) -> ca.getPublicKeyFingerprint().equals(this.issuer))
				.orElse(false)) {
				return false;
			}
			return this.keys.isEmpty() || this.keys.contains(peer.getFingerprint());
		}

	}

	/**
	 * Builds {@link SwsAuthorityRules}.
	 */
	public static final class Builder {

		private List<String> defaultAuthorities = List.of(DEFAULT_AUTHORITY);

		private final List<Rule> rules = new ArrayList<>();

		private Builder() {
		}

		/**
		 * Sets the authorities every authenticated peer gets (default {@value #DEFAULT_AUTHORITY}).
		 * @param authorities the authorities, possibly none
		 * @return this builder
		 * @throws IllegalArgumentException if an authority is blank
		 */
		public Builder defaultAuthorities(Collection<String> authorities) {
			if (authorities.stream().anyMatch((authority) -> Objects.requireNonNull(authority).isBlank())) {
				throw new IllegalArgumentException("A default authority cannot be blank");
			}
			this.defaultAuthorities = List.copyOf(authorities);
			return this;
		}

		/**
		 * Adds a rule.
		 * @param rule the rule
		 * @return this builder
		 */
		public Builder rule(Rule rule) {
			this.rules.add(Objects.requireNonNull(rule, "rule"));
			return this;
		}

		/**
		 * Builds the mapper.
		 * @return the mapper
		 */
		public SwsAuthorityRules build() {
			return new SwsAuthorityRules(this);
		}

	}

}
