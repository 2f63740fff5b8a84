package dev.sws.websocket;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.WebSocketSessionDecorator;

/**
 * Fits a container's message limits to what SWS accepts on a connection.
 *
 * <p>A JSR-356 container (Tomcat's, or Jetty's Jakarta endpoints) hands SWS the parts of a large
 * message, which SWS joins within its own limits, so the container's small message buffers (Tomcat:
 * 8 KiB) limit nothing. Spring runs on Jetty through Jetty's native API instead, which delivers
 * whole messages only and refuses one above its limits (64 KiB by default) with 1009 before SWS
 * sees it: for such a transport the limits are raised to the largest message SWS accepts, and
 * never lowered. Jetty still checks them as the message arrives, so what it buffers stays within
 * the SWS limit.
 */
final class ContainerLimits {

	/** Spring's session over Jetty's native API (not loaded: Jetty may be absent). */
	static final String JETTY_SESSION = "org.springframework.web.socket.adapter.jetty.JettyWebSocketSession";

	/** The most UTF-8 bytes of one {@code char}: what a text limit in characters costs in bytes. */
	private static final int UTF8_BYTES_PER_CHAR = 3;

	private static final Log logger = LogFactory.getLog(ContainerLimits.class);

	private ContainerLimits() {
	}

	/**
	 * Raises the whole-message limits of a transport that cannot deliver partial messages.
	 * @param transport the container's session (decorators are unwrapped)
	 * @param maxBinaryBytes the largest binary message SWS accepts
	 * @param maxTextChars the largest text message SWS accepts, in characters
	 * @return whether the transport delivers whole messages only (and so was fitted)
	 */
	static boolean fit(WebSocketSession transport, int maxBinaryBytes, int maxTextChars) {
		WebSocketSession container = WebSocketSessionDecorator.unwrap(transport);
		if (!deliversWholeMessagesOnly(container)) {
			return false;
		}
		int maxTextBytes = (int) Math.min(Integer.MAX_VALUE, (long) maxTextChars * UTF8_BYTES_PER_CHAR);
		if (container.getBinaryMessageSizeLimit() < maxBinaryBytes) {
			container.setBinaryMessageSizeLimit(maxBinaryBytes);
		}
		if (container.getTextMessageSizeLimit() < maxTextBytes) {
			container.setTextMessageSizeLimit(maxTextBytes);
		}
		if (logger.isTraceEnabled()) {
			logger.trace("Session " + transport.getId() + " delivers whole messages only: limits "
					+ container.getBinaryMessageSizeLimit() + " bytes binary, " + container.getTextMessageSizeLimit()
					+ " bytes text");
		}
		return true;
	}

	/** Whether the session is (a subclass of) Spring's session over Jetty's native API. */
	static boolean deliversWholeMessagesOnly(WebSocketSession session) {
		for (Class<?> type = session.getClass(); type != null; type = type.getSuperclass()) {
			if (type.getName().equals(JETTY_SESSION)) {
				return true;
			}
		}
		return false;
	}

}
