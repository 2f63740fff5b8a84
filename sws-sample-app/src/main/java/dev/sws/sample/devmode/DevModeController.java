package dev.sws.sample.devmode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves the development CA's certificate at {@code /sws-dev/ca-cert.json}, in development mode
 * only, for clients that trust on first use (never do that in production).
 */
@RestController
@ConditionalOnBooleanProperty(DevModeEnvironmentPostProcessor.ACTIVE_PROPERTY)
public class DevModeController {

	private final Resource caCertificate;

	/**
	 * Creates the controller.
	 * @param caCertificate the development CA's certificate file
	 */
	public DevModeController(@Value("${" + DevModeEnvironmentPostProcessor.CA_CERTIFICATE_PROPERTY + "}") Resource caCertificate) {
		this.caCertificate = caCertificate;
	}

	/**
	 * The development CA's certificate.
	 * @return the cert file's JSON
	 * @throws IOException if the file cannot be read
	 */
	@GetMapping(path = "/sws-dev/ca-cert.json", produces = MediaType.APPLICATION_JSON_VALUE)
	public String caCertificate() throws IOException {
		return this.caCertificate.getContentAsString(StandardCharsets.UTF_8);
	}

}
