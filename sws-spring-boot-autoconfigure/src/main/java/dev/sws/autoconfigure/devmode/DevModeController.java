package dev.sws.autoconfigure.devmode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves the development CA's certificate at {@value #PATH}, in development mode only, for
 * clients that trust on first use (never do that in production).
 */
@RestController
final class DevModeController {

	/** Where the development CA's certificate is served. */
	static final String PATH = "/sws-dev/ca-cert.json";

	private final Resource caCertificate;

	/**
	 * Creates the controller.
	 * @param keys the development keys
	 */
	DevModeController(DevModeKeys keys) {
		this.caCertificate = new FileSystemResource(keys.caCertFile());
	}

	/**
	 * The development CA's certificate.
	 * @return the cert file's JSON
	 * @throws IOException if the file cannot be read
	 */
	@GetMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
	public String caCertificate() throws IOException {
		return this.caCertificate.getContentAsString(StandardCharsets.UTF_8);
	}

}
