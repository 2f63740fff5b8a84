package dev.sws.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

import dev.sws.cert.CertFiles;
import dev.sws.cert.NaclCert;
import dev.sws.crypto.BoxKeyPair;

/**
 * Reads keys and certificates given as "location or inline content" in {@code sws.*} properties.
 * Inline JSON starts with <code>{</code>; an inline key pair may also be the base64 of its 32-byte
 * secret key; anything else is a resource location ({@code file:}, {@code classpath:} or a plain
 * path). Errors name the property and never echo secret content.
 */
final class SwsKeyMaterial {

	static final String GENKEYPAIR = "./sws-cert genkeypair -o keys/server-kp.json";

	static final String GENCERT = "./sws-cert gencert -c keys/<ca>-ca-key.json -p keys/server-kp.json -n <host> -i <ip> -d 90 -o keys/server-cert.json";

	/** Inline base64: the alphabet only, long enough not to be a file name, and no file extension. */
	private static final Pattern INLINE_BASE64 = Pattern.compile("[A-Za-z0-9+/]{40,}={0,2}");

	/** {@code file:}, {@code classpath:}, {@code https:}...; not a Windows drive letter. */
	private static final Pattern URL_PREFIX = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]+:.*");

	private static final int MAX_FILE_SIZE = 1024 * 1024;

	private final ResourceLoader resourceLoader;

	SwsKeyMaterial(ResourceLoader resourceLoader) {
		this.resourceLoader = resourceLoader;
	}

	BoxKeyPair keyPair(String property, String value) {
		String trimmed = value.trim();
		if (INLINE_BASE64.matcher(trimmed).matches()) {
			try {
				return BoxKeyPair.fromSecretKey(Base64.getDecoder().decode(trimmed));
			}
			catch (IllegalArgumentException ex) {
				// never the cause: its message could quote the secret
				throw new SwsConfigurationException(property,
						"the inline key is not valid base64 of a 32-byte box secret key",
						"Set " + property + " to a key file made with '" + GENKEYPAIR + "'");
			}
		}
		String json = content(property, trimmed, "key pair", GENKEYPAIR);
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
		String json = content(property, value.trim(), "certificate", howToMake);
		try {
			return NaclCert.parse(json);
		}
		catch (RuntimeException ex) {
			throw new SwsConfigurationException(property, "not a NaCl certificate (" + safe(ex) + ")",
					"Point " + property + " at a certificate made with '" + howToMake + "'", ex);
		}
	}

	private String content(String property, String value, String what, String howToMake) {
		if (value.startsWith("{")) {
			return value;
		}
		Resource resource = resolve(value);
		if (!resource.exists()) {
			throw new SwsConfigurationException(property, "the " + what + " file '" + value + "' does not exist",
					"Create it with '" + howToMake + "', or fix " + property);
		}
		try (InputStream in = resource.getInputStream()) {
			byte[] bytes = in.readNBytes(MAX_FILE_SIZE + 1);
			if (bytes.length > MAX_FILE_SIZE) {
				throw new SwsConfigurationException(property, "the " + what + " file '" + value + "' is larger than 1 MiB",
						"Point " + property + " at the file made with '" + howToMake + "'");
			}
			return new String(bytes, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new SwsConfigurationException(property, "the " + what + " file '" + value + "' cannot be read: "
					+ ex.getMessage(), "Check the file's permissions, or fix " + property, ex);
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

	private static String safe(RuntimeException ex) {
		String message = ex.getMessage();
		return (message != null && message.length() < 200) ? message : ex.getClass().getSimpleName();
	}

}
