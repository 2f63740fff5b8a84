package dev.sws.cert;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Set;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import dev.sws.crypto.BoxKeyPair;
import dev.sws.crypto.BoxPublicKeys;
import dev.sws.crypto.Ed25519KeyPair;
import dev.sws.crypto.RandomSource;
import dev.sws.internal.json.JsArray;
import dev.sws.internal.json.JsJson;
import dev.sws.internal.json.JsObject;
import dev.sws.internal.json.JsValue;
import dev.sws.internal.json.JsonFormatException;
import dev.sws.internal.json.StrictUtf8;

/**
 * The key and certificate files of the original's {@code nacl-cert} tool, read and written
 * byte-compatibly, so that files move freely between the two tools:
 * <ul>
 * <li>a certificate file ({@code NAME-ca-cert.json}, {@code NAME-cert.json}): the certificate's
 * JSON;</li>
 * <li>a box key pair file ({@code box-kp.json}): {@code {"secretkey":[32],"publickey":[32]}};</li>
 * <li>a CA key file ({@code NAME-ca-key.json}): {@code {"cert":<CA cert>,"secretkey":[64]}}, the
 * Ed25519 secret key in NaCl form (seed followed by public key).</li>
 * </ul>
 * Byte arrays are JSON arrays of integers 0 to 255, files hold compact JSON without a final
 * newline, as the original writes them. Secret files are created owner-only ({@code rw-------})
 * from the start, never world-readable even briefly, and moved into place atomically where the
 * file system allows.
 */
public final class CertFiles {

	/** The original's name for a box key pair file. */
	public static final String BOX_KEY_PAIR_FILE = "box-kp.json";

	private static final long MAX_FILE_SIZE = 1024 * 1024;

	private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

	private static final Set<PosixFilePermission> WORLD_READABLE = PosixFilePermissions.fromString("rw-r--r--");

	private CertFiles() {
	}

	/**
	 * Returns the original's file name for a CA certificate.
	 * @param caName the CA's name
	 * @return {@code NAME-ca-cert.json}
	 */
	public static String caCertFileName(String caName) {
		return caName + "-ca-cert.json";
	}

	/**
	 * Returns the original's file name for a CA key file.
	 * @param caName the CA's name
	 * @return {@code NAME-ca-key.json}
	 */
	public static String caKeyFileName(String caName) {
		return caName + "-ca-key.json";
	}

	/**
	 * Returns the original's file name for an issued certificate.
	 * @param firstName the first of the cert's names
	 * @return {@code NAME-cert.json}
	 */
	public static String certFileName(String firstName) {
		return firstName + "-cert.json";
	}

	/**
	 * Parses a box key pair file's content. A {@code publickey}, when present, must belong to the
	 * {@code secretkey}.
	 * @param json the content
	 * @return the key pair
	 * @throws CertFormatException if the content is not such a file
	 */
	public static BoxKeyPair parseBoxKeyPair(String json) {
		JsObject object = parseObject(json, "a box key pair");
		byte[] secretKey = requireBytes(object, "secretkey", BoxKeyPair.SECRET_KEY_LENGTH);
		BoxKeyPair pair = BoxKeyPair.fromSecretKey(secretKey);
		if (object.has("publickey") && !pair.hasPublicKey(requireBytes(object, "publickey", BoxPublicKeys.LENGTH))) {
			throw new CertFormatException("publickey does not belong to secretkey");
		}
		return pair;
	}

	/**
	 * Parses the {@code publickey} of a JSON object, as the original's {@code gencert} reads it
	 * from a box key pair file. A file that holds only {@code {"publickey":[32]}} also works,
	 * so the secret key need not travel to the CA.
	 * @param json the content
	 * @return the 32-byte box public key
	 * @throws CertFormatException if there is no such key
	 */
	public static byte[] parseBoxPublicKey(String json) {
		return requireBytes(parseObject(json, "a box key pair"), "publickey", BoxPublicKeys.LENGTH);
	}

	/**
	 * Formats a box key pair file.
	 * @param keyPair the key pair
	 * @return {@code {"secretkey":[32],"publickey":[32]}}
	 */
	public static String formatBoxKeyPair(BoxKeyPair keyPair) {
		return JsJson.stringify(new JsObject().put("secretkey", JsArray.ofBytes(keyPair.exportSecretKey()))
			.put("publickey", JsArray.ofBytes(keyPair.getPublicKey())));
	}

