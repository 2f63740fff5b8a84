package dev.sws.autoconfigure.security;

import java.util.Base64;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;

import dev.sws.autoconfigure.SwsAutoConfiguration;
import dev.sws.autoconfigure.devmode.SwsDevModeAutoConfiguration;
import dev.sws.autoconfigure.reactive.SwsReactiveAutoConfiguration;
import dev.sws.security.SwsAuthenticationConverter;
import dev.sws.security.SwsAuthorityRules;
import dev.sws.security.reactive.SwsReactiveSecurityAuthenticator;
import dev.sws.testsupport.TestPki;
import dev.sws.webflux.SwsReactiveServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reactive half of {@link SwsSecurityAutoConfiguration}: when the auto-configured
 * {@link SwsReactiveServer} turns peers into Spring Security tokens, and when it leaves them alone.
 */
class SwsReactiveSecurityAutoConfigurationTests {

	private static final TestPki PKI = TestPki.create("reactive-security.sws.dev");

	private static final String SERVER_KEY_PAIR = "sws.server.key-pair="
			+ Base64.getEncoder().encodeToString(PKI.serverKeys.exportSecretKey());

	private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SwsAutoConfiguration.class, SwsDevModeAutoConfiguration.class,
				SwsReactiveAutoConfiguration.class, SwsSecurityAutoConfiguration.class))
		.withPropertyValues(SERVER_KEY_PAIR);

	@Test
	void theReactiveServerAuthenticatesPeersWithTheSharedConverter() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(SwsReactiveSecurityAuthenticator.class)
				.hasSingleBean(SwsAuthenticationConverter.class)
				.doesNotHaveBean(SwsStompSecurityConfigurer.class);
			SwsReactiveSecurityAuthenticator authenticator = context.getBean(SwsReactiveSecurityAuthenticator.class);
			assertThat(context.getBean(SwsReactiveServer.class).getAuthenticator()).isSameAs(authenticator);
			assertThat(authenticator.getConverter()).isSameAs(context.getBean(SwsAuthenticationConverter.class));
		});
	}

	@Test
	void theApplicationsAuthenticatorReplacesOurs() {
		this.runner.withUserConfiguration(UserAuthenticator.class).run((context) -> {
			assertThat(context).hasSingleBean(SwsReactiveSecurityAuthenticator.class);
			assertThat(context.getBean(SwsReactiveServer.class).getAuthenticator())
				.isSameAs(context.getBean("userAuthenticator"));
		});
	}

	@Test
	void switchedOffBySecurityEnabledFalse() {
		this.runner.withPropertyValues("sws.server.security.enabled=false").run((context) -> {
			assertThat(context).hasSingleBean(SwsReactiveServer.class)
				.doesNotHaveBean(SwsReactiveSecurityAuthenticator.class);
			assertThat(context.getBean(SwsReactiveServer.class).getAuthenticator()).isNull();
		});
	}

	@Test
	void withoutSpringSecurityTheServerKeepsTheUpgradeRequestsPrincipal() {
		this.runner.withClassLoader(new FilteredClassLoader(Authentication.class)).run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(SwsReactiveSecurityAuthenticator.class);
			assertThat(context.getBean(SwsReactiveServer.class).getAuthenticator()).isNull();
		});
	}

	@Test
	void withoutReactiveSecuritySupportOnlyTheSharedPartIsThere() {
		this.runner.withClassLoader(new FilteredClassLoader(ReactiveSecurityContextHolder.class)).run((context) -> {
			assertThat(context).hasNotFailed()
				.hasSingleBean(SwsAuthenticationConverter.class)
				.doesNotHaveBean(SwsReactiveSecurityAuthenticator.class);
			assertThat(context.getBean(SwsReactiveServer.class).getAuthenticator()).isNull();
		});
	}

	@Test
	void withoutTheWebFluxModuleOnlyTheSharedPartIsThere() {
		this.runner.withClassLoader(new FilteredClassLoader(SwsReactiveServer.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(SwsAuthenticationConverter.class)
				.doesNotHaveBean(SwsReactiveServer.class)
				.doesNotHaveBean(SwsReactiveSecurityAuthenticator.class));
	}

	@Test
	void aServletApplicationGetsNoReactiveAuthenticator() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SwsAutoConfiguration.class, SwsSecurityAutoConfiguration.class))
			.withPropertyValues(SERVER_KEY_PAIR)
			.run((context) -> assertThat(context).hasSingleBean(SwsAuthenticationConverter.class)
				.doesNotHaveBean(SwsReactiveSecurityAuthenticator.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserAuthenticator {

		@Bean
		SwsReactiveSecurityAuthenticator userAuthenticator() {
			return new SwsReactiveSecurityAuthenticator(
					new SwsAuthenticationConverter(SwsAuthorityRules.builder().build()));
		}

	}

}
