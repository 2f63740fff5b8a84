package dev.sws.autoconfigure.relay;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.CoreAddressConfiguration;
import org.apache.activemq.artemis.core.config.impl.SecurityConfiguration;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.spi.core.security.ActiveMQJAASSecurityManager;
import org.apache.activemq.artemis.spi.core.security.ActiveMQSecurityManager;
import org.apache.activemq.artemis.spi.core.security.jaas.InVMLoginModule;

import org.springframework.boot.artemis.autoconfigure.ArtemisConfigurationCustomizer;

import dev.sws.autoconfigure.SwsConfigurationException;
import dev.sws.autoconfigure.SwsStompRelayProperties;

/**
 * Turns Spring Boot's embedded ActiveMQ Artemis into the relay's development broker: a STOMP
 * acceptor on which {@code /topic/x} is the multicast address {@code x} and {@code /queue/x} the
 * anycast address {@code x}, as on RabbitMQ, security on, and a role for the relay's logins that
 * may send to and subscribe to topics with non-durable subscription queues only. With
 * {@code sws.server.stomp.relay.embedded.topics} the topics exist from the start and clients can
 * create no other address; without, topics are created on first use. No frame can create a
 * durable queue, nor an anycast queue.
 */
final class ArtemisStompAcceptorCustomizer implements ArtemisConfigurationCustomizer {

	/** The name of the STOMP acceptor. */
	static final String ACCEPTOR = "sws-stomp";

	private static final String ROLE = "sws-relay";

	private static final String EVERY_ADDRESS = "#";

	private final SwsStompRelayProperties.Embedded settings;

	ArtemisStompAcceptorCustomizer(SwsStompRelayProperties.Embedded settings) {
		this.settings = settings;
	}

	@Override
	public void customize(Configuration configuration) {
		String uri = "tcp://" + this.settings.getHost() + ":" + this.settings.getPort()
				+ "?protocols=STOMP;anycastPrefix=/queue/;multicastPrefix=/topic/";
		try {
			configuration.addAcceptorConfiguration(ACCEPTOR, uri);
		}
		catch (Exception ex) {
			throw new SwsConfigurationException("sws.server.stomp.relay.embedded.host",
					"Not a valid address for the embedded broker's STOMP listener: " + this.settings.getHost() + ":"
							+ this.settings.getPort(),
					"Set sws.server.stomp.relay.embedded.host to an IP address or host name of this machine", ex);
		}
		configuration.setSecurityEnabled(true);
		List<String> topics = this.settings.getTopics();
		// the dead-letter and expiry addresses named as Spring Boot names them, never created on demand
		configuration.addAddressSetting(EVERY_ADDRESS,
				new AddressSettings().setDeadLetterAddress(SimpleString.of("DLQ"))
					.setExpiryAddress(SimpleString.of("ExpiryQueue"))
					.setAutoCreateAddresses(topics.isEmpty())
					.setAutoCreateQueues(false)
					.setAutoCreateDeadLetterResources(false)
					.setAutoCreateExpiryResources(false));
		if (topics.isEmpty()) {
			configuration.putSecurityRoles(EVERY_ADDRESS, Set.of(role(true)));
		}
		for (String topic : topics) {
			configuration.addAddressConfiguration(new CoreAddressConfiguration().setName(topic)
				.addRoutingType(RoutingType.MULTICAST));
			configuration.putSecurityRoles(topic, Set.of(role(false)));
		}
	}

	/** Each SUBSCRIBE to a topic is a non-durable subscription queue, deleted with it. */
	private static Role role(boolean createAddresses) {
		Role role = new Role();
		role.setName(ROLE);
		role.setSend(true);
		role.setConsume(true);
		role.setCreateNonDurableQueue(true);
		role.setDeleteNonDurableQueue(true);
		role.setCreateAddress(createAddresses);
		return role;
	}

	/**
	 * The security manager of the embedded broker: the relay's logins, each with the relay's role.
	 * @param users login to passcode
	 * @return the security manager
	 */
	static ActiveMQSecurityManager securityManager(Map<String, String> users) {
		SecurityConfiguration configuration = new SecurityConfiguration();
		users.forEach((login, passcode) -> {
			configuration.addUser(login, passcode);
			configuration.addRole(login, ROLE);
		});
		return new ActiveMQJAASSecurityManager(InVMLoginModule.class.getName(), configuration);
	}

}
