package dev.sws.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The SWS peer as a Spring Security user, bound from {@code sws.server.security.*}: which peers
 * are authenticated and which authorities they get. Used only when Spring Security is on the
 * class path.
 */
public class SwsSecurityProperties {

	/**
	 * Whether the SWS peer becomes a Spring Security Authentication (the user of its STOMP session)
	 * when Spring Security is on the class path.
	 */
	private boolean enabled = true;

	/**
	 * Authorities of every authenticated peer: one with a client certificate signed by a trust
	 * anchor, or with a pinned key.
	 */
	private List<String> defaultAuthorities = new ArrayList<>(List.of("ROLE_SWS_CLIENT"));

	/**
	 * Fingerprints of client public keys (as ./sws-cert inspect prints them) that authenticate a
	 * peer without a certificate; the peer proves it holds the private key in the handshake.
	 */
	private List<String> pinnedKeys = new ArrayList<>();

	/**
	 * Rules granting further authorities to authenticated peers; every rule that matches adds its
	 * authorities. Each has 'names' (any name of the certificate, exactly), 'issuer' (fingerprint
	 * of the signing CA's key), 'keys' (fingerprints of peer keys) and 'grant' (the authorities);
	 * every criterion given must hold.
	 */
	private List<AuthorityRule> authorities = new ArrayList<>();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public List<String> getDefaultAuthorities() {
		return this.defaultAuthorities;
	}

	public void setDefaultAuthorities(List<String> defaultAuthorities) {
		this.defaultAuthorities = defaultAuthorities;
	}

	public List<String> getPinnedKeys() {
		return this.pinnedKeys;
	}

	public void setPinnedKeys(List<String> pinnedKeys) {
		this.pinnedKeys = pinnedKeys;
	}

	public List<AuthorityRule> getAuthorities() {
		return this.authorities;
	}

	public void setAuthorities(List<AuthorityRule> authorities) {
		this.authorities = authorities;
	}

	/**
	 * One rule: every criterion given must hold, and a rule needs at least one.
	 */
	public static class AuthorityRule {

		/**
		 * The rule matches a peer whose certificate has one of these names (exactly). Any trusted
		 * CA can issue any name: with several trust anchors, give the issuer too.
		 */
		private List<String> names = new ArrayList<>();

		/**
		 * The rule matches a peer whose certificate this CA signed: the fingerprint of the CA's
		 * key, as ./sws-cert inspect prints it for the CA certificate.
		 */
		private @Nullable String issuer;

		/**
		 * The rule matches a peer whose public key has one of these fingerprints.
		 */
		private List<String> keys = new ArrayList<>();

		/**
		 * Authorities the rule grants, such as ROLE_ADMIN.
		 */
		private List<String> grant = new ArrayList<>();

		public List<String> getNames() {
			return this.names;
		}

		public void setNames(List<String> names) {
			this.names = names;
		}

		public @Nullable String getIssuer() {
			return this.issuer;
		}

		public void setIssuer(@Nullable String issuer) {
			this.issuer = issuer;
		}

		public List<String> getKeys() {
			return this.keys;
		}

		public void setKeys(List<String> keys) {
			this.keys = keys;
		}

		public List<String> getGrant() {
			return this.grant;
		}

		public void setGrant(List<String> grant) {
			this.grant = grant;
		}

	}

}
