package dev.sws.autoconfigure;

import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The property reference {@code docs/properties.md} is the configuration metadata, rendered: it
 * cannot drift from the properties' Javadoc. With {@code -Dsws.docs.write=true} the test writes the
 * page instead of comparing it ({@link PropertiesReference#REGENERATE}).
 */
class PropertiesReferenceTests {

	private static final Path PAGE = Path.of("..", "docs", "properties.md");

	@Test
	void docsPropertiesIsTheRenderedMetadata() throws Exception {
		JsonNode metadata = swsMetadata();
		String rendered = PropertiesReference.render(metadata);
		if (Boolean.getBoolean("sws.docs.write")) {
			Files.writeString(PAGE, rendered, StandardCharsets.UTF_8);
		}
		assertThat(PAGE).as("docs/properties.md").exists();
		assertThat(Files.readString(PAGE, StandardCharsets.UTF_8))
			.as("docs/properties.md differs from the configuration metadata; regenerate it from the repository root with: %s",
					PropertiesReference.REGENERATE)
			.isEqualTo(rendered);
	}

	@Test
	void everyPropertyHasARowOfItsOwn() throws Exception {
		JsonNode metadata = swsMetadata();
		String rendered = PropertiesReference.render(metadata);
		for (JsonNode property : metadata.get("properties")) {
			assertThat(rendered).as("the row of %s", property.get("name").asString())
				.contains("| `" + property.get("name").asString() + "` |");
		}
		assertThat(rendered).contains("## Server", "## Development mode", "## STOMP broker relay", "## Client",
				"## Actuator");
	}

	@Test
	void hintedValuesAndDefaultsAreShown() throws Exception {
		String rendered = PropertiesReference.render(swsMetadata());
		assertThat(rendered).contains(
				"| `sws.server.handshake-timeout` | `Duration` | `2s` | How long the handshake may take; a stalled peer is closed with 1008. |")
			.contains("| `sws.server.stomp.relay.destination-prefixes` | `List<String>` | `/topic` |")
			.contains("Values: `1` (SWS v1: key exchange only), `2` (SWS v2: v1 plus NaCl certificates), `3` (SWS v3: ")
			.contains("| `sws.client.v3.suites` | `List<V3CipherSuite>` | `aesgcm-sha256`, `chachapoly-blake2b` |")
			.contains("| `sws.server.v3.rekey-after-messages` | `Long` | `65536` |")
			.contains("| `sws.server.v3.rekey-after-bytes` | `DataSize` | `1GB` |")
			.contains("| `sws.server.inbound-messages` | `InboundMessageMode` | `auto` |");
	}

	/** This module's metadata, wherever it sits among the metadata files of the class path. */
	static JsonNode swsMetadata() throws Exception {
		JsonMapper mapper = JsonMapper.builder().build();
		for (URL url : Collections.list(
				PropertiesReferenceTests.class.getClassLoader().getResources("META-INF/spring-configuration-metadata.json"))) {
			try (InputStream in = url.openStream()) {
				JsonNode metadata = mapper.readTree(in);
				for (JsonNode group : metadata.get("groups")) {
					if (group.get("name").asString().equals("sws")) {
						return metadata;
					}
				}
			}
		}
		throw new AssertionError("No META-INF/spring-configuration-metadata.json with the group 'sws' on the class path: "
				+ "the configuration processor did not run");
	}

}
