package dev.sws.autoconfigure.relay;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.springframework.util.StringUtils;

import dev.sws.autoconfigure.SwsConfigurationException;
import dev.sws.autoconfigure.SwsStompRelayProperties;
import dev.sws.crypto.RandomSource;

/**
 * The logins the broker relay presents to the broker: one for the connection of each client
 * session, one for the application's shared "system" connection (the client's unless configured).
 * There is no default login such as {@code guest/guest}: an external broker needs
 * {@code sws.server.stomp.relay.client-login} and {@code client-passcode}; the embedded development
 * broker, which accepts whatever it is told, takes a random passcode when none is configured.
 */
final class RelayLogins {

	/** The client login of the embedded broker when none is configured. */
	static final String EMBEDDED_LOGIN = "sws";

	private static final String PREFIX = "sws.server.stomp.relay.";

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
	 * @param relay {@code sws.server.stomp.relay.*}
	 * @return the logins
	 * @throws SwsConfigurationException if the client login or passcode is missing, or half of the
	 * system login is configured
	 */
	static RelayLogins forExternalBroker(SwsStompRelayProperties relay) {
		List<String> missing = new ArrayList<>();
		if (!StringUtils.hasText(relay.getClientLogin())) {
			missing.add(PREFIX + "client-login");
		}
		if (!StringUtils.hasLength(relay.getClientPasscode())) {
			missing.add(PREFIX + "client-passcode");
		}
		missing.addAll(halfOfTheSystemLogin(relay));
		if (!missing.isEmpty()) {
			throw missing(missing);
		}
		String clientLogin = Objects.requireNonNull(relay.getClientLogin());
		String clientPasscode = Objects.requireNonNull(relay.getClientPasscode());
		return StringUtils.hasText(relay.getSystemLogin())
				? new RelayLogins(clientLogin, clientPasscode, Objects.requireNonNull(relay.getSystemLogin()),
						Objects.requireNonNull(relay.getSystemPasscode()), false)
				: new RelayLogins(clientLogin, clientPasscode, clientLogin, clientPasscode, false);
	}

	/**
	 * The logins for the embedded broker: those configured, the client login
	 * {@value #EMBEDDED_LOGIN} and a random passcode for what is not.
	 * @param relay {@code sws.server.stomp.relay.*}
	 * @param random where random passcodes come from
	 * @return the logins
	 * @throws SwsConfigurationException if half of the system login is configured, or the system
	 * login is the client login with another passcode
	 */
	static RelayLogins forEmbeddedBroker(SwsStompRelayProperties relay, RandomSource random) {
		List<String> missing = halfOfTheSystemLogin(relay);
		if (!missing.isEmpty()) {
			throw missing(missing);
		}
		String configuredLogin = relay.getClientLogin();
		String clientLogin = StringUtils.hasText(configuredLogin) ? configuredLogin : EMBEDDED_LOGIN;
		String configuredPasscode = relay.getClientPasscode();
		boolean generated = !StringUtils.hasLength(configuredPasscode);
		String clientPasscode = (configuredPasscode == null || generated) ? randomPasscode(random) : configuredPasscode;
		String systemLogin = relay.getSystemLogin();
		String systemPasscode = relay.getSystemPasscode();
		if (systemLogin == null || systemPasscode == null || !StringUtils.hasText(systemLogin)) {
			return new RelayLogins(clientLogin, clientPasscode, clientLogin, clientPasscode, generated);
		}
		if (systemLogin.equals(clientLogin) && !systemPasscode.equals(clientPasscode)) {
			throw new SwsConfigurationException(PREFIX + "system-login",
					"The embedded broker cannot give login '" + clientLogin + "' two passcodes: " + PREFIX
							+ "system-login is the client login, with another passcode.",
					"Remove " + PREFIX + "system-login and " + PREFIX + "system-passcode (the system connection then "
							+ "uses the client login), or choose another system login.");
		}
		return new RelayLogins(clientLogin, clientPasscode, systemLogin, systemPasscode, generated);
	}

	/** The system login is both or neither of its two properties. */
	private static List<String> halfOfTheSystemLogin(SwsStompRelayProperties relay) {
		boolean login = StringUtils.hasText(relay.getSystemLogin());
		if (login == StringUtils.hasLength(relay.getSystemPasscode())) {
			return List.of();
		}
		return List.of(PREFIX + (login ? "system-passcode" : "system-login"));
	}

	private static SwsConfigurationException missing(List<String> properties) {
		String names = String.join(" and ", properties);
		return new SwsConfigurationException(properties.get(0),
				"The STOMP broker relay needs a login for the broker, and there is no default login (such as "
						+ "guest/guest): " + names + ((properties.size() == 1) ? " is" : " are") + " not set.",
				"Set " + names + " to an account of your broker, for example " + PREFIX
						+ "client-passcode=${BROKER_PASSCODE} in application.yml. The system connection uses the client "
						+ "login unless " + PREFIX + "system-login and " + PREFIX + "system-passcode are both set. Only "
						+ "the embedded development broker (Spring Boot's embedded ActiveMQ Artemis, with " + PREFIX
						+ "embedded.enabled=true) makes up a passcode of its own.");
	}

	private static String randomPasscode(RandomSource random) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(random.bytes(GENERATED_PASSCODE_BYTES));
	}

	String getClientLogin() {
		return this.clientLogin;
	}

	String getClientPasscode() {
		return this.clientPasscode;
	}

	String getSystemLogin() {
		return this.systemLogin;
	}

	String getSystemPasscode() {
		return this.systemPasscode;
	}

	/** Whether the client passcode was generated, in which case no other instance knows it. */
	boolean isGenerated() {
		return this.generated;
	}

	/** The logins as the embedded broker's users: login to passcode. */
	Map<String, String> getUsers() {
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

}
