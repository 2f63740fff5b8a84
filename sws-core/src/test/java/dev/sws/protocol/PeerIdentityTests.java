package dev.sws.protocol;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.sws.cert.CertAuthority;
import dev.sws.cert.NaclCert;
import dev.sws.crypto.BoxKeyPair;
import dev.sws.crypto.KeyFingerprint;
import dev.sws.crypto.RandomSource;
import dev.sws.testsupport.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link PeerIdentity#principalName()}: one unambiguous form per kind of peer, which no HTTP user
 * name and no other peer can share.
 */
class PeerIdentityTests {

	private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

	private final MutableClock clock = new MutableClock(NOW);

	private final CertAuthority ca = authority("ca.example.test");

	private final BoxKeyPair keys = BoxKeyPair.generate(RandomSource.secure());

	private CertAuthority authority(String name) {
		return CertAuthority.generate(name, NOW.plus(Duration.ofDays(365)), this.clock, RandomSource.secure());
	}

	private NaclCert cert(CertAuthority authority, String... names) {
		return authority.issue(this.keys.publicKey(), List.of(names), List.of("192.0.2.1"), NOW.plus(Duration.ofDays(30)));
	}

	@Test
	void aPeerKnownByItsKeyIsNamedByItsKeyFingerprint() {
		PeerIdentity peer = new PeerIdentity(ProtocolVersion.V1, this.keys.publicKey(), null);
		assertThat(peer.principalName()).isEqualTo("sws-key:" + KeyFingerprint.of(this.keys.publicKey()));
		assertThat(peer.name()).isEqualTo(KeyFingerprint.of(this.keys.publicKey()));
	}

	@Test
	void aCertifiedPeerIsNamedByItsIssuersFingerprintAndItsFirstName() {
		NaclCert cert = cert(this.ca, "admin", "backup");
		PeerIdentity peer = new PeerIdentity(ProtocolVersion.V2, this.keys.publicKey(), cert, this.ca.certificate());
		assertThat(peer.principalName())
			.isEqualTo("sws-cert:" + this.ca.certificate().publicKeyFingerprint() + "/admin")
			.isNotEqualTo("admin");
		assertThat(peer.name()).isEqualTo("admin");
		assertThat(peer.issuer()).contains(this.ca.certificate());
	}

	@Test
	void theNameStartsAtAFixedPositionWhateverItContains() {
		for (String name : List.of("a/b", "x:y", "sws-key:abc", "/", ":", "admin/..")) {
			PeerIdentity peer = new PeerIdentity(ProtocolVersion.V2, this.keys.publicKey(), cert(this.ca, name),
					this.ca.certificate());
			String principal = peer.principalName();
			int nameAt = "sws-cert:".length() + 39;
			assertThat(principal.substring("sws-cert:".length(), nameAt)).isEqualTo(this.ca.certificate().publicKeyFingerprint());
			assertThat(principal.charAt(nameAt)).isEqualTo('/');
			assertThat(principal.substring(nameAt + 1)).isEqualTo(name);
		}
	}

	@Test
	void theSameNameFromAnotherCaIsAnotherPrincipal() {
		CertAuthority namesake = authority("ca.example.test");
		PeerIdentity fromCa = new PeerIdentity(ProtocolVersion.V2, this.keys.publicKey(), cert(this.ca, "admin"),
				this.ca.certificate());
		PeerIdentity fromNamesake = new PeerIdentity(ProtocolVersion.V2, this.keys.publicKey(), cert(namesake, "admin"),
				namesake.certificate());
		assertThat(fromCa.principalName()).isNotEqualTo(fromNamesake.principalName());
	}

	@Test
	void withoutAKnownIssuerOrAnyNameACertifiedPeerIsNamedByItsKey() {
		String byKey = "sws-key:" + KeyFingerprint.of(this.keys.publicKey());
		assertThat(new PeerIdentity(ProtocolVersion.V2, this.keys.publicKey(), cert(this.ca, "admin")).principalName())
			.isEqualTo(byKey);
		NaclCert ipsOnly = this.ca.issue(this.keys.publicKey(), List.of(), List.of("192.0.2.1"), NOW.plus(Duration.ofDays(1)));
		assertThat(new PeerIdentity(ProtocolVersion.V2, this.keys.publicKey(), ipsOnly, this.ca.certificate()).principalName())
			.isEqualTo(byKey);
		assertThat(new PeerIdentity(ProtocolVersion.V1, this.keys.publicKey(), null, this.ca.certificate()).issuer()).isEmpty();
	}

}
