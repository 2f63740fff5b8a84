package dev.sws.autoconfigure.devmode;

import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.sws.cert.CertAuthority;
import dev.sws.cert.CertFileException;
import dev.sws.cert.CertFiles;
import dev.sws.cert.NaclCert;
import dev.sws.cert.TrustPolicy;
import dev.sws.crypto.BoxKeyPair;
import dev.sws.crypto.RandomSource;

/**
 * The keys of development mode ({@code sws.server.dev-mode.enabled}), in one folder outside
 * version control: a development CA, the server's box key pair and a certificate for
 * {@code localhost}, {@code 127.0.0.1} and {@code ::1}, in the key tool's file formats. The
 * addresses are listed among the certificate's names as well as its ips, so that the original's
 * browser build, which matches only names, also accepts it on {@code ws://127.0.0.1:...} (our
 * peers match addresses against ips only). {@link #prepare} creates what is missing and reuses
 * what is still good, so clients that trust the development CA keep trusting it across
 * restarts: an unreadable or soon-expiring CA is replaced (and the certificate with it), an
 * unreadable key pair is replaced, and a certificate that no longer verifies for the key, the CA
 * and both hosts, or expires within {@link #RENEW_BEFORE}, is issued anew.
 *
 * <p>The folder is private to the user running the application: created {@code rwx------}, and refused
 * (never reused) when it or one of its files belongs to another user, when others may write to
 * it, when a key file is readable by others or a certificate writable by others (see
 * {@link PrivateKeysFolder}). On a file system without POSIX permissions the keys are used with a
 * warning.
 *
 * @param directory the folder
 * @param caCertFile the development CA's certificate, the trust anchor clients need
 * @param keyPairFile the server's key pair (owner-only)
 * @param certificateFile the server's certificate
 * @param caCertificate the development CA's certificate
 * @param certificate the server's certificate
 * @param created what this call created, empty if everything was reused
 * @param warnings what the caller should log as warnings, usually nothing
 */
