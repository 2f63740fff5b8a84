package dev.sws.sample.relay;

import org.junit.jupiter.api.Tag;

/**
 * The scale-out scenarios on the machine's RabbitMQ with its STOMP plugin (see
 * {@link LocalRabbitMq}): two instances share the chat through it, and the outage stops and starts
 * the RabbitMQ application with {@code rabbitmqctl stop_app} and {@code start_app}, so that it
 * comes back on the same port. Where RabbitMQ does not answer, they fail and say how to start it.
 */
@Tag("broker")
class RabbitMqScaleOutTests extends AbstractScaleOutTests {

	private boolean stopped;

	@Override
	String brokerName() {
		return "RabbitMQ";
	}

	@Override
	void startBroker() {
		LocalRabbitMq.require();
	}

	@Override
	String[] brokerArguments() {
		return externalBroker(LocalRabbitMq.HOST, LocalRabbitMq.STOMP_PORT, LocalRabbitMq.LOGIN, LocalRabbitMq.PASSCODE,
				"--sws.server.stomp.relay.virtual-host=" + LocalRabbitMq.VIRTUAL_HOST);
	}

	@Override
	void stopBroker() throws Exception {
		this.stopped = true;
		LocalRabbitMq.stopApp();
	}

	@Override
	void restartBroker() throws Exception {
		LocalRabbitMq.startApp();
		this.stopped = false;
	}

	/** The machine's RabbitMQ keeps running; one a failed test left stopped is started again. */
	@Override
	void closeBroker() {
		if (this.stopped) {
			try {
				LocalRabbitMq.startApp();
			}
			catch (Exception ex) {
				throw new IllegalStateException("Could not start RabbitMQ again: run 'rabbitmqctl start_app'", ex);
			}
		}
	}

}
