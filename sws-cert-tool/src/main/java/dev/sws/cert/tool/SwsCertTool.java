package dev.sws.cert.tool;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import dev.sws.cert.CertAuthority;
import dev.sws.cert.CertFileException;
import dev.sws.cert.CertFiles;
import dev.sws.cert.CertRejection;
import dev.sws.cert.HostMatcher;
import dev.sws.cert.NaclCert;
import dev.sws.cert.TrustPolicy;
import dev.sws.cert.tool.Arguments.Spec;
import dev.sws.cert.tool.Arguments.UsageException;
import dev.sws.crypto.BoxKeyPair;
import dev.sws.crypto.KeyFingerprint;
import dev.sws.crypto.RandomSource;
import dev.sws.internal.json.JsArray;
import dev.sws.internal.json.JsString;

/**
 * The {@code sws-cert} command-line tool: generates box key pairs and CAs, issues certificates
 * and inspects them, in the file formats of the original's {@code nacl-cert} tool (see
 * {@link CertFiles}).
 *
 * <p>Exit codes: 0 done (or valid), 1 refused (a bad or missing file, an invalid cert, an expired
 * CA), 2 usage error. Every error is one line on standard error, without a stack trace. Secret keys
 * are written owner-only and printed only with {@code --show-secret}.
 */
public final class SwsCertTool {

	/** Exit code: done. */
	public static final int OK = 0;

	/** Exit code: refused, for example a bad file or an invalid certificate. */
	public static final int REFUSED = 1;

	/** Exit code: the command line is wrong. */
	public static final int USAGE = 2;

	private static final String PROGRAM = "sws-cert";

	private static final Duration DAY = Duration.ofDays(1);

	private static final String USAGE_TEXT = """
			Usage: sws-cert COMMAND [OPTIONS]

			Commands:
			  genkeypair [-o FILE] [--force] [--show-secret]
			      Generate a NaCl box key pair and write it to box-kp.json (owner-only).
			  genca -n NAME -d DAYS [--dir DIR] [--force] [--show-secret]
			      Generate a CA; writes NAME-ca-cert.json (give it to every peer as trust anchor)
			      and NAME-ca-key.json (the CA secret key, owner-only; keep it offline).
			  gencert -c CA-KEY -p BOX-KEY -n NAMES -d DAYS [-i IPS] [--ips-in-names] [--macs MACS]
			          [-o FILE] [--force]
			      Issue a cert for the box public key in BOX-KEY (box-kp.json, or a file holding
			      only {"publickey":[...]}), signed by the CA in CA-KEY (NAME-ca-key.json).
			      NAMES, IPS and MACS are comma-separated; names are ASCII (xn--... for
			      internationalised names); writes FIRSTNAME-cert.json. --ips-in-names also lists
			      each IP among the names, for the original's browser build connecting by IP.
			  inspect CERT [-c CA-CERT]
			      Show a cert: type, CA, names, ips, expiry, key fingerprint. With -c, check it as a
			      peer cert against that CA (exit 1 if refused); a CA cert alone is checked as a
			      trust anchor.
			  help
			      Show this text.

			Exit codes: 0 done or valid, 1 refused (bad file, invalid cert, expired CA), 2 usage.
			""";

	private final Clock clock;

	private final RandomSource random;

	private final Path workingDirectory;

	/**
	 * Creates a tool.
	 * @param clock the clock for expiry and signing times
	 * @param random the source of keys and certificate ids
	 * @param workingDirectory the directory relative file names are resolved against
	 */
	public SwsCertTool(Clock clock, RandomSource random, Path workingDirectory) {
		this.clock = clock;
		this.random = random;
		this.workingDirectory = workingDirectory;
	}

	/**
	 * Runs the tool and exits with its exit code.
	 * @param args the command line
	 */
	public static void main(String[] args) {
		PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
		PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
		SwsCertTool tool = new SwsCertTool(Clock.systemUTC(), RandomSource.secure(), Path.of("").toAbsolutePath());
		System.exit(tool.run(args, out, err));
	}

	/**
	 * Runs one command.
	 * @param args the command line, starting with the command name
	 * @param out where results go
	 * @param err where the one-line error goes
	 * @return the exit code: {@link #OK}, {@link #REFUSED} or {@link #USAGE}
	 */
	public int run(String[] args, PrintStream out, PrintStream err) {
		try {
			if (args.length == 0) {
				throw new UsageException("no command given");
			}
			List<String> rest = Arrays.asList(args).subList(1, args.length);
			return switch (args[0]) {
				case "genkeypair" -> genKeyPair(rest, out);
				case "genca" -> genCa(rest, out);
				case "gencert" -> genCert(rest, out, err);
				case "inspect" -> inspect(rest, out);
				case "help", "--help", "-h" -> {
					out.print(USAGE_TEXT);
					yield OK;
				}
				default -> throw new UsageException("unknown command " + args[0]);
			};
		}
		catch (UsageException ex) {
			err.println(PROGRAM + ": " + ex.getMessage() + " (see '" + PROGRAM + " help')");
			return USAGE;
		}
		catch (CertFileException | IllegalArgumentException ex) {
			err.println(PROGRAM + ": " + oneLine(String.valueOf(ex.getMessage()))); // a JDK exception may have none
			return REFUSED;
		}
		catch (RuntimeException ex) {
			err.println(PROGRAM + ": failed: " + oneLine(String.valueOf(ex.getMessage())));
			return REFUSED;
		}
	}