public record DevModeKeys(Path directory, Path caCertFile, Path keyPairFile, Path certificateFile, NaclCert caCertificate,
		NaclCert certificate, List<String> created, List<String> warnings) {

	/** The development CA's name. */
	public static final String CA_NAME = "sws-dev";

	/** The host names the server certificate covers. */
	public static final List<String> NAMES = List.of("localhost");

	/** The addresses the server certificate covers, also listed among its names. */
	public static final List<String> IPS = List.of("127.0.0.1", "::1");

	/** How long a new development CA, and the certificates it issues, stay valid. */
	public static final Duration VALIDITY = Duration.ofDays(365);

	/** Files that expire sooner than this are replaced. */
	public static final Duration RENEW_BEFORE = Duration.ofDays(7);

	private static final String KEY_PAIR_FILE = "server-kp.json";

	private static final String CERTIFICATE_FILE = "server-cert.json";

	/**
	 * Creates or reuses the development keys in {@code directory}.
	 * @param directory the folder, created if missing
	 * @param clock the clock that decides expiry
	 * @param random the source of new keys
	 * @return the keys and what was created
	 * @throws CertFileException if a file cannot be written, or the folder or a file in it is not
	 * private to the user running this
	 */
	public static DevModeKeys prepare(Path directory, Clock clock, RandomSource random) throws CertFileException {
		return prepare(directory, clock, random, null);
	}

	/**
	 * Creates or reuses the development keys in {@code directory}, which must belong to
	 * {@code user}.
	 * @param directory the folder, created if missing
	 * @param clock the clock that decides expiry
	 * @param random the source of new keys
	 * @param user the user who must own the folder and its files, {@code null} for the one running
	 * this
	 * @return the keys and what was created
	 * @throws CertFileException if a file cannot be written, or the folder or a file in it is not
	 * private to that user
	 */
	static DevModeKeys prepare(Path directory, Clock clock, RandomSource random, @Nullable UserPrincipal user)
			throws CertFileException {
		List<String> warnings = new ArrayList<>();
		PrivateKeysFolder folder = PrivateKeysFolder.open(directory, user, warnings);
		Instant renewBy = clock.instant().plus(RENEW_BEFORE);
		List<String> created = new ArrayList<>();
		Path caKeyFile = directory.resolve(CertFiles.caKeyFileName(CA_NAME));
		Path caCertFile = directory.resolve(CertFiles.caCertFileName(CA_NAME));
		Path keyPairFile = directory.resolve(KEY_PAIR_FILE);
		Path certificateFile = directory.resolve(CERTIFICATE_FILE);
		folder.checkSecret(caKeyFile);
		folder.checkSecret(keyPairFile);
		folder.checkPublic(caCertFile);
		folder.checkPublic(certificateFile);
		CertAuthority ca = readCa(caKeyFile, caCertFile, clock, random, renewBy);
		if (ca == null) {
			ca = CertAuthority.generate(CA_NAME, clock.instant().plus(VALIDITY), clock, random);
			CertFiles.writeSecret(caKeyFile, CertFiles.formatCertAuthority(ca), true);
			CertFiles.writePublic(caCertFile, ca.getCertificate().toJson(), true);
			created.add("development CA " + caCertFile.getFileName());
		}
		BoxKeyPair keyPair = readKeyPair(keyPairFile);
		if (keyPair == null) {
			keyPair = BoxKeyPair.generate(random);
			CertFiles.writeSecret(keyPairFile, CertFiles.formatBoxKeyPair(keyPair), true);
			created.add("server key pair " + keyPairFile.getFileName());
		}
		NaclCert certificate = readCertificate(certificateFile, ca, keyPair, clock, renewBy);
		if (certificate == null) {
			certificate = ca.issue(keyPair.getPublicKey(), CertAuthority.namesWithIps(NAMES, IPS), IPS, ca.getExpiresAt());
			CertFiles.writePublic(certificateFile, certificate.toJson(), true);
			created.add("server certificate " + certificateFile.getFileName());
		}
		return new DevModeKeys(directory, caCertFile, keyPairFile, certificateFile, ca.getCertificate(), certificate,
				List.copyOf(created), List.copyOf(warnings));
	}

	private static @Nullable CertAuthority readCa(Path keyFile, Path certFile, Clock clock, RandomSource random,
			Instant renewBy) {
		try {
			CertAuthority ca = CertFiles.readCertAuthority(keyFile, clock, random);
			boolean usable = TrustPolicy.checkTrustAnchor(ca.getCertificate(), clock, Duration.ZERO).isEmpty()
					&& ca.getExpiresAt().isAfter(renewBy) && CertFiles.readCaCert(certFile).equals(ca.getCertificate());
			return usable ? ca : null;
		}
		catch (CertFileException ex) {
			return null;
		}
	}

	private static @Nullable BoxKeyPair readKeyPair(Path file) {
		try {
			return CertFiles.readBoxKeyPair(file);
		}
		catch (CertFileException ex) {
			return null;
		}
	}

	private static @Nullable NaclCert readCertificate(Path file, CertAuthority ca, BoxKeyPair keyPair, Clock clock,
			Instant renewBy) {
		try {
			NaclCert certificate = CertFiles.readCert(file);
			TrustPolicy policy = TrustPolicy.builder().trustAnchor(ca.getCertificate()).clock(clock).clockSkew(Duration.ZERO)
				.build();
			boolean usable = certificate.getExpiresAt().isAfter(renewBy) && certificate.getIps().containsAll(IPS)
					&& certificate.getNames().containsAll(CertAuthority.namesWithIps(NAMES, IPS))
					&& policy.verifyServer(certificate, keyPair.getPublicKey(), NAMES.get(0)).isEmpty();
			return usable ? certificate : null;
		}
		catch (CertFileException ex) {
			return null;
		}
	}

}
