package dev.sws.autoconfigure;

import java.io.InputStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.util.unit.DataSize;

import dev.sws.protocol.RekeyThresholds;
import dev.sws.protocol.V3CipherSuite;
import dev.sws.websocket.InboundMessageMode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Binding of {@code sws.*} and the guard on its IDE metadata (the documentation is
 * {@link PropertiesReferenceTests}'s).
 */
class SwsPropertiesTests {

	@Test
	void bindsEveryProperty() {
		Map<String, String> map = new HashMap<>();
		map.put("sws.server.enabled", "false");
		map.put("sws.server.key-pair", "file:kp.json");
		map.put("sws.server.versions", "1,2");
		map.put("sws.server.certificate", "classpath:cert.json");
		map.put("sws.server.trust-anchors[0]", "a.json");
		map.put("sws.server.trust-anchors[1]", "b.json");
		map.put("sws.server.require-client-cert", "true");
		map.put("sws.server.clock-skew", "5s");
		map.put("sws.server.handshake-timeout", "3s");
		map.put("sws.server.max-pending-handshakes", "12");
		map.put("sws.server.max-message-size", "4MB");
		map.put("sws.server.max-handshake-message-size", "32KB");
		map.put("sws.server.first-frame-delay", "70ms");
		map.put("sws.server.inbound-messages", "text-if-utf8");
		map.put("sws.server.replay-window", "1m");
		map.put("sws.server.replay-cache-size", "50");
		map.put("sws.server.certificate-expiry-warning", "7d");
		map.put("sws.server.max-outbound-buffer", "2MB");
		map.put("sws.server.send-time-limit", "3s");
		map.put("sws.server.v3.suites", "chachapoly-blake2b");
		map.put("sws.server.v3.rekey-after-messages", "1000");
		map.put("sws.server.v3.rekey-after-bytes", "64MB");
		map.put("sws.server.stomp.enabled", "false");
		map.put("sws.server.dev-mode.enabled", "true");
		map.put("sws.server.dev-mode.directory", "target/dev");
		map.put("sws.client.enabled", "false");
		map.put("sws.client.version", "1");
		map.put("sws.client.key-pair", "kp.json");
		map.put("sws.client.certificate", "cert.json");
		map.put("sws.client.trust-anchors", "ca.json");
		map.put("sws.client.pinned-server-keys", "k1,k2");
		map.put("sws.client.insecure-accept-any-server-key", "true");
		map.put("sws.client.clock-skew", "1s");
		map.put("sws.client.handshake-timeout", "4s");
		map.put("sws.client.max-message-size", "8MB");
		map.put("sws.client.inbound-messages", "binary");
		map.put("sws.client.max-outbound-buffer", "512KB");
		map.put("sws.client.send-time-limit", "5s");
		map.put("sws.client.v3.suites", "chachapoly-blake2b,aesgcm-sha256");
		map.put("sws.client.v3.rekey-after-messages", "7");
		map.put("sws.client.v3.rekey-after-bytes", "1KB");
		SwsProperties properties = new Binder(new MapConfigurationPropertySource(map))
			.bind("sws", Bindable.of(SwsProperties.class))
			.get();
		SwsProperties.Server server = properties.getServer();
		assertThat(server.isEnabled()).isFalse();
		assertThat(server.getKeyPair()).isEqualTo("file:kp.json");
		assertThat(server.getVersions()).containsExactly(1, 2);
		assertThat(server.getCertificate()).isEqualTo("classpath:cert.json");
		assertThat(server.getTrustAnchors()).containsExactly("a.json", "b.json");
		assertThat(server.isRequireClientCert()).isTrue();
		assertThat(server.getClockSkew()).isEqualTo(Duration.ofSeconds(5));
		assertThat(server.getHandshakeTimeout()).isEqualTo(Duration.ofSeconds(3));
		assertThat(server.getMaxPendingHandshakes()).isEqualTo(12);
		assertThat(server.getMaxMessageSize()).isEqualTo(DataSize.ofMegabytes(4));
		assertThat(server.getMaxHandshakeMessageSize()).isEqualTo(DataSize.ofKilobytes(32));
		assertThat(server.getFirstFrameDelay()).isEqualTo(Duration.ofMillis(70));
		assertThat(server.getInboundMessages()).isEqualTo(InboundMessageMode.TEXT_IF_UTF8);
		assertThat(server.getReplayWindow()).isEqualTo(Duration.ofMinutes(1));
		assertThat(server.getReplayCacheSize()).isEqualTo(50);
		assertThat(server.getCertificateExpiryWarning()).isEqualTo(Duration.ofDays(7));
		assertThat(server.getMaxOutboundBuffer()).isEqualTo(DataSize.ofMegabytes(2));
		assertThat(server.getSendTimeLimit()).isEqualTo(Duration.ofSeconds(3));
		assertThat(server.getV3().getSuites()).containsExactly(V3CipherSuite.CHACHAPOLY_BLAKE2B);
		assertThat(server.getV3().getRekeyAfterMessages()).isEqualTo(1000);
		assertThat(server.getV3().getRekeyAfterBytes()).isEqualTo(DataSize.ofMegabytes(64));
		assertThat(server.getStomp().isEnabled()).isFalse();
		assertThat(server.getDevMode().isEnabled()).isTrue();
		assertThat(server.getDevMode().getDirectory()).isEqualTo("target/dev");
		SwsProperties.Client client = properties.getClient();
		assertThat(client.isEnabled()).isFalse();
		assertThat(client.getVersion()).isEqualTo(1);
		assertThat(client.getKeyPair()).isEqualTo("kp.json");
		assertThat(client.getCertificate()).isEqualTo("cert.json");
		assertThat(client.getTrustAnchors()).containsExactly("ca.json");
		assertThat(client.getPinnedServerKeys()).containsExactly("k1", "k2");
		assertThat(client.isInsecureAcceptAnyServerKey()).isTrue();
		assertThat(client.getClockSkew()).isEqualTo(Duration.ofSeconds(1));
		assertThat(client.getHandshakeTimeout()).isEqualTo(Duration.ofSeconds(4));
		assertThat(client.getMaxMessageSize()).isEqualTo(DataSize.ofMegabytes(8));
		assertThat(client.getInboundMessages()).isEqualTo(InboundMessageMode.BINARY);
		assertThat(client.getMaxOutboundBuffer()).isEqualTo(DataSize.ofKilobytes(512));
		assertThat(client.getSendTimeLimit()).isEqualTo(Duration.ofSeconds(5));
		assertThat(client.getV3().getSuites()).containsExactly(V3CipherSuite.CHACHAPOLY_BLAKE2B,
				V3CipherSuite.AESGCM_SHA256);
		assertThat(client.getV3().getRekeyAfterMessages()).isEqualTo(7);
		assertThat(client.getV3().getRekeyAfterBytes()).isEqualTo(DataSize.ofKilobytes(1));
	}

	@Test
	void v3DefaultsOfferAesGcmFirstAndRekeyAfter65536MessagesOr1GiB() {
		for (SwsProperties.Side side : List.of(new SwsProperties().getServer(), new SwsProperties().getClient())) {
			assertThat(side.getV3().getSuites()).containsExactly(V3CipherSuite.AESGCM_SHA256,
					V3CipherSuite.CHACHAPOLY_BLAKE2B);
			assertThat(side.getV3().getRekeyAfterMessages()).isEqualTo(65536);
			assertThat(side.getV3().getRekeyAfterBytes()).isEqualTo(DataSize.ofGigabytes(1));
			assertThat(new RekeyThresholds(side.getV3().getRekeyAfterMessages(), side.getV3().getRekeyAfterBytes().toBytes()))
				.as("the core's defaults")
				.isEqualTo(RekeyThresholds.DEFAULT);
		}
		assertThat(new SwsProperties().getClient().getVersion()).isEqualTo(3);
	}

	@Test
	void developmentModeIsOffByDefaultWithAFolderInTheWorkingDirectory() {
		SwsProperties.DevMode devMode = new SwsProperties().getServer().getDevMode();
		assertThat(devMode.isEnabled()).isFalse();
		assertThat(devMode.getDirectory()).isEqualTo(".sws-dev");
	}

	@Test
	void metadataDescribesEveryPropertyAndHintsOnlyExistingOnes() throws Exception {
		JsonNode generated = read("META-INF/spring-configuration-metadata.json");
		JsonNode additional = read("META-INF/additional-spring-configuration-metadata.json");
		List<String> names = generated.get("properties").valueStream().map((p) -> p.get("name").asString()).toList();
		assertThat(names).contains("sws.server.key-pair", "sws.client.pinned-server-keys", "management.health.sws.enabled");
		for (JsonNode property : generated.get("properties")) {
			assertThat(property.has("description")).as("description of %s", property.get("name")).isTrue();
			assertThat(property.get("description").asString()).as("description of %s", property.get("name")).endsWith(".");
		}
		for (JsonNode hint : additional.get("hints")) {
			assertThat(names).as("hinted property").contains(hint.get("name").asString());
		}
	}

	private static JsonNode read(String resource) throws Exception {
		try (InputStream in = SwsPropertiesTests.class.getClassLoader().getResourceAsStream(resource)) {
			assertThat(in).as(resource).isNotNull();
			return JsonMapper.builder().build().readTree(in);
		}
	}

}
