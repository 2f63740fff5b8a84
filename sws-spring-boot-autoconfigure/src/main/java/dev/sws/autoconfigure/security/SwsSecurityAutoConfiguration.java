package dev.sws.autoconfigure.security;

import java.util.List;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.security.core.Authentication;
import org.springframework.security.messaging.web.csrf.XorCsrfChannelInterceptor;

import dev.sws.autoconfigure.SwsAutoConfiguration;
import dev.sws.autoconfigure.SwsConfigurationException;
import dev.sws.autoconfigure.SwsProperties;
import dev.sws.autoconfigure.SwsSecurityProperties;
import dev.sws.autoconfigure.SwsSecurityProperties.AuthorityRule;
import dev.sws.security.SwsAuthenticationConverter;
import dev.sws.security.SwsAuthenticationToken;
import dev.sws.security.SwsAuthoritiesMapper;
import dev.sws.security.SwsAuthorityRules;
import dev.sws.security.messaging.SwsCsrfChannelInterceptor;

/**
 * Auto-configuration of Spring Security for SWS, when Spring Security is on the class path:
 * <ul>
 * <li>an {@link SwsAuthoritiesMapper} from {@code sws.server.security.default-authorities} and
 * {@code sws.server.security.authorities[*]} (a bean of that type replaces it), and an
 * {@link SwsAuthenticationConverter} that authenticates peers by certificate and by the
 * {@code sws.server.security.pinned-keys}; the servlet and the reactive stacks share both;</li>
 * <li>in a servlet application with STOMP, the SWS peer becomes the user of its STOMP session
 * ({@code SwsStompAuthenticationInterceptor}), and, with Spring Security's messaging module, the
 * CSRF check of {@code @EnableWebSocketSecurity} spares sessions whose user is their SWS peer
 * ({@link SwsCsrfChannelInterceptor}, the {@code csrfChannelInterceptor} bean unless the
 * application defines one; with {@code spring-security-web} too, as Spring Security's check needs it).</li>
 * </ul>
 * Switch it off with {@code sws.server.security.enabled=false}.
 */
@AutoConfiguration(after = SwsAutoConfiguration.class)
@ConditionalOnClass({ Authentication.class, SwsAuthenticationToken.class })
@ConditionalOnBooleanProperty(name = { "sws.server.enabled", "sws.server.security.enabled" }, matchIfMissing = true)
@EnableConfigurationProperties(SwsProperties.class)
public final class SwsSecurityAutoConfiguration {

	private static final String PREFIX = "sws.server.security.";

	@Bean
	@ConditionalOnMissingBean
	SwsAuthoritiesMapper swsAuthoritiesMapper(SwsProperties properties) {
		SwsSecurityProperties security = properties.getServer().getSecurity();
		SwsAuthorityRules.Builder rules = SwsAuthorityRules.builder();
		try {
			rules.defaultAuthorities(security.getDefaultAuthorities());
		}
		catch (IllegalArgumentException ex) {
			throw invalid("default-authorities", ex);
		}
		List<AuthorityRule> configured = security.getAuthorities();
		for (int i = 0; i < configured.size(); i++) {
			AuthorityRule rule = configured.get(i);
			try {
				rules.rule(new SwsAuthorityRules.Rule(rule.getNames(), rule.getIssuer(), rule.getKeys(), rule.getGrant()));
			}
			catch (IllegalArgumentException ex) {
				throw invalid("authorities[" + i + "]", ex);
			}
		}
		return rules.build();
	}

	@Bean
	@ConditionalOnMissingBean
	SwsAuthenticationConverter swsAuthenticationConverter(SwsAuthoritiesMapper swsAuthoritiesMapper,
			SwsProperties properties) {
		try {
			return new SwsAuthenticationConverter(swsAuthoritiesMapper,
					properties.getServer().getSecurity().getPinnedKeys());
		}
		catch (IllegalArgumentException ex) {
			throw invalid("pinned-keys", ex);
		}
	}

	private static SwsConfigurationException invalid(String property, IllegalArgumentException ex) {
		return new SwsConfigurationException(PREFIX + property, String.valueOf(ex.getMessage()),
				"Fix " + PREFIX + property + " (see docs/security.md, section Spring Security)", ex);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.SERVLET)
	@ConditionalOnClass(name = { "org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer",
			"org.springframework.messaging.simp.SimpMessagingTemplate" })
	@ConditionalOnBooleanProperty(name = "sws.server.stomp.enabled", matchIfMissing = true)
	static class StompConfiguration {

		@Bean
		SwsStompSecurityConfigurer swsStompSecurityConfigurer(SwsAuthenticationConverter swsAuthenticationConverter) {
			return new SwsStompSecurityConfigurer(swsAuthenticationConverter);
		}

		/**
		 * Spring Security's CSRF interceptor reads {@code CsrfToken} of spring-security-web, which
		 * {@code @EnableWebSocketSecurity} needs as well.
		 */
		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass(name = { "org.springframework.security.messaging.web.csrf.XorCsrfChannelInterceptor",
				"org.springframework.security.web.csrf.CsrfToken" })
		static class CsrfConfiguration {

			/**
			 * Named as {@code @EnableWebSocketSecurity} looks its CSRF interceptor up: Spring
			 * Security offers no other way to replace it.
			 */
			@Bean(name = "csrfChannelInterceptor")
			@ConditionalOnMissingBean(name = "csrfChannelInterceptor")
			ChannelInterceptor csrfChannelInterceptor() {
				return new SwsCsrfChannelInterceptor(new XorCsrfChannelInterceptor());
			}

		}

	}

}
