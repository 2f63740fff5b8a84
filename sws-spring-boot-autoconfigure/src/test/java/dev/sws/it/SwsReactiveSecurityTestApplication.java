package dev.sws.it;

import java.util.EnumSet;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.config.annotation.method.configuration.EnableReactiveMethodSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;

import dev.sws.protocol.ProtocolVersion;
import dev.sws.protocol.ServerHandshakeSettings;
import dev.sws.webflux.SwsReactiveServer;
import dev.sws.webflux.SwsReactiveSession;

/**
 * A WebFlux application whose SWS handler at {@code /ops} (and {@code /ops-v1}) calls a service secured by reactive
 * method security. Commands are text messages: {@code whoami} answers with the principal of the
 * session's handshake info, its authorities, the authentication of the handler's
 * {@code ReactiveSecurityContextHolder} and the SWS peer's name; {@code restart} calls
 * {@link Operations#restart()}, which requires ROLE_ADMIN. A refusal closes the session with
 * {@link #FORBIDDEN} (4403, "Access Denied").
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableReactiveMethodSecurity
public class SwsReactiveSecurityTestApplication {

	/** The close status of a command that Spring Security refused. */
	static final CloseStatus FORBIDDEN = new CloseStatus(4403, "Access Denied");

	@Bean
	Operations operations() {
		return new Operations();
	}

	/**
	 * {@code /ops} on the auto-configured server, which requires client certificates, and
	 * {@code /ops-v1} on a second server (not a bean: it would replace the auto-configured one)
	 * with the same keys and authenticator that accepts v1 peers, which have no certificate.
	 */
	@Bean
	HandlerMapping opsEndpoints(SwsReactiveServer swsServer, Operations operations) {
		SwsReactiveServer v1 = SwsReactiveServer
			.builder(ServerHandshakeSettings.builder(swsServer.getHandshakeSettings().getKeyPair())
				.versions(EnumSet.of(ProtocolVersion.V1)))
			.authenticator(swsServer.getAuthenticator())
			.build();
		OpsHandler handler = new OpsHandler(operations);
		return new SimpleUrlHandlerMapping(Map.of("/ops", swsServer.decorate(handler), "/ops-v1", v1.decorate(handler)),
				-1);
	}

	/** What only administrators may do. */
	public static class Operations {

		/**
		 * Restarts, for an administrator.
		 * @return who restarted
		 */
		@PreAuthorize("hasRole('ADMIN')")
		public Mono<String> restart() {
			return ReactiveSecurityContextHolder.getContext()
				.map((context) -> "restarted by " + context.getAuthentication().getName());
		}

	}

	/** Answers commands; closes with 4403 when Spring Security refuses one. */
	static final class OpsHandler implements WebSocketHandler {

		private final Operations operations;

		OpsHandler(Operations operations) {
			this.operations = operations;
		}

		@Override
		public Mono<Void> handle(WebSocketSession session) {
			// the refusal is handled per command, while receive() is still subscribed: cancelling it
			// would make Reactor Netty close with 1000 before the handler's 4403
			return session.receive()
				.map(WebSocketMessage::getPayloadAsText)
				.concatMap((command) -> answer(session, command)
					.flatMap((answer) -> session.send(Mono.just(session.textMessage(answer))))
					.onErrorResume(AccessDeniedException.class, (ex) -> session.close(FORBIDDEN)))
				.then();
		}

		private Mono<String> answer(WebSocketSession session, String command) {
			if (command.equals("restart")) {
				return this.operations.restart();
			}
			Mono<String> principal = session.getHandshakeInfo()
				.getPrincipal()
				.cast(Authentication.class)
				.map((token) -> token.getName() + " " + token.getAuthorities() + " " + token.isAuthenticated());
			Mono<String> context = ReactiveSecurityContextHolder.getContext()
				.map(SecurityContext::getAuthentication)
				.map(Authentication::getName);
			String peer = ((SwsReactiveSession) session).getPeer().getName();
			return principal.zipWith(context, (token, name) -> token + " | " + name + " | " + peer);
		}

	}

}
