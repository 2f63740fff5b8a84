package dev.sws.websocket;

import java.lang.reflect.Method;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import org.springframework.web.socket.handler.WebSocketSessionDecorator;

import dev.sws.protocol.FailureReason;

/**
 * Ends the connection of a session that SWS closed because its peer does not read.
 *
 * <p>Such a peer does not answer the close frame either, and the frame may even wait behind a
 * write stuck on the full socket. Tomcat gives the close a bounded time and then closes the
 * connection, which also fails the stuck write, and reports the close to the application at once.
 * Jetty sends the close frame and waits for the peer's answer until its idle timeout (30 s by
 * default): meanwhile a stuck write holds its thread and the application does not learn of the
 * close. Jetty's sessions are therefore aborted once the close has had its time, through
 * {@code abort()} of its Jakarta session or {@code disconnect()} of its native API session.
 * Other containers are left to their close.
 */
final class ContainerAbort {

	/** Jetty's session types, and how each aborts its connection. */
	private static final Map<String, String> ABORT_METHODS = Map.of(
			"org.eclipse.jetty.websocket.api.Session", "disconnect",
			"org.eclipse.jetty.ee11.websocket.jakarta.common.JakartaWebSocketSession", "abort",
			"org.eclipse.jetty.ee10.websocket.jakarta.common.JakartaWebSocketSession", "abort");

	private static final Log logger = LogFactory.getLog(ContainerAbort.class);

	private ContainerAbort() {
	}

	/**
	 * Tells whether the transport's container may keep a closed connection open for a peer that
	 * does not read.
	 * @param transport the container's session (decorators are unwrapped)
	 * @return whether {@link #abort} should follow the close
	 */
	static boolean isNeeded(WebSocketSession transport) {
		Object nativeSession = nativeSession(transport);
		return nativeSession != null && abortMethod(nativeSession.getClass()) != null;
	}

	/**
	 * Aborts the transport's connection, if its container is one that needs it.
	 * @param transport the container's session (decorators are unwrapped)
	 * @param reason why SWS closed the session, for the log
	 * @return whether the connection was aborted
	 */
	static boolean abort(WebSocketSession transport, FailureReason reason) {
		Object nativeSession = nativeSession(transport);
		Method method = (nativeSession != null) ? abortMethod(nativeSession.getClass()) : null;
		if (method == null) {
			return false;
		}
		try {
			method.invoke(nativeSession);
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			logger.debug("Aborting the connection of session " + transport.getId() + " failed", ex);
			return false;
		}
		if (logger.isDebugEnabled()) {
			logger.debug("Aborted the connection of session " + transport.getId() + " (" + reason.getTag()
					+ "): the peer did not answer the close");
		}
		return true;
	}

	private static @Nullable Object nativeSession(WebSocketSession transport) {
		WebSocketSession container = WebSocketSessionDecorator.unwrap(transport);
		return (container instanceof NativeWebSocketSession nativeHolder) ? nativeHolder.getNativeSession() : null;
	}

	/** The public abort method of a Jetty session type among the type's supertypes, if any. */
	private static @Nullable Method abortMethod(@Nullable Class<?> type) {
		if (type == null) {
			return null;
		}
		String name = ABORT_METHODS.get(type.getName());
		if (name != null) {
			try {
				return type.getMethod(name);
			}
			catch (NoSuchMethodException ex) {
				return null;
			}
		}
		Method method = abortMethod(type.getSuperclass());
		for (Class<?> contract : type.getInterfaces()) {
			if (method == null) {
				method = abortMethod(contract);
			}
		}
		return method;
	}

}
