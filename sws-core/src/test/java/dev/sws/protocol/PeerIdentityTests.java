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
 * {@link PeerIdentity#getPrincipalName()}: one unambiguous form per kind of peer, which no HTTP user
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
		return authority.issue(this.keys.getPublicKey(), List.of(names), List.of("192.0.2.1"), NOW.plus(Duration.ofDays(30)));
	}

	@Test
	void aPeerKnownByItsKeyIsNamedByItsKeyFingerprint() {
		PeerIdentity peer = new PeerIdentity(ProtocolVersion.V1, this.keys.getPublicKey(), null);
		assertThat(peer.getPrincipalName()).isEqualTo("sws-key:" + KeyFingerprint.of(this.keys.getPublicKey()));
		assertThat(peer.getName()).isEqualTo(KeyFingerprint.of(this.keys.getPublicKey()));
	}

	@Test
	void aCertifiedPeerIsNamedByItsIssuersFingerprintAndItsFirstName() {
		NaclCert cert = cert(this.ca, "admin", "backup");
		PeerIdentity peer = new PeerIdentity(ProtocolVersion.V2, this.keys.getPublicKey(), cert, this.ca.getCertificate());
		assertThat(peer.getPrincipalName())
			.isEqualTo("sws-cert:" + this.ca.getCertificate().getPublicKeyFingerprint() + "/admin")
			.isNotEqualTo("admin");
		assertThat(peer.getName()).isEqualTo("admin");
		assertThat(peer.getIssuer()).contains(this.ca.getCertificate());
	}

	@Test
	void theNameStartsAtAFixedPositionWhateverItContains() {
		for (String name : List.of("a/b", "x:y", "sws-key:abc", "/", ":", "admin/..")) {
			PeerIdentity peer = new PeerIdentity(ProtocolVersion.V2, this.keys.getPublicKey(), cert(this.ca, name),
					this.ca.getCertificate());
			String principal = peer.getPrincipalName();
			int nameAt = "sws-cert:".length() + 39;
			assertThat(principal.substring("sws-cert:".length(), nameAt)).isEqualTo(this.ca.getCertificate().getPublicKeyFingerprint());
			assertThat(principal.charAt(nameAt)).isEqualTo('/');
			assertThat(principal.substring(nameAt + 1)).isEqualTo(name);
		}
	}

	@Test
	void theSameNameFromAnotherCaIsAnotherPrincipal() {
		CertAuthority namesake = authority("ca.example.test");
		PeerIdentity fromCa = new PeerIdentity(ProtocolVersion.V2, this.keys.getPublicKey(), cert(this.ca, "admin"),
				this.ca.getCertificate());
		PeerIdentity fromNamesake = new PeerIdentity(ProtocolVersion.V2, this.keys.getPublicKey(), cert(namesake, "admin"),
				namesake.getCertificate());
		assertThat(fromCa.getPrincipalName()).isNotEqualTo(fromNamesake.getPrincipalName());
	}

	@Test
	void withoutAKnownIssuerOrAnyNameACertifiedPeerIsNamedByItsKey() {
		String byKey = "sws-key:" + KeyFingerprint.of(this.keys.getPublicKey());
		assertThat(new PeerIdentity(ProtocolVersion.V2, this.keys.getPublicKey(), cert(this.ca, "admin")).getPrincipalName())
			.isEqualTo(byKey);
		NaclCert ipsOnly = this.ca.issue(this.keys.getPublicKey(), List.of(), List.of("192.0.2.1"), NOW.plus(Duration.ofDays(1)));
		assertThat(new PeerIdentity(ProtocolVersion.V2, this.keys.getPublicKey(), ipsOnly, this.ca.getCertificate()).getPrincipalName())
			.isEqualTo(byKey);
		assertThat(new PeerIdentity(ProtocolVersion.V1, this.keys.getPublicKey(), null, this.ca.getCertificate()).getIssuer()).isEmpty();
	}

}
