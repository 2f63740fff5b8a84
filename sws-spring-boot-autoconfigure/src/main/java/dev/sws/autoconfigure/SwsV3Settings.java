package dev.sws.autoconfigure;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;

import dev.sws.protocol.RekeyThresholds;
import dev.sws.protocol.V3CipherSuite;

/**
 * The checked form of {@code sws.server.v3.*} or {@code sws.client.v3.*}: a suite list with the
 * mandatory ChaChaPoly suite and no repeats, and rekey thresholds in the range a browser peer
 * reads exactly. Anything else fails startup with an {@link SwsConfigurationException}.
 */
final class SwsV3Settings {

	private final List<V3CipherSuite> suites;

	private final RekeyThresholds rekeyThresholds;

	private SwsV3Settings(List<V3CipherSuite> suites, RekeyThresholds rekeyThresholds) {
		this.suites = suites;
		this.rekeyThresholds = rekeyThresholds;
	}

	static SwsV3Settings of(String prefix, SwsProperties.V3 properties) {
		List<V3CipherSuite> suites = List.copyOf(properties.getSuites());
		if (!suites.contains(V3CipherSuite.CHACHAPOLY_BLAKE2B)) {
			throw new SwsConfigurationException(prefix + ".suites",
					"the mandatory v3 suite chachapoly-blake2b (0x01) is missing from " + names(suites),
					"Add chachapoly-blake2b to " + prefix + ".suites (every SWS v3 peer implements it), "
							+ "for example " + prefix + ".suites=aesgcm-sha256,chachapoly-blake2b");
		}
		if (new HashSet<>(suites).size() != suites.size()) {
			throw new SwsConfigurationException(prefix + ".suites", "a v3 suite is listed twice: " + names(suites),
					"List each suite once in " + prefix + ".suites");
		}
		long messages = properties.getRekeyAfterMessages();
		if (!RekeyThresholds.isValid(messages)) {
			throw new SwsConfigurationException(prefix + ".rekey-after-messages", "out of range: " + messages,
					"Use a number of messages from 1 to 9007199254740991 (2^53 - 1); the default is "
							+ RekeyThresholds.DEFAULT.messages());
		}
		long bytes = properties.getRekeyAfterBytes().toBytes();
		if (!RekeyThresholds.isValid(bytes)) {
			throw new SwsConfigurationException(prefix + ".rekey-after-bytes", "out of range: " + bytes + " bytes",
					"Use a size from 1B to 8PB (2^53 - 1 bytes); the default is 1GB");
		}
		return new SwsV3Settings(suites, new RekeyThresholds(messages, bytes));
	}

	private static String names(List<V3CipherSuite> suites) {
		return suites.stream().map(SwsV3Settings::name).toList().toString();
	}

	/** The suite as a property value, for example {@code chachapoly-blake2b}. */
	static String name(V3CipherSuite suite) {
		return suite.name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	/** The suites in the configured order: offered by a client, the ones a server may choose. */
	List<V3CipherSuite> getSuites() {
		return this.suites;
	}

	RekeyThresholds getRekeyThresholds() {
		return this.rekeyThresholds;
	}

}
