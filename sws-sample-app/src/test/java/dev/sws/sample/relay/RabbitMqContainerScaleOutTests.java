package dev.sws.sample.relay;

import org.junit.jupiter.api.Tag;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.rabbitmq.RabbitMQContainer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scale-out scenarios on RabbitMQ 4 with its STOMP plugin, in a container: they run where a
 * Docker engine exists and are skipped elsewhere ({@link RabbitMqScaleOutTests} runs them on the
 * machine's RabbitMQ everywhere). The outage stops and starts the RabbitMQ application inside the
 * container, so the broker comes back on the same port.
 */
@Tag("broker")
@Testcontainers(disabledWithoutDocker = true)
class RabbitMqContainerScaleOutTests extends AbstractScaleOutTests {

	static final int STOMP_PORT = 61613;

	private RabbitMQContainer rabbit;

	@Override
	String brokerName() {
		return "RabbitMQ 4 in a container";
	}

	@Override
	void startBroker() {
		this.rabbit = new RabbitMQContainer("rabbitmq:4-management")
			.withCopyToContainer(Transferable.of("[rabbitmq_management,rabbitmq_stomp].\n"), "/etc/rabbitmq/enabled_plugins")
			.withExposedPorts(5672, 15672, STOMP_PORT);
		this.rabbit.start();
	}

	@Override
	String[] brokerArguments() {
		return externalBroker(this.rabbit.getHost(), this.rabbit.getMappedPort(STOMP_PORT), this.rabbit.getAdminUsername(),
				this.rabbit.getAdminPassword());
	}

	@Override
	void stopBroker() throws Exception {
		rabbitmqctl("stop_app");
	}

	@Override
	void restartBroker() throws Exception {
		rabbitmqctl("start_app");
	}

	@Override
	void closeBroker() {
		if (this.rabbit != null) {
			this.rabbit.stop();
		}
	}

	private void rabbitmqctl(String command) throws Exception {
		ExecResult result = this.rabbit.execInContainer("rabbitmqctl", command);
		assertThat(result.getExitCode()).as(result.getStderr()).isZero();
	}

}
