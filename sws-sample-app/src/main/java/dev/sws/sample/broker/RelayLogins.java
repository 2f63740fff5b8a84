package dev.sws.sample.broker;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.util.StringUtils;

import dev.sws.crypto.RandomSource;

/**
 * The logins the broker relay presents to the broker: one for the connection of each client
 * session, one for the application's shared "system" connection (the client's unless configured).
 * There is no default login such as {@code guest/guest}: an external broker needs
 * {@code sample.broker.relay.client-login} and {@code client-passcode}; the embedded development
 * broker, which accepts whatever it is told, takes a random passcode when none is configured.
 */
public final class RelayLogins {

	/** The client login of the embedded broker when none is configured. */
	static final String EMBEDDED_LOGIN = "chat";

	private static final String PREFIX = "sample.broker.relay.";

	private static final int GENERATED_PASSCODE_BYTES = 24;

	private final String clientLogin;

	private final String clientPasscode;

	private final String systemLogin;

	private final String systemPasscode;

	private final boolean generated;

	private RelayLogins(String clientLogin, String clientPasscode, String systemLogin, String systemPasscode,
			boolean generated) {
		this.clientLogin = clientLogin;
		this.clientPasscode = clientPasscode;
		this.systemLogin = systemLogin;
		this.systemPasscode = systemPasscode;
		this.generated = generated;
	}

	/**
	 * The configured logins for an external broker.
	 * @param relay {@code sample.broker.relay.*}
	 * @return the logins
	 * @throws BrokerLoginException if the client login or passcode is missing, or half of the
	 * system login is configured
	 */
	static RelayLogins forExternalBroker(SampleBrokerProperties.Relay relay) {
		List<String> missing = new ArrayList<>();
		if (!StringUtils.hasText(relay.getClientLogin())) {
			missing.add(PREFIX + "client-login");
		}
		if (!StringUtils.hasLength(relay.getClientPasscode())) {
			missing.add(PREFIX + "client-passcode");
		}
		missing.addAll(halfOfTheSystemLogin(relay));
		if (!missing.isEmpty()) {
			throw BrokerLoginException.missing(missing);
		}
		String clientLogin = relay.getClientLogin();
		String clientPasscode = relay.getClientPasscode();
		return StringUtils.hasText(relay.getSystemLogin())
				? new RelayLogins(clientLogin, clientPasscode, relay.getSystemLogin(), relay.getSystemPasscode(), false)
				: new RelayLogins(clientLogin, clientPasscode, clientLogin, clientPasscode, false);
	}

	/**
	 * The logins for the embedded broker: those configured, the client login
	 * {@value #EMBEDDED_LOGIN} and a random passcode for what is not.
	 * @param relay {@code sample.broker.relay.*}
	 * @param random where random passcodes come from
	 * @return the logins
	 * @throws BrokerLoginException if half of the system login is configured, or the system login
	 * is the client login with another passcode
	 */
	static RelayLogins forEmbeddedBroker(SampleBrokerProperties.Relay relay, RandomSource random) {
		List<String> missing = halfOfTheSystemLogin(relay);
		if (!missing.isEmpty()) {
			throw BrokerLoginException.missing(missing);
		}
		String clientLogin = StringUtils.hasText(relay.getClientLogin()) ? relay.getClientLogin() : EMBEDDED_LOGIN;
		boolean generated = !StringUtils.hasLength(relay.getClientPasscode());
		String clientPasscode = generated ? randomPasscode(random) : relay.getClientPasscode();
		if (!StringUtils.hasText(relay.getSystemLogin())) {
			return new RelayLogins(clientLogin, clientPasscode, clientLogin, clientPasscode, generated);
		}
		if (relay.getSystemLogin().equals(clientLogin) && !relay.getSystemPasscode().equals(clientPasscode)) {
			throw new BrokerLoginException("The embedded broker cannot give login '" + clientLogin
					+ "' two passcodes: " + PREFIX + "system-login is the client login, with another passcode.",
					"Remove " + PREFIX + "system-login and " + PREFIX + "system-passcode (the system connection then "
							+ "uses the client login), or choose another system login.");
		}
		return new RelayLogins(clientLogin, clientPasscode, relay.getSystemLogin(), relay.getSystemPasscode(),
				generated);
	}

	/** The system login is both or neither of its two properties. */
	private static List<String> halfOfTheSystemLogin(SampleBrokerProperties.Relay relay) {
		boolean login = StringUtils.hasText(relay.getSystemLogin());
		if (login == StringUtils.hasLength(relay.getSystemPasscode())) {
			return List.of();
		}
		return List.of(PREFIX + (login ? "system-passcode" : "system-login"));
	}

	private static String randomPasscode(RandomSource random) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(random.bytes(GENERATED_PASSCODE_BYTES));
	}

	/**
	 * Returns the login of the broker connection of each client session.
	 * @return the login
	 */
	public String getClientLogin() {
		return this.clientLogin;
	}

	/**
	 * Returns the passcode of the broker connection of each client session.
	 * @return the passcode
	 */
	public String getClientPasscode() {
		return this.clientPasscode;
	}

	/**
	 * Returns the login of the shared "system" connection.
	 * @return the login
	 */
	public String getSystemLogin() {
		return this.systemLogin;
	}

	/**
	 * Returns the passcode of the shared "system" connection.
	 * @return the passcode
	 */
	public String getSystemPasscode() {
		return this.systemPasscode;
	}

	/**
	 * Returns whether the client passcode was generated, in which case no other instance knows it.
	 * @return whether it was generated
	 */
	boolean isGenerated() {
		return this.generated;
	}

	/** The logins as the embedded broker's users: login to passcode. */
	Map<String, String> users() {
		Map<String, String> users = new LinkedHashMap<>();
		users.put(this.clientLogin, this.clientPasscode);
		users.put(this.systemLogin, this.systemPasscode);
		return users;
	}

	/** Names the logins, never the passcodes. */
	@Override
	public String toString() {
		return "RelayLogins[client=" + this.clientLogin + ", system=" + this.systemLogin + "]";
	}

	/**
	 * Broker logins that are missing or contradict each other: startup stops, and
	 * {@link BrokerLoginFailureAnalyzer} says which properties to set.
	 */
	static final class BrokerLoginException extends IllegalStateException {

		private final String action;

		BrokerLoginException(String message, String action) {
			super(message);
			this.action = action;
		}

		static BrokerLoginException missing(List<String> properties) {
			String names = String.join(" and ", properties);
			return new BrokerLoginException("Relay mode needs a login for the STOMP broker, and the sample has no "
					+ "default login (such as guest/guest): " + names + ((properties.size() == 1) ? " is" : " are")
					+ " not set.",
					"Set " + names + " to an account of your broker, for example " + PREFIX
							+ "client-passcode=${CHAT_BROKER_PASSCODE} in application.yml. The system connection uses "
							+ "the client login unless " + PREFIX + "system-login and " + PREFIX
							+ "system-passcode are both set. Only the embedded development broker "
							+ "(sample.broker.embedded.enabled=true) makes up a passcode of its own.");
		}

		String getAction() {
			return this.action;
		}

	}

}
