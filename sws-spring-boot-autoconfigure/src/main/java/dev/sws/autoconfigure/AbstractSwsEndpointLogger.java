package dev.sws.autoconfigure;

import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextRefreshedEvent;

/**
 * The startup log of SWS endpoints, one INFO line each once the context is refreshed, or one line
 * that says how to add one when there is none. Each web stack finds its endpoints its own way:
 * {@code SwsEndpointLogger} on the servlet stack, {@code SwsReactiveEndpointLogger} on WebFlux.
 * Never a key, only fingerprints.
 */
public abstract class AbstractSwsEndpointLogger implements ApplicationListener<ContextRefreshedEvent> {

	private final Log logger = LogFactory.getLog(getClass());

	private final ApplicationContext context;

	private final String noEndpointHint;

	/**
	 * Creates the logger.
	 * @param context the context whose endpoints to log
	 * @param noEndpointHint the line to log when no endpoint speaks SWS
	 */
	protected AbstractSwsEndpointLogger(ApplicationContext context, String noEndpointHint) {
		this.context = context;
		this.noEndpointHint = noEndpointHint;
	}

	@Override
	public void onApplicationEvent(ContextRefreshedEvent event) {
		if (event.getApplicationContext() != this.context || !this.logger.isInfoEnabled()) {
			return;
		}
		List<String> lines = describeEndpoints();
		if (lines.isEmpty()) {
			this.logger.info(this.noEndpointHint);
		}
		lines.forEach(this.logger::info);
	}

	/**
	 * Returns the context whose endpoints are logged.
	 * @return the context
	 */
	protected final ApplicationContext getContext() {
		return this.context;
	}

	/**
	 * Describes every SWS endpoint of the context, one line each, ordered by path.
	 * @return the lines
	 */
	protected abstract List<String> describeEndpoints();

}
