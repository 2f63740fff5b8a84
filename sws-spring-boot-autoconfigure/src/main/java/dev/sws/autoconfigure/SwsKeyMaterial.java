package dev.sws.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

import dev.sws.cert.CertFiles;
import dev.sws.cert.NaclCert;
import dev.sws.crypto.BoxKeyPair;
import dev.sws.internal.json.JsString;

/**
 * Reads keys and certificates given as "location or inline content" in {@code sws.*} properties.
 * Inline JSON starts with <code>{</code>; an inline key pair may also be its 32-byte secret key as
 * 64 hex digits, or as base64 or base64url (40 characters or more of one alphabet, padding
 * optional); anything else is a resource location ({@code file:}, {@code classpath:} or a plain
 * path).
 *
 * <p>Errors name the property and never echo a secret: the value of a key-pair property appears
 * in a message only when it is evidently a location (a {@code file:}, {@code classpath:} or
 * {@code http(s):} URL, or a path ending in {@code .json}); otherwise the message gives its length
 * and alphabet only, since a mistyped inline key (a space in it, a character of the other base64
 * alphabet) would otherwise be printed as a missing file's name.
 */
final class SwsKeyMaterial {

	static final String GENKEYPAIR = "./sws-cert genkeypair -o keys/server-kp.json";

	static final String GENCERT = "./sws-cert gencert -c keys/<ca>-ca-key.json -p keys/server-kp.json -n <host> -i <ip> -d 90 -o keys/server-cert.json";

	private static final int SECRET_KEY_LENGTH = 32;

	private static final Pattern INLINE_HEX = Pattern.compile("[0-9a-fA-F]{64}");

	/** Inline base64: the alphabet only, long enough not to be a file name, and no file extension. */
	private static final Pattern INLINE_BASE64 = Pattern.compile("[A-Za-z0-9+/]{40,}={0,2}");

	private static final Pattern INLINE_BASE64URL = Pattern.compile("[A-Za-z0-9_-]{40,}={0,2}");

