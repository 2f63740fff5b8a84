package dev.sws.websocket;

import java.lang.reflect.Method;

import jakarta.websocket.WebSocketContainer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Prepares and stops a JSR-356 client container, which the standard API cannot: Jetty's is a
 * {@code LifeCycle} ({@code stop()}), Tomcat's has {@code destroy()}.
 */
final class WebSocketContainers {

	private static final String JETTY_PACKAGE = "org.eclipse.jetty.";

	private static final Log logger = LogFactory.getLog(WebSocketContainers.class);

	private WebSocketContainers() {
	}

	/**
	 * Readies a new container for concurrent connects. Jetty's Jakarta client container creates
	 * and starts its core client on the first connect, without a lock: of several first connects
	 * at once, one may find the core client created but not started yet and fail ("is not
	 * started"). Asking for its executor creates it here, on one thread.
	 * @param container a container this client just obtained
	 * @return the container
	 */
	static WebSocketContainer prepare(WebSocketContainer container) {
		if (!container.getClass().getName().startsWith(JETTY_PACKAGE)) {
			return container;
		}
		Method executor = findPublicMethod(container.getClass(), "getExecutor");
		try {
			if (executor != null) {
				executor.invoke(container);
			}
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			logger.debug("Preparing the WebSocket container " + container.getClass().getName() + " failed", ex);
		}
		return container;
	}

	static void stop(WebSocketContainer container) {
		try {
			if (container instanceof AutoCloseable closeable) {
				closeable.close();
				return;
			}
			for (String name : new String[] { "stop", "destroy" }) {
				Method method = findPublicMethod(container.getClass(), name);
				if (method != null) {
					method.invoke(container);
					return;
				}
			}
			logger.debug("No way to stop the WebSocket container " + container.getClass().getName());
		}
		catch (Exception ex) {
			logger.debug("Stopping the WebSocket container " + container.getClass().getName() + " failed", ex);
		}
	}

	private static @org.jspecify.annotations.Nullable Method findPublicMethod(Class<?> type, String name) {
		try {
			Method method = type.getMethod(name);
			return (method.getParameterCount() == 0) ? method : null;
		}
		catch (NoSuchMethodException ex) {
			return null;
		}
	}

}
