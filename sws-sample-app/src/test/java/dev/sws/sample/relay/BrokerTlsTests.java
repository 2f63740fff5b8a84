package dev.sws.sample.relay;

import java.nio.file.Path;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import dev.sws.autoconfigure.relay.SwsStompBrokerRelay;
import dev.sws.cert.CertFiles;
import dev.sws.sample.ChatParticipant;
import dev.sws.sample.DevModeAppTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The link from an instance to the broker over TLS: the machine's RabbitMQ on its STOMP TLS
 * listener, its certificate checked against an SSL bundle of the broker's CA and against the host
 * connected to. (A certificate for another host is refused: {@code StompBrokerTcpClientTests} in
 * sws-spring-websocket.)
 */
@Tag("broker")
class BrokerTlsTests {

	@Test
	void theChatWorksOverTlsToTheBroker() throws Exception {
		LocalRabbitMq.require();
		try (ConfigurableApplicationContext instance = AbstractScaleOutTests.instance(AbstractScaleOutTests.externalBroker(
				LocalRabbitMq.HOST, LocalRabbitMq.STOMP_TLS_PORT, LocalRabbitMq.LOGIN, LocalRabbitMq.PASSCODE,
				"--sws.server.stomp.relay.virtual-host=" + LocalRabbitMq.VIRTUAL_HOST,
				"--sws.server.stomp.relay.ssl-bundle=broker",
				"--spring.ssl.bundle.pem.broker.truststore.certificate=file:" + LocalRabbitMq.CA_CERTIFICATE));
				ChatParticipant erin = ChatParticipant.join(AbstractScaleOutTests.port(instance), "erin",
						CertFiles.readCaCert(Path.of(DevModeAppTest.DEV_DIRECTORY, "sws-dev-ca-cert.json")))) {
			assertThat(instance.getBean(SwsStompBrokerRelay.class).getBrokerAddress())
				.isEqualTo(LocalRabbitMq.HOST + ":" + LocalRabbitMq.STOMP_TLS_PORT);
			erin.say("over TLS to the broker");
			erin.await("her message", (received) -> AbstractScaleOutTests.texts(received, "erin").contains("over TLS to the broker"),
					ChatParticipant.WAIT);
		}
	}

}