	/**
	 * Parses a CA key file's content.
	 * @param json the content
	 * @param clock the clock the CA issues with
	 * @param random the source of the CA's {@code gid}s
	 * @return the CA
	 * @throws IllegalArgumentException (often a {@link CertFormatException}) if the content is not a
	 * CA key file, or its cert and key do not belong together
	 */
	public static CertAuthority parseCertAuthority(String json, Clock clock, RandomSource random) {
		JsObject object = parseObject(json, "a CA key file");
		JsValue cert = object.get("cert")
			.orElseThrow(() -> new CertFormatException("no cert (expected a CA key file, NAME-ca-key.json)"));
		byte[] secretKey = requireBytes(object, "secretkey", Ed25519KeyPair.SECRET_KEY_LENGTH);
		return CertAuthority.of(NaclCert.of(cert), Ed25519KeyPair.fromSecretKey(secretKey), clock, random);
	}

	/**
	 * Formats a CA key file.
	 * @param authority the CA
	 * @return {@code {"cert":<CA cert>,"secretkey":[64]}}
	 */
	public static String formatCertAuthority(CertAuthority authority) {
		return JsJson.stringify(new JsObject().put("cert", authority.getCertificate().toJsValue())
			.put("secretkey", JsArray.ofBytes(authority.exportSecretKey())));
	}

	/**
	 * Parses a CA certificate from a CA certificate file or, for convenience, from a CA key file
	 * (only its {@code cert} is used).
	 * @param json the content
	 * @return the CA certificate, not yet checked
	 * @throws CertFormatException if the content holds no well-formed certificate
	 */
	public static NaclCert parseCaCert(String json) {
		JsObject object = parseObject(json, "a CA cert");
		return NaclCert.of(object.has("desc") ? object : object.get("cert").orElse(object));
	}

	/**
	 * Reads a certificate file.
	 * @param file the file
	 * @return the certificate
	 * @throws CertFileException if the file cannot be read or holds no well-formed certificate
	 */
	public static NaclCert readCert(Path file) throws CertFileException {
		String json = readText(file);
		return parse(file, () -> NaclCert.of(parseObject(json, "a cert")));
	}

	/**
	 * Reads a CA certificate from a CA certificate file or a CA key file.
	 * @param file the file
	 * @return the CA certificate, not yet checked
	 * @throws CertFileException if the file cannot be read or holds no well-formed certificate
	 * @see #parseCaCert(String)
	 */
	public static NaclCert readCaCert(Path file) throws CertFileException {
		String json = readText(file);
		return parse(file, () -> parseCaCert(json));
	}

	/**
	 * Reads a box key pair file.
	 * @param file the file
	 * @return the key pair
	 * @throws CertFileException if the file cannot be read or is not a box key pair file
	 */
	public static BoxKeyPair readBoxKeyPair(Path file) throws CertFileException {
		String json = readText(file);
		return parse(file, () -> parseBoxKeyPair(json));
	}

	/**
	 * Reads the box public key of a box key pair file (or of a file holding only it).
	 * @param file the file
	 * @return the 32-byte public key
	 * @throws CertFileException if the file cannot be read or holds no such key
	 */
	public static byte[] readBoxPublicKey(Path file) throws CertFileException {
		String json = readText(file);
		return parse(file, () -> parseBoxPublicKey(json));
	}

	/**
	 * Reads a CA key file.
	 * @param file the file
	 * @param clock the clock the CA issues with
	 * @param random the source of the CA's {@code gid}s
	 * @return the CA
	 * @throws CertFileException if the file cannot be read or is not a consistent CA key file
	 */
	public static CertAuthority readCertAuthority(Path file, Clock clock, RandomSource random)
			throws CertFileException {
		String json = readText(file);
		return parse(file, () -> parseCertAuthority(json, clock, random));
	}

	/**
	 * Writes a file anyone may read, such as a certificate.
	 * @param file the file
	 * @param content the content
	 * @param overwrite whether an existing file is replaced
	 * @throws CertFileException if the file exists and may not be replaced, or cannot be written
	 */
	public static void writePublic(Path file, String content, boolean overwrite) throws CertFileException {
		write(file, content, WORLD_READABLE, overwrite);
	}

	/**
	 * Writes a file only its owner may read or write ({@code rw-------} on POSIX file systems),
	 * such as a key file. The file never exists with wider permissions.
	 * @param file the file
	 * @param content the content
	 * @param overwrite whether an existing file is replaced
	 * @throws CertFileException if the file exists and may not be replaced, or cannot be written
	 */
	public static void writeSecret(Path file, String content, boolean overwrite) throws CertFileException {
		write(file, content, OWNER_ONLY, overwrite);
	}