	private int genKeyPair(List<String> args, PrintStream out) throws UsageException, CertFileException {
		Arguments arguments = Arguments.parse(args,
				new Spec().value("--out", "-o").flag("--force").flag("--show-secret").flag("--help"));
		if (arguments.flag("--help")) {
			return help(out);
		}
		Path file = resolve(arguments.value("--out").orElse(CertFiles.BOX_KEY_PAIR_FILE));
		refuseExisting(file, arguments.flag("--force"));
		BoxKeyPair keyPair = BoxKeyPair.generate(this.random);
		CertFiles.writeSecret(file, CertFiles.formatBoxKeyPair(keyPair), arguments.flag("--force"));
		out.println("Wrote " + file + " (box key pair, owner-only)");
		out.println("publickey:   " + JsArray.ofBytes(keyPair.getPublicKey()).toJson());
		out.println("fingerprint: " + KeyFingerprint.of(keyPair.getPublicKey()));
		if (arguments.flag("--show-secret")) {
			out.println("secretkey:   " + JsArray.ofBytes(keyPair.exportSecretKey()).toJson());
		}
		return OK;
	}

	private int genCa(List<String> args, PrintStream out) throws UsageException, CertFileException {
		Arguments arguments = Arguments.parse(args, new Spec().value("--name", "-n")
			.value("--days", "-d")
			.value("--dir", null)
			.flag("--force")
			.flag("--show-secret")
			.flag("--help"));
		if (arguments.flag("--help")) {
			return help(out);
		}
		String name = arguments.required("--name");
		Instant expiresAt = expiry(arguments.required("--days"));
		Path directory = resolve(arguments.value("--dir").orElse("."));
		Path certFile = directory.resolve(fileName(CertFiles.caCertFileName(name), "--dir"));
		Path keyFile = directory.resolve(fileName(CertFiles.caKeyFileName(name), "--dir"));
		boolean force = arguments.flag("--force");
		refuseExisting(certFile, force);
		refuseExisting(keyFile, force);
		CertAuthority authority = CertAuthority.generate(name, expiresAt, this.clock, this.random);
		CertFiles.writeSecret(keyFile, CertFiles.formatCertAuthority(authority), force);
		CertFiles.writePublic(certFile, authority.getCertificate().toJson(), force);
		out.println("Wrote " + certFile + " (the CA cert: every peer's trust anchor)");
		out.println("Wrote " + keyFile + " (the CA secret key, owner-only: keep it offline)");
		describe(authority.getCertificate(), out);
		if (arguments.flag("--show-secret")) {
			out.println("secretkey:   " + JsArray.ofBytes(authority.exportSecretKey()).toJson());
		}
		return OK;
	}

	private int genCert(List<String> args, PrintStream out, PrintStream err) throws UsageException, CertFileException {
		Arguments arguments = Arguments.parse(args, new Spec().value("--ca", "-c")
			.value("--publickey", "-p")
			.value("--names", "-n")
			.value("--ips", "-i")
			.value("--macs", null)
			.value("--days", "-d")
			.value("--out", "-o")
			.flag("--ips-in-names")
			.flag("--force")
			.flag("--help"));
		if (arguments.flag("--help")) {
			return help(out);
		}
		Path caFile = resolve(arguments.required("--ca"));
		Path keyFile = resolve(arguments.required("--publickey"));
		List<String> names = list(arguments.required("--names"));
		List<String> ips = list(arguments.value("--ips").orElse(""));
		if (arguments.flag("--ips-in-names")) {
			if (ips.isEmpty()) {
				throw new UsageException("--ips-in-names needs addresses in --ips");
			}
			names = CertAuthority.namesWithIps(names, ips);
		}
		List<String> macs = list(arguments.value("--macs").orElse(""));
		Instant expiresAt = expiry(arguments.required("--days"));
		if (names.isEmpty()) {
			throw new UsageException("--names needs at least one name");
		}
		Path certFile = resolve(arguments.value("--out").orElse(fileName(CertFiles.certFileName(names.get(0)), "-o")));
		refuseExisting(certFile, arguments.flag("--force"));
		CertAuthority authority = CertFiles.readCertAuthority(caFile, this.clock, this.random);
		byte[] publicKey = CertFiles.readBoxPublicKey(keyFile);
		NaclCert cert = authority.issue(publicKey, names, ips, macs, expiresAt);
		CertFiles.writePublic(certFile, cert.toJson(), arguments.flag("--force"));
		out.println("Wrote " + certFile);
		describe(cert, out);
		if (names.stream().anyMatch(HostMatcher::isWildcard)) {
			err.println(PROGRAM + ": note: only SWS Java clients understand '*.' names; the original's JavaScript "
					+ "client fails on them unless an earlier name matches, so list exact names first");
		}
		return OK;
	}

