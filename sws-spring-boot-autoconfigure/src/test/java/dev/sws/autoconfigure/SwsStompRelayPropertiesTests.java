package dev.sws.autoconfigure;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Binding of {@code sws.server.stomp.relay.*}, a nested group of {@link SwsProperties}.
 */
class SwsStompRelayPropertiesTests {

	@Test
	void bindsEveryProperty() {
		Map<String, String> map = new HashMap<>();
		map.put("sws.server.stomp.relay.enabled", "true");
		map.put("sws.server.stomp.relay.host", "rabbit.internal");
		map.put("sws.server.stomp.relay.port", "61614");
		map.put("sws.server.stomp.relay.client-login", "chat");
		map.put("sws.server.stomp.relay.client-passcode", "secret");
		map.put("sws.server.stomp.relay.system-login", "system");
		map.put("sws.server.stomp.relay.system-passcode", "other");
		map.put("sws.server.stomp.relay.virtual-host", "sws");
		map.put("sws.server.stomp.relay.ssl-bundle", "broker");
		map.put("sws.server.stomp.relay.connect-timeout", "2s");
		map.put("sws.server.stomp.relay.destination-prefixes", "/topic,/exchange");
		map.put("sws.server.stomp.relay.outage.enabled", "false");
		map.put("sws.server.stomp.relay.outage.max-duration", "2m");
		map.put("sws.server.stomp.relay.outage.reconnect-interval", "250ms");
		map.put("sws.server.stomp.relay.outage.settle-time", "3s");
		map.put("sws.server.stomp.relay.outage.buffer-size", "2MB");
		map.put("sws.server.stomp.relay.outage.resend-unconfirmed", "false");
		map.put("sws.server.stomp.relay.embedded.enabled", "false");
		map.put("sws.server.stomp.relay.embedded.host", "0.0.0.0");
		map.put("sws.server.stomp.relay.embedded.port", "0");
		map.put("sws.server.stomp.relay.embedded.topics", "chat,news");
		SwsStompRelayProperties relay = new Binder(new MapConfigurationPropertySource(map))
			.bind("sws", Bindable.of(SwsProperties.class))
			.get()
			.getServer()
			.getStomp()
			.getRelay();
		assertThat(relay.isEnabled()).isTrue();
		assertThat(relay.getHost()).isEqualTo("rabbit.internal");
		assertThat(relay.getPort()).isEqualTo(61614);
		assertThat(relay.getClientLogin()).isEqualTo("chat");
		assertThat(relay.getClientPasscode()).isEqualTo("secret");
		assertThat(relay.getSystemLogin()).isEqualTo("system");
		assertThat(relay.getSystemPasscode()).isEqualTo("other");
		assertThat(relay.getVirtualHost()).isEqualTo("sws");
		assertThat(relay.getSslBundle()).isEqualTo("broker");
		assertThat(relay.getConnectTimeout()).isEqualTo(Duration.ofSeconds(2));
		assertThat(relay.getDestinationPrefixes()).containsExactly("/topic", "/exchange");
		SwsStompRelayProperties.Outage outage = relay.getOutage();
		assertThat(outage.isEnabled()).isFalse();
		assertThat(outage.getMaxDuration()).isEqualTo(Duration.ofMinutes(2));
		assertThat(outage.getReconnectInterval()).isEqualTo(Duration.ofMillis(250));
		assertThat(outage.getSettleTime()).isEqualTo(Duration.ofSeconds(3));
		assertThat(outage.getBufferSize()).isEqualTo(DataSize.ofMegabytes(2));
		assertThat(outage.isResendUnconfirmed()).isFalse();
		SwsStompRelayProperties.Embedded embedded = relay.getEmbedded();
		assertThat(embedded.isEnabled()).isFalse();
		assertThat(embedded.getHost()).isEqualTo("0.0.0.0");
		assertThat(embedded.getPort()).isZero();
		assertThat(embedded.getTopics()).containsExactly("chat", "news");
	}

	@Test
	void theRelayIsOffByDefault() {
		SwsStompRelayProperties relay = new SwsProperties().getServer().getStomp().getRelay();
		assertThat(relay.isEnabled()).isFalse();
		assertThat(relay.getDestinationPrefixes()).containsExactly("/topic");
		assertThat(relay.getVirtualHost()).isEqualTo("/");
		assertThat(relay.getOutage().isEnabled()).isTrue();
		assertThat(relay.getOutage().isResendUnconfirmed()).isTrue();
		assertThat(relay.getEmbedded().getPort()).isEqualTo(61613);
	}

}
