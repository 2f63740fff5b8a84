package dev.sws.websocket;

import java.lang.reflect.Method;

import jakarta.websocket.WebSocketContainer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Stops a JSR-356 client container, which the standard API cannot: Jetty's is a
 * {@code LifeCycle} ({@code stop()}), Tomcat's has {@code destroy()}.
 */
final class WebSocketContainers {

	private static final Log logger = LogFactory.getLog(WebSocketContainers.class);

	private WebSocketContainers() {
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
