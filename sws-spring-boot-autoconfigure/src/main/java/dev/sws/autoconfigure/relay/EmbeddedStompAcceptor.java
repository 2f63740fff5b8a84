package dev.sws.autoconfigure.relay;

import java.net.InetSocketAddress;

import org.apache.activemq.artemis.api.core.TransportConfiguration;
import org.apache.activemq.artemis.core.remoting.impl.netty.NettyAcceptor;
import org.apache.activemq.artemis.core.remoting.impl.netty.TransportConstants;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.sws.autoconfigure.SwsConfigurationException;
import dev.sws.autoconfigure.SwsStompRelayProperties;

/**
 * The STOMP listener of the embedded broker once it runs: where the relay connects. A free port
 * (0) is written back into the broker's configuration, so that the broker listens on the same
 * port when it is started again.
 */
final class EmbeddedStompAcceptor {

	private static final Log logger = LogFactory.getLog(EmbeddedStompAcceptor.class);

	private final String host;

	private final int port;

	EmbeddedStompAcceptor(EmbeddedActiveMQ broker, SwsStompRelayProperties.Embedded settings) {
		ActiveMQServer server = broker.getActiveMQServer();
		// a broker that cannot bind its acceptor logs it and stays inactive, without an exception
		NettyAcceptor acceptor = (server != null && server.isActive())
				&& (server.getRemotingService().getAcceptor(ArtemisStompAcceptorCustomizer.ACCEPTOR) instanceof NettyAcceptor netty)
				? netty : null;
		if (server == null || acceptor == null || !acceptor.isStarted()) {
			throw new SwsConfigurationException("sws.server.stomp.relay.embedded.port",
					"The embedded broker could not listen on " + settings.getHost() + ":" + settings.getPort()
							+ " (is another instance already running it?)",
					"Start the other instances with sws.server.stomp.relay.embedded.enabled=false and the relay "
							+ "host and port of this one, or choose another sws.server.stomp.relay.embedded.port (0: a free one)");
		}
		this.host = settings.getHost();
		this.port = acceptor.getActualPort();
		for (TransportConfiguration configuration : server.getConfiguration().getAcceptorConfigurations()) {
			if (ArtemisStompAcceptorCustomizer.ACCEPTOR.equals(configuration.getName())) {
				configuration.getParams().put(TransportConstants.PORT_PROP_NAME, this.port);
			}
		}
		logger.info("Embedded STOMP broker (ActiveMQ Artemis) listening on " + this.host + ":" + this.port);
	}

	/**
	 * Returns the address of the STOMP listener.
	 * @return the address, the same after a restart of the broker
	 */
	InetSocketAddress getAddress() {
		return InetSocketAddress.createUnresolved(this.host, this.port);
	}

	String getHost() {
		return this.host;
	}

	int getPort() {
		return this.port;
	}

}