	/** {@code file:}, {@code classpath:}, {@code https:}...; not a Windows drive letter. */
	private static final Pattern URL_PREFIX = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]+:.*");

	/** A value that is certainly a location, never a secret, so that messages may show it. */
	private static final Pattern EVIDENT_LOCATION = Pattern
		.compile("(?:(?:file|classpath\\*?|https?):\\S*|\\S*\\.[jJ][sS][oO][nN])");

	private static final int MAX_FILE_SIZE = 1024 * 1024;

	private final ResourceLoader resourceLoader;

	SwsKeyMaterial(ResourceLoader resourceLoader) {
		this.resourceLoader = resourceLoader;
	}

	BoxKeyPair keyPair(String property, String value) {
		String trimmed = value.trim();
		if (trimmed.isEmpty()) {
			throw SwsEmptyValues.empty(property);
		}
		String action = "Set " + property + " to a key file made with '" + GENKEYPAIR + "' (file:keys/server-kp.json), "
				+ "or to the base64, base64url or hex of the 32-byte secret key";
		byte[] secretKey = inlineSecretKey(property, trimmed, action);
		if (secretKey != null) {
			try {
				return BoxKeyPair.fromSecretKey(secretKey);
			}
			catch (IllegalArgumentException ex) {
				// never the cause: a message about key material stays out of logs
				throw new SwsConfigurationException(property, "the inline key is not a usable box secret key", action);
			}
		}
		String json = content(property, trimmed, "key pair", GENKEYPAIR, true);
		try {
			return CertFiles.parseBoxKeyPair(json);
		}
		catch (RuntimeException ex) {
			// the parser's message is left out: it could quote part of the secret key
			throw new SwsConfigurationException(property,
					"not a box key pair file: expected {\"secretkey\":[32 bytes],\"publickey\":[32 bytes]} with matching keys",
					"Generate one with '" + GENKEYPAIR + "' and set " + property + "=file:keys/server-kp.json");
		}
	}

	NaclCert certificate(String property, String value, String howToMake) {
		if (value.isBlank()) {
			throw SwsEmptyValues.empty(property);
		}
		String json = content(property, value.trim(), "certificate", howToMake, false);
		try {
			return NaclCert.parse(json);
		}
		catch (RuntimeException ex) {
			throw new SwsConfigurationException(property, "not a NaCl certificate (" + safe(ex) + ")",
					"Point " + property + " at a certificate made with '" + howToMake + "'", ex);
		}
	}

	/**
	 * Undoes Boot's splitting of a comma-separated list value inside inline JSON: a list property
	 * given as one string ({@code sws.client.trust-anchors={"desc":...,"sign":...}}, or an
	 * environment variable) is bound as its comma-separated parts. An element that starts with
	 * <code>{</code> is joined with the following ones, with the commas back, until its braces
	 * balance (braces inside JSON strings do not count); locations never start with <code>{</code>.
	 * @param values the bound values
	 * @return the values with inline JSON whole
	 */
	static List<String> rejoinSplitJson(List<String> values) {
		List<String> joined = new ArrayList<>();
		StringBuilder pending = null;
		for (String value : values) {
			if (pending == null && !value.trim().startsWith("{")) {
				joined.add(value);
				continue;
			}
			pending = (pending == null) ? new StringBuilder(value) : pending.append(',').append(value);
			if (isBalanced(pending)) {
				joined.add(pending.toString());
				pending = null;
			}
		}
		if (pending != null) {
			joined.add(pending.toString());
		}
		return joined;
	}

	private static boolean isBalanced(CharSequence json) {
		int depth = 0;
		boolean inString = false;
		for (int i = 0; i < json.length(); i++) {
			char c = json.charAt(i);
			if (inString) {
				if (c == '\\') {
					i++;
				}
				else if (c == '"') {
					inString = false;
				}
			}
			else if (c == '"') {
				inString = true;
			}
			else if (c == '{' || c == '[') {
				depth++;
			}
			else if (c == '}' || c == ']') {
				depth--;
			}
		}
		return depth <= 0 && !inString;
	}

	/**
	 * Refuses a CA certificate given as a side's own certificate, which would otherwise be
	 * reported as a key mismatch: a self-signed certificate belongs in the peers' trust anchors.
	 * @param property the side's certificate property
	 * @param certificate the certificate it names
	 * @param peerTrustAnchors the peers' property the CA certificate belongs in
	 * @param howToMake the command that issues a certificate for the side's key
	 */
	static void refuseCaCertificate(String property, NaclCert certificate, String peerTrustAnchors, String howToMake) {
		if (NaclCert.TYPE_SELF.equals(certificate.getType())) {
			throw new SwsConfigurationException(property,
					"this is a CA certificate (self-signed, CA " + new JsString(certificate.getCa()).toJson()
							+ "), the one to put in the peers' " + peerTrustAnchors
							+ ", not a certificate issued for this side's key",
					"Point " + property + " at a certificate issued for this side's key pair with '" + howToMake
							+ "', and give the CA certificate to the peers as " + peerTrustAnchors);
		}
	}

	/**
	 * Decodes an inline secret key: 64 hex digits, or base64 or base64url text.
	 * @return the decoded key, or {@code null} if the value does not look like inline key content
	 */
	private static byte @Nullable [] inlineSecretKey(String property, String value, String action) {
		if (INLINE_HEX.matcher(value).matches()) {
			return HexFormat.of().parseHex(value);
		}
		boolean base64 = INLINE_BASE64.matcher(value).matches();
		if (!base64 && !INLINE_BASE64URL.matcher(value).matches()) {
			return null;
		}
		String alphabet = base64 ? "base64" : "base64url";
		byte[] decoded;
		try {
			decoded = (base64 ? Base64.getDecoder() : Base64.getUrlDecoder()).decode(value);
		}
		catch (IllegalArgumentException ex) {
			// never the cause: its message could quote the secret
			throw new SwsConfigurationException(property,
					"the inline key is not valid " + alphabet + " (" + redacted(value) + ")", action);
		}
		if (decoded.length != SECRET_KEY_LENGTH) {
			throw new SwsConfigurationException(property, "the inline key is the " + alphabet + " of " + decoded.length
					+ " bytes, not of a 32-byte box secret key (" + redacted(value) + ")", action);
		}
		return decoded;
	}

	private String content(String property, String value, String what, String howToMake, boolean secret) {
		if (value.startsWith("{")) {
			return value;
		}
		boolean shown = !secret || EVIDENT_LOCATION.matcher(value).matches();
		String file = shown ? "the " + what + " file '" + value + "'" : "the file the value names";
		String fix = shown ? "Create it with '" + howToMake + "', or fix " + property
				: "Set " + property + " to a key file made with '" + howToMake + "' (file:keys/server-kp.json), "
						+ "or to the base64, base64url or hex of the 32-byte secret key";
		Resource resource = resolve(value);
		if (!resource.exists()) {
			throw new SwsConfigurationException(property, shown ? file + " does not exist"
					: "the value is neither inline key content nor the location of an existing file (" + redacted(value)
							+ ")",
					fix);
		}
		try (InputStream in = resource.getInputStream()) {
			byte[] bytes = in.readNBytes(MAX_FILE_SIZE + 1);
			if (bytes.length > MAX_FILE_SIZE) {
				throw new SwsConfigurationException(property, file + " is larger than 1 MiB",
						"Point " + property + " at the file made with '" + howToMake + "'");
			}
			return new String(bytes, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			if (!shown) {
				// neither the cause nor its message: both name the file, that is the value
				throw new SwsConfigurationException(property, file + " cannot be read (" + redacted(value) + ")",
						"Check the file's permissions, or fix " + property);
			}
			throw new SwsConfigurationException(property, file + " cannot be read: " + ex.getMessage(),
					"Check the file's permissions, or fix " + property, ex);
		}
	}

	/** A plain path names a file if one exists there, else a classpath resource; prefixes win. */
	private Resource resolve(String location) {
		if (!URL_PREFIX.matcher(location).matches()) {
			Resource file = new FileSystemResource(location);
			if (file.exists()) {
				return file;
			}
		}
		return this.resourceLoader.getResource(location);
	}

	/** What may be said about a value that could be a secret: its length and alphabet, never its text. */
	static String redacted(String value) {
		if (value.isEmpty()) {
			return "an empty value";
		}
		String alphabet;
		if (value.chars().allMatch((c) -> Character.digit(c, 16) >= 0 && c < 0x80)) {
			alphabet = "hex digits";
		}
		else if (value.matches("[A-Za-z0-9+/]+=*")) {
			alphabet = "base64 characters";
		}
		else if (value.matches("[A-Za-z0-9_-]+=*")) {
			alphabet = "base64url characters";
		}
		else if (value.chars().anyMatch(Character::isWhitespace)) {
			alphabet = "characters including whitespace";
		}
		else {
			alphabet = "characters";
		}
		return value.length() + " " + alphabet + "; not shown, as it may be a secret";
	}

	private static String safe(RuntimeException ex) {
		String message = ex.getMessage();
		return (message != null && message.length() < 200) ? message : ex.getClass().getSimpleName();
	}

}