	private int inspect(List<String> args, PrintStream out) throws UsageException, CertFileException {
		Arguments arguments = Arguments.parse(args, new Spec().value("--ca", "-c").flag("--help").positional(1));
		if (arguments.flag("--help")) {
			return help(out);
		}
		if (arguments.positional().isEmpty()) {
			throw new UsageException("missing the cert file to inspect");
		}
		NaclCert cert = CertFiles.readCert(resolve(arguments.positional().get(0)));
		Optional<String> caFile = arguments.value("--ca");
		@Nullable NaclCert ca = caFile.isPresent() ? CertFiles.readCaCert(resolve(caFile.get())) : null;
		describe(cert, out);
		Optional<CertRejection> rejection;
		String against;
		if (ca != null) {
			rejection = TrustPolicy.checkTrustAnchor(ca, this.clock, Duration.ZERO);
			if (rejection.isEmpty()) {
				TrustPolicy policy = TrustPolicy.builder().trustAnchor(ca).clock(this.clock).clockSkew(Duration.ZERO).build();
				rejection = policy.validate(cert);
			}
			against = "against CA " + quote(ca.getCa()) + " (" + ca.getPublicKeyFingerprint() + ")";
		}
		else if (NaclCert.TYPE_SELF.equalsIgnoreCase(cert.getType())) {
			rejection = TrustPolicy.checkTrustAnchor(cert, this.clock, Duration.ZERO);
			against = "as a self-signed CA cert (trust anchor)";
		}
		else {
			out.println("valid:       not checked (give the CA cert with -c)");
			return OK;
		}
		if (rejection.isPresent()) {
			out.println("valid:       no, " + rejection.get() + " (checked " + against + ")");
			return REFUSED;
		}
		out.println("valid:       yes, " + against);
		return OK;
	}

	private void describe(NaclCert cert, PrintStream out) {
		boolean self = NaclCert.TYPE_SELF.equalsIgnoreCase(cert.getType());
		out.println("type:        " + quote(cert.getType()) + (self ? " (self-signed CA cert)" : " (signed by a CA)"));
		out.println("ca:          " + quote(cert.getCa()));
		if (!self || !cert.getNames().isEmpty()) {
			out.println("names:       " + JsArray.ofStrings(cert.getNames()).toJson());
			out.println("ips:         " + JsArray.ofStrings(cert.getIps()).toJson());
		}
		if (!cert.getMacs().isEmpty()) {
			out.println("macs:        " + JsArray.ofStrings(cert.getMacs()).toJson());
		}
		out.println("expires:     " + cert.getExpiresAt() + (isExpired(cert) ? " (expired)" : ""));
		cert.getSignTime().ifPresent((time) -> out.println("signed:      " + Instant.ofEpochMilli(time)));
		cert.getGid().ifPresent((gid) -> out.println("gid:         " + quote(gid)));
		out.println("fingerprint: " + cert.getPublicKeyFingerprint() + (self ? " (Ed25519 CA key)" : " (box public key)"));
	}

	private boolean isExpired(NaclCert cert) {
		return cert.getTte() <= this.clock.millis();
	}

	private int help(PrintStream out) {
		out.print(USAGE_TEXT);
		return OK;
	}

	private Instant expiry(String days) throws UsageException {
		long count;
		try {
			count = Long.parseLong(days);
		}
		catch (NumberFormatException ex) {
			count = -1;
		}
		if (count < 1 || count > 100_000) {
			throw new UsageException("--days must be a whole number of days from 1 to 100000, not " + quote(days));
		}
		return this.clock.instant().plus(DAY.multipliedBy(count));
	}

	private Path resolve(String file) {
		return this.workingDirectory.resolve(file).normalize();
	}

	private static String fileName(String derived, String option) throws UsageException {
		if (derived.indexOf('/') >= 0 || derived.indexOf('\\') >= 0 || derived.startsWith(".")) {
			throw new UsageException("cannot derive a file name from " + quote(derived) + "; give " + option);
		}
		return derived;
	}

	private static void refuseExisting(Path file, boolean force) throws CertFileException {
		if (!force && Files.exists(file)) {
			throw new CertFileException(file + ": already exists, not overwritten (use --force to replace it)");
		}
	}

	private static List<String> list(String commaSeparated) {
		return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter((item) -> !item.isEmpty()).toList();
	}

	private static String quote(String text) {
		return new JsString(text).toJson();
	}

	private static String oneLine(String message) {
		return message.replaceAll("[\\r\\n\\u2028\\u2029]+", " ");
	}

}
