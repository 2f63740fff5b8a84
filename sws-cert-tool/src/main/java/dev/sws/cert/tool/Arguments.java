package dev.sws.cert.tool;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The options of one command line: {@code --long value}, {@code --long=value}, {@code -s value},
 * flags without a value, and positional arguments. Anything not declared is a usage error.
 */
final class Arguments {

	private final Map<String, String> values = new HashMap<>();

	private final Set<String> flags = new HashSet<>();

	private final List<String> positional = new ArrayList<>();

	private Arguments() {
	}

	/**
	 * Parses arguments.
	 * @param args the arguments after the command name
	 * @param spec the options the command declares
	 * @return the parsed arguments
	 * @throws UsageException if an option is unknown, repeated or lacks its value, or there are
	 * too many positional arguments
	 */
	static Arguments parse(List<String> args, Spec spec) throws UsageException {
		Arguments parsed = new Arguments();
		for (int i = 0; i < args.size(); i++) {
			String arg = args.get(i);
			if (!arg.startsWith("-") || arg.equals("-")) {
				parsed.positional.add(arg);
				continue;
			}
			int equals = arg.indexOf('=');
			String name = spec.longName(equals > 0 ? arg.substring(0, equals) : arg);
			if (spec.flags.contains(name) && equals < 0) {
				if (!parsed.flags.add(name)) {
					throw new UsageException(name + " is given twice");
				}
			}
			else if (spec.valued.contains(name)) {
				String value;
				if (equals > 0) {
					value = arg.substring(equals + 1);
				}
				else if (i + 1 < args.size()) {
					value = args.get(++i);
				}
				else {
					throw new UsageException(name + " needs a value");
				}
				if (parsed.values.put(name, value) != null) {
					throw new UsageException(name + " is given twice");
				}
			}
			else {
				throw new UsageException("unknown option " + arg);
			}
		}
		if (parsed.positional.size() > spec.maxPositional) {
			throw new UsageException("unexpected argument " + parsed.positional.get(spec.maxPositional));
		}
		return parsed;
	}

	Optional<String> value(String name) {
		return Optional.ofNullable(this.values.get(name));
	}

	String required(String name) throws UsageException {
		return value(name).orElseThrow(() -> new UsageException("missing " + name));
	}

	boolean flag(String name) {
		return this.flags.contains(name);
	}

	List<String> positional() {
		return this.positional;
	}

	/**
	 * The options one command accepts.
	 */
	static final class Spec {

		private final Set<String> valued = new HashSet<>();

		private final Set<String> flags = new HashSet<>();

		private final Map<String, String> shortNames = new HashMap<>();

		private int maxPositional;

		Spec value(String longName, @Nullable String shortName) {
			this.valued.add(longName);
			if (shortName != null) {
				this.shortNames.put(shortName, longName);
			}
			return this;
		}

		Spec flag(String longName) {
			this.flags.add(longName);
			return this;
		}

		Spec positional(int max) {
			this.maxPositional = max;
			return this;
		}

		private String longName(String option) {
			return this.shortNames.getOrDefault(option, option);
		}

	}

	/**
	 * A command line the tool does not understand; exit code 2.
	 */
	static final class UsageException extends Exception {

		private static final long serialVersionUID = 1L;

		UsageException(String message) {
			super(message);
		}

	}

}
