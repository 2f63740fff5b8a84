package dev.sws.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains an {@link SwsConfigurationException} at startup: the property at fault, the problem,
 * and the property or cert-tool command that fixes it.
 */
class SwsFailureAnalyzer extends AbstractFailureAnalyzer<SwsConfigurationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, SwsConfigurationException cause) {
		String description = "SWS could not start because of property '" + cause.getProperty() + "':\n\n    "
				+ cause.getProperty() + ": " + cause.getProblem();
		return new FailureAnalysis(description, cause.getAction(), cause);
	}

}
