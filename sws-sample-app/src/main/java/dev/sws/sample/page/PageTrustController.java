package dev.sws.sample.page;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.sws.autoconfigure.devmode.DevModeKeys;
import dev.sws.cert.CertFiles;
import dev.sws.cert.NaclCert;
import dev.sws.cert.TrustPolicy;
import dev.sws.websocket.SwsWebSocketHandlerDecoratorFactory;

/**
 * Tells the chat page which CAs may sign the server's certificate, whether they came from
 * development mode (trust on first use) or from the configuration
 * ({@code sample.page.trust-anchors}, which wins), and which SWS versions the server accepts (the
 * page speaks v3 when the server offers it, v2 otherwise). The page is only as trustworthy as the way it and this
 * answer reach the browser: in production, serve both over HTTPS from a host you control, or put
 * the CA into the page itself.
 */
@RestController
@EnableConfigurationProperties(SamplePageProperties.class)
public class PageTrustController {

	private final String body;

	/**
	 * Reads and checks the trust anchors at startup, so that a bad one stops the app.
	 * @param properties the page's properties
	 * @param devMode the development keys, in development mode
	 * @param swsServer the SWS server, whose versions the page learns
	 */
	public PageTrustController(SamplePageProperties properties, ObjectProvider<DevModeKeys> devMode,
			ObjectProvider<SwsWebSocketHandlerDecoratorFactory> swsServer) {
		DevModeKeys devKeys = devMode.getIfAvailable();
		boolean developmentMode = devKeys != null;
		List<Resource> resources = (devKeys != null && properties.getTrustAnchors().isEmpty())
				? List.of(new FileSystemResource(devKeys.caCertFile())) : properties.getTrustAnchors();
		List<NaclCert> anchors = new ArrayList<>();
		for (Resource resource : resources) {
			NaclCert anchor = read(resource);
			TrustPolicy.checkTrustAnchor(anchor, Clock.systemUTC(), TrustPolicy.DEFAULT_CLOCK_SKEW)
				.ifPresent((rejection) -> {
					throw new IllegalStateException("sample.page.trust-anchors: " + resource + " is not a usable CA cert: "
							+ rejection);
				});
			anchors.add(anchor);
		}
		// the certs' own JSON text: their signatures cover the desc in exactly this key order
		SwsWebSocketHandlerDecoratorFactory server = swsServer.getIfAvailable();
		String versions = (server != null) ? server.getHandshakeSettings()
			.getVersions()
			.stream()
			.map((version) -> String.valueOf(version.getNumber()))
			.collect(Collectors.joining(",")) : "";
		this.body = "{\"developmentMode\":" + developmentMode + ",\"versions\":[" + versions + "],\"trustAnchors\":["
				+ anchors.stream().map(NaclCert::toJson).collect(Collectors.joining(",")) + "]}";
	}

	/**
	 * The page's trust anchors.
	 * @return {@code {"developmentMode":true|false,"versions":[1,2,3],"trustAnchors":[CA certs]}}
	 */
	@GetMapping(path = "/sample/trust-anchors.json", produces = MediaType.APPLICATION_JSON_VALUE)
	public String trustAnchors() {
		return this.body;
	}

	private static NaclCert read(Resource resource) {
		try (InputStream in = resource.getInputStream()) {
			return CertFiles.parseCaCert(new String(in.readNBytes(1024 * 1024), StandardCharsets.UTF_8));
		}
		catch (IOException | IllegalArgumentException ex) {
			throw new IllegalStateException("sample.page.trust-anchors: cannot read a CA cert from " + resource + ": "
					+ ex.getMessage(), ex);
		}
	}

}
