package dev.sws.sample.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.CoreAddressConfiguration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.config.impl.SecurityConfiguration;
import org.apache.activemq.artemis.core.postoffice.QueueBinding;
import org.apache.activemq.artemis.core.remoting.impl.netty.NettyAcceptor;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.ActiveMQServers;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.spi.core.security.ActiveMQJAASSecurityManager;
import org.apache.activemq.artemis.spi.core.security.jaas.InVMLoginModule;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.FileSystemUtils;

/**
 * ActiveMQ Artemis in this process with one STOMP listener, the broker of relay mode in
 * development and tests: nothing to install. It keeps nothing on disk (no persistence), accepts
 * the configured logins only, and serves the chat's one destination, {@code /topic/chat}: the
 * multicast address {@value #CHAT_ADDRESS} (every subscriber gets each message, as on RabbitMQ),
 * on which each subscription is a non-durable queue that goes with it. Nothing a client sends can
 * create another address, or a queue that outlives its subscription. {@link #stop()} and
 * {@link #start()} restart it on the same port.
 */
public final class EmbeddedStompBroker implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(EmbeddedStompBroker.class);

	private static final String ACCEPTOR = "stomp";

	private static final String ROLE = "chat";

	/** The address of {@code /topic/chat}, the chat's only destination. */
	static final String CHAT_ADDRESS = "chat";

	private final String host;

	private final Map<String, String> users;

	private final Path directory;

	private final @Nullable KeyStore tls;

	private int port;

	private @Nullable ActiveMQServer server;

	private EmbeddedStompBroker(String host, int port, Map<String, String> users, @Nullable KeyStore tls,
			Path directory) {
		this.host = host;
		this.port = port;
		this.users = Map.copyOf(users);
		this.tls = tls;
		this.directory = directory;
	}

	/**
	 * Starts a broker.
	 * @param host the address to listen on, a loopback address unless other hosts must reach it
	 * @param port the port, 0 for a free one
	 * @param users the logins clients may present, with their passcodes
	 * @return the running broker
	 * @throws IllegalStateException if it cannot listen on that address and port
	 */
	public static EmbeddedStompBroker start(String host, int port, Map<String, String> users) {
		return start(host, port, users, null);
	}

	/**
	 * Starts a broker whose STOMP listener speaks TLS.
	 * @param host the address to listen on, a loopback address unless other hosts must reach it
	 * @param port the port, 0 for a free one
	 * @param users the logins clients may present, with their passcodes
	 * @param tls the listener's key and certificate, or {@code null} for plaintext STOMP
	 * @return the running broker
	 * @throws IllegalStateException if it cannot listen on that address and port
	 */
	public static EmbeddedStompBroker start(String host, int port, Map<String, String> users, @Nullable KeyStore tls) {
		Path directory;
		try {
			directory = Files.createTempDirectory("sws-sample-broker-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		EmbeddedStompBroker broker = new EmbeddedStompBroker(host, port, users, tls, directory);
		broker.start();
		return broker;
	}

	/**
	 * Starts the broker again after {@link #stop()}, on the port it had.
	 * @throws IllegalStateException if it cannot listen on its port
	 */
	public synchronized void start() {
		if (this.server != null) {
			return;
		}
		ActiveMQServer server = ActiveMQServers.newActiveMQServer(configuration(), null, securityManager(), false);
		try {
			server.start();
		}
		catch (Exception ex) {
			stopQuietly(server);
			throw new IllegalStateException("The embedded STOMP broker could not start: " + ex.getMessage(), ex);
		}
		NettyAcceptor acceptor = (NettyAcceptor) server.getRemotingService().getAcceptor(ACCEPTOR);
		if (!server.isActive() || acceptor == null || !acceptor.isStarted()) {
			stopQuietly(server);
			throw new IllegalStateException("The embedded STOMP broker could not listen on " + this.host + ":" + this.port
					+ " (is another instance already running it? Start the others with "
					+ "sample.broker.embedded.enabled=false, or choose sample.broker.embedded.port)");
		}
		this.port = acceptor.getActualPort();
		this.server = server;
		logger.info("Embedded STOMP broker (ActiveMQ Artemis) listening on " + this.host + ":" + this.port);
	}

	/**
	 * Stops the broker: every STOMP connection is closed and every subscription forgotten.
	 */
	public synchronized void stop() {
		if (this.server != null) {
			stopQuietly(this.server);
			this.server = null;
			logger.info("Embedded STOMP broker stopped");
		}
	}

	/**
	 * Stops the broker for good and deletes its working folder.
	 */
	@Override
	public void close() {
		stop();
		FileSystemUtils.deleteRecursively(this.directory.toFile());
	}

	/**
	 * Returns whether the broker is running.
	 * @return whether it runs
	 */
	public synchronized boolean isRunning() {
		return this.server != null;
	}

	/**
	 * Returns the address the STOMP listener is bound to.
	 * @return the host
	 */
	public String host() {
		return this.host;
	}

	/**
	 * Returns the port of the STOMP listener.
	 * @return the port, also after {@link #stop()}
	 */
	public synchronized int port() {
		return this.port;
	}

	/**
	 * The addresses clients may use, for tests: only {@value #CHAT_ADDRESS}, whatever they send
	 * (the broker's own management notification address is left out).
	 */
	synchronized Set<String> addressNames() {
		if (this.server == null) {
			return Set.of();
		}
		SimpleString notifications = this.server.getConfiguration().getManagementNotificationAddress();
		return this.server.getPostOffice()
			.getAddresses()
			.stream()
			.filter((address) -> !address.equals(notifications))
			.map(SimpleString::toString)
			.collect(Collectors.toSet());
	}

	/** The broker's durable queues, for tests: none, whatever clients send. */
	synchronized Set<String> durableQueueNames() {
		return (this.server != null) ? this.server.getPostOffice()
			.getAllBindings()
			.filter((binding) -> binding instanceof QueueBinding queue && queue.getQueue().isDurable())
			.map((binding) -> binding.getUniqueName().toString())
			.collect(Collectors.toSet()) : Set.of();
	}

	private Configuration configuration() {
		Configuration configuration = new ConfigurationImpl().setName("sws-sample")
			.setPersistenceEnabled(false)
			.setSecurityEnabled(true)
			.setJMXManagementEnabled(false)
			.setCriticalAnalyzer(false)
			.setBindingsDirectory(this.directory.resolve("bindings").toString())
			.setJournalDirectory(this.directory.resolve("journal").toString())
			.setPagingDirectory(this.directory.resolve("paging").toString())
			.setLargeMessagesDirectory(this.directory.resolve("large-messages").toString())
			.setNodeManagerLockDirectory(this.directory.toString());
		try {
			// the prefixes make /topic/x multicast and /queue/x anycast, as on RabbitMQ
			String tls = (this.tls != null) ? ";sslEnabled=true;keyStoreType=PKCS12;keyStorePath=" + this.tls.path()
					+ ";keyStorePassword=" + this.tls.password() : "";
			configuration.addAcceptorConfiguration(ACCEPTOR, "tcp://" + this.host + ":" + this.port
					+ "?protocols=STOMP;anycastPrefix=/queue/;multicastPrefix=/topic/" + tls);
		}
		catch (Exception ex) {
			throw new IllegalArgumentException("Invalid embedded broker address " + this.host + ":" + this.port, ex);
		}
		// the chat's one address exists from the start; clients can create no other, nor durable queues
		configuration.addAddressConfiguration(new CoreAddressConfiguration().setName(CHAT_ADDRESS)
			.addRoutingType(RoutingType.MULTICAST));
		// dead-letter and expiry addresses named (so that Artemis does not warn of every subscription), never created
		configuration.addAddressSetting("#", new AddressSettings().setDeadLetterAddress(SimpleString.of("DLQ"))
			.setExpiryAddress(SimpleString.of("ExpiryQueue"))
			.setAutoCreateAddresses(false)
			.setAutoCreateQueues(false)
			.setAutoCreateDeadLetterResources(false)
			.setAutoCreateExpiryResources(false));
		Role role = new Role();
		role.setName(ROLE);
		role.setSend(true);
		role.setConsume(true);
		// each SUBSCRIBE to /topic/chat is a non-durable subscription queue, deleted with it
		role.setCreateNonDurableQueue(true);
		role.setDeleteNonDurableQueue(true);
		configuration.putSecurityRoles(CHAT_ADDRESS, Set.of(role));
		return configuration;
	}

	private ActiveMQJAASSecurityManager securityManager() {
		SecurityConfiguration users = new SecurityConfiguration();
		this.users.forEach((login, passcode) -> {
			users.addUser(login, passcode);
			users.addRole(login, ROLE);
		});
		return new ActiveMQJAASSecurityManager(InVMLoginModule.class.getName(), users);
	}

	/**
	 * The key and certificate of a TLS listener.
	 *
	 * @param path a PKCS#12 key store holding one key entry
	 * @param password the key store's password
	 */
	public record KeyStore(Path path, String password) {

	}

	private static void stopQuietly(ActiveMQServer server) {
		try {
			server.stop();
		}
		catch (Exception ex) {
			logger.debug("Failure while stopping the embedded STOMP broker", ex);
		}
	}

}
