package dev.sws.internal.noise;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import dev.sws.cert.NaclCert;
import dev.sws.cert.TrustPolicy;

import static dev.sws.testsupport.Vectors.hex;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SWS v3 test vectors ({@code protocol/v3-vectors.json}) equal a fresh computation, and their
 * certificates pass the v2 checks at the vectors' time.
 *
 * <p>To rewrite the file after a deliberate change, run this class with
 * {@code -Dsws.writeV3Vectors=true} from the module directory, and review the diff.
 */
class V3VectorsTests {

	private static final String RESOURCE = "/protocol/v3-vectors.json";

	private static final JsonMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	@Test
	void theFileEqualsARecomputation() throws IOException {
		String text = MAPPER.writeValueAsString(V3Transcript.document(MAPPER)) + "\n";
		if (Boolean.getBoolean("sws.writeV3Vectors")) {
			Path file = Path.of("src/test/resources" + RESOURCE);
			Files.writeString(file, text);
			System.err.println("V3VectorsTests: wrote " + file.toAbsolutePath());
		}
		// compared as parsed trees, so that numbers compare by value whatever Java type made them
		JsonNode computed = MAPPER.readTree(text);
		JsonNode recorded = recorded();
		assertThat(recorded.get("transcripts")).hasSize(2);
		assertThat(computed.get("transcripts").get(0)).isEqualTo(recorded.get("transcripts").get(0));
		NoiseVectors.assumeAvailable(V3Transcript.protocolOf(0x02));
		assertThat(computed).isEqualTo(recorded);
	}

	@Test
	void theCertificatesPassTheVersion2ChecksAtTheVectorsTime() {
		JsonNode transcript = recorded().get("transcripts").get(0);
		TrustPolicy policy = TrustPolicy.builder()
			.trustAnchor(NaclCert.parse(transcript.get("trust_anchor").toString()))
			.clock(Clock.fixed(V3Transcript.TIME, ZoneOffset.UTC))
			.build();
		JsonNode server = transcript.get("server");
		JsonNode client = transcript.get("client");
		assertThat(policy.verifyServer(NaclCert.parse(server.get("cert").toString()), hex(server, "static_public"),
				transcript.get("host").asString()))
			.isEmpty();
		assertThat(policy.verifyClient(NaclCert.parse(client.get("cert").toString()), hex(client, "static_public")))
			.isEmpty();
	}

	@Test
	void theHeadersAreTheSpecifiedBytes() {
		JsonNode mutual = recorded().get("transcripts").get(0);
		JsonNode pinned = recorded().get("transcripts").get(1);
		assertThat(mutual.get("prologue").asString()).isEqualTo("53575303" + "01" + "01" + "01");
		assertThat(pinned.get("prologue").asString()).isEqualTo("53575303" + "01" + "02" + "0201");
		assertThat(pinned.get("handshake").get(1).get("header").asString()).isEqualTo("53575303" + "02" + "02");
		assertThat(pinned.get("handshake").get(2).get("header").asString()).isEqualTo("53575303" + "03");
		assertThat(pinned.get("pinned_server_keys").get(0).asString())
			.isEqualTo(pinned.get("server").get("static_public").asString());
		JsonNode ready = mutual.get("transport").get(0);
		assertThat(ready.get("websocket_message").asString()).hasSize(32);
		assertThat(ready.get("n").asLong()).isZero();
	}

	private static JsonNode recorded() {
		try (InputStream in = V3VectorsTests.class.getResourceAsStream(RESOURCE)) {
			return MAPPER.readTree(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