	private static void write(Path file, String content, Set<PosixFilePermission> permissions, boolean overwrite)
			throws CertFileException {
		if (!overwrite && Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
			throw new CertFileException(file + ": already exists, not overwritten");
		}
		Path directory = file.toAbsolutePath().getParent();
		if (directory == null) {
			throw new CertFileException(file + ": not a file (it is a file system root)");
		}
		boolean posix = directory.getFileSystem().supportedFileAttributeViews().contains("posix");
		Path temporary = null;
		try {
			// The temporary file is created owner-only, so secret content is never readable by others.
			temporary = posix
					? Files.createTempFile(directory, ".sws-cert-", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY))
					: Files.createTempFile(directory, ".sws-cert-", ".tmp");
			if (!posix) {
				restrictToOwner(temporary);
			}
			Files.writeString(temporary, content, StandardCharsets.UTF_8);
			if (posix && !permissions.equals(OWNER_ONLY)) {
				Files.setPosixFilePermissions(temporary, permissions);
			}
			move(temporary, file, overwrite);
		}
		catch (IOException ex) {
			throw failure(file, ex, true);
		}
		finally {
			deleteQuietly(temporary);
		}
	}

	private static void move(Path temporary, Path file, boolean overwrite) throws IOException {
		try {
			if (!overwrite && Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
				throw new FileAlreadyExistsException(file.toString());
			}
			Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (AtomicMoveNotSupportedException ex) {
			if (overwrite) {
				Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
			}
			else {
				Files.move(temporary, file);
			}
		}
	}

	private static void restrictToOwner(Path path) {
		java.io.File file = path.toFile();
		file.setReadable(false, false);
		file.setReadable(true, true);
		file.setWritable(false, false);
		file.setWritable(true, true);
	}

	private static void deleteQuietly(@Nullable Path temporary) {
		if (temporary == null) {
			return;
		}
		try {
			Files.deleteIfExists(temporary);
		}
		catch (IOException ex) {
			// Nothing more can be done; the file is owner-only.
		}
	}

	private static String readText(Path file) throws CertFileException {
		byte[] bytes;
		try {
			if (Files.isDirectory(file)) {
				throw new CertFileException(file + ": is a directory, not a file");
			}
			if (Files.size(file) > MAX_FILE_SIZE) {
				throw new CertFileException(file + ": too large for a key or cert file");
			}
			bytes = Files.readAllBytes(file);
		}
		catch (IOException ex) {
			throw failure(file, ex, false);
		}
		try {
			return StrictUtf8.decode(bytes, 0, bytes.length);
		}
		catch (JsonFormatException ex) {
			throw new CertFileException(file + ": not valid UTF-8 text", ex);
		}
	}

	private static CertFileException failure(Path file, IOException ex, boolean writing) {
		if (ex instanceof CertFileException failure) {
			return failure;
		}
		String problem;
		if (ex instanceof FileAlreadyExistsException) {
			problem = "already exists, not overwritten";
		}
		else if (ex instanceof NoSuchFileException) {
			problem = writing ? "the directory does not exist" : "no such file";
		}
		else if (ex instanceof AccessDeniedException) {
			problem = "permission denied";
		}
		else {
			problem = (writing ? "cannot be written (" : "cannot be read (") + ex.getMessage() + ")";
		}
		return new CertFileException(file + ": " + problem, ex);
	}

	private static <T> T parse(Path file, Supplier<T> parser) throws CertFileException {
		try {
			return parser.get();
		}
		catch (IllegalArgumentException ex) {
			throw new CertFileException(file + ": " + ex.getMessage(), ex);
		}
	}

	private static JsObject parseObject(String json, String expected) {
		JsValue value;
		try {
			value = JsJson.parse(json);
		}
		catch (JsonFormatException ex) {
			throw new CertFormatException("not valid JSON (" + ex.getMessage() + ")", ex);
		}
		if (value instanceof JsObject object) {
			return object;
		}
		throw new CertFormatException("not " + expected + " (the JSON is not an object)");
	}

	private static byte[] requireBytes(JsObject object, String key, int length) {
		if (object.get(key).orElse(null) instanceof JsArray array) {
			byte[] bytes = array.toBytes(length);
			if (bytes != null) {
				return bytes;
			}
		}
		throw new CertFormatException(key + " is not an array of " + length + " bytes");
	}

}
