package dev.sws.sample.broker;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains missing or contradicting broker logins at startup: what is wrong, and which
 * {@code sample.broker.relay.*} properties to set.
 */
class BrokerLoginFailureAnalyzer extends AbstractFailureAnalyzer<RelayLogins.BrokerLoginException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, RelayLogins.BrokerLoginException cause) {
		return new FailureAnalysis(cause.getMessage(), cause.getAction(), cause);
	}

}
