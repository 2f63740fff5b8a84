package dev.sws.autoconfigure.security;

import java.time.Instant;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.messaging.web.csrf.XorCsrfChannelInterceptor;
import org.springframework.security.web.csrf.CsrfToken;

import dev.sws.autoconfigure.SwsAutoConfiguration;
import dev.sws.autoconfigure.SwsConfigurationException;
import dev.sws.cert.NaclCert;
import dev.sws.crypto.BoxKeyPair;
import dev.sws.crypto.RandomSource;
import dev.sws.protocol.PeerIdentity;
import dev.sws.protocol.ProtocolVersion;
import dev.sws.security.SwsAuthenticationConverter;
import dev.sws.security.SwsAuthoritiesMapper;
import dev.sws.security.SwsAuthorityRules;
import dev.sws.security.messaging.SwsCsrfChannelInterceptor;
import dev.sws.testsupport.TestPki;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The conditions, bindings and failures of {@link SwsSecurityAutoConfiguration}.
 */
class SwsSecurityAutoConfigurationTests {

	private static final TestPki PKI = TestPki.create("security.sws.dev");

	private static final String SERVER_KEY_PAIR = "sws.server.key-pair="
			+ Base64.getEncoder().encodeToString(PKI.serverKeys.exportSecretKey());

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SwsAutoConfiguration.class, SwsSecurityAutoConfiguration.class))
		.withPropertyValues(SERVER_KEY_PAIR);

	@Test
	void aServletApplicationWithSpringSecurityGetsTheMapperTheConverterAndTheStompInterceptors() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(SwsAuthorityRules.class)
				.hasSingleBean(SwsAuthenticationConverter.class)
				.hasSingleBean(SwsStompSecurityConfigurer.class);
			assertThat(context.getBean("csrfChannelInterceptor")).isInstanceOf(SwsCsrfChannelInterceptor.class);
			SwsAuthorityRules rules = context.getBean(SwsAuthorityRules.class);
			assertThat(rules.getDefaultAuthorities()).extracting(GrantedAuthority::getAuthority)
				.containsExactly("ROLE_SWS_CLIENT");
			assertThat(rules.getRules()).isEmpty();
			assertThat(context.getBean(SwsAuthenticationConverter.class).getPinnedKeys()).isEmpty();
		});
	}

	@Test
	void rulesDefaultAuthoritiesAndPinnedKeysBindFromProperties() {
		String ca = PKI.ca.getCertificate().getPublicKeyFingerprint();
		BoxKeyPair botKeys = BoxKeyPair.generate(RandomSource.secure());
		PeerIdentity bot = new PeerIdentity(ProtocolVersion.V1, botKeys.getPublicKey(), null);
		this.runner
			.withPropertyValues("sws.server.security.default-authorities=ROLE_PEER",
					"sws.server.security.pinned-keys=" + bot.getFingerprint(),
					"sws.server.security.authorities[0].names=alice,alice.example.com",
					"sws.server.security.authorities[0].issuer=" + ca,
					"sws.server.security.authorities[0].grant=ROLE_ADMIN",
					"sws.server.security.authorities[1].keys=" + bot.getFingerprint(),
					"sws.server.security.authorities[1].grant=ROLE_BOT")
			.run((context) -> {
				SwsAuthenticationConverter converter = context.getBean(SwsAuthenticationConverter.class);
				assertThat(authorities(converter.convert(peer("alice")))).containsExactly("ROLE_PEER", "ROLE_ADMIN");
				assertThat(authorities(converter.convert(peer("bob")))).containsExactly("ROLE_PEER");
				Authentication botToken = converter.convert(bot);
				assertThat(botToken.isAuthenticated()).isTrue();
				assertThat(authorities(botToken)).containsExactly("ROLE_PEER", "ROLE_BOT");
				PeerIdentity stranger = new PeerIdentity(ProtocolVersion.V1,
						BoxKeyPair.generate(RandomSource.secure()).getPublicKey(), null);
				assertThat(converter.convert(stranger).isAuthenticated()).isFalse();
			});
	}

	@Test
	void aMalformedRuleOrPinnedKeyFailsStartupNamingTheProperty() {
		this.runner.withPropertyValues("sws.server.security.authorities[0].grant=ROLE_ADMIN")
			.run((context) -> assertFailure(context.getStartupFailure(), "sws.server.security.authorities[0]",
					"must match on names, an issuer or keys"));
		this.runner
			.withPropertyValues("sws.server.security.authorities[0].names=alice",
					"sws.server.security.authorities[0].issuer=3f2a", "sws.server.security.authorities[0].grant=ROLE_ADMIN")
			.run((context) -> assertFailure(context.getStartupFailure(), "sws.server.security.authorities[0]",
					"'3f2a' is not a fingerprint of a CA key"));
		this.runner.withPropertyValues("sws.server.security.pinned-keys=abc")
			.run((context) -> assertFailure(context.getStartupFailure(), "sws.server.security.pinned-keys",
					"'abc' is not a fingerprint of a pinned key"));
	}

	@Test
	void aMapperBeanReplacesTheRulesAndTheApplicationsCsrfInterceptorIsKept() {
		this.runner.withUserConfiguration(UserBeans.class).run((context) -> {
			assertThat(context).doesNotHaveBean(SwsAuthorityRules.class);
			assertThat(authorities(context.getBean(SwsAuthenticationConverter.class).convert(peer("alice"))))
				.containsExactly("ROLE_FROM_MAPPER");
			assertThat(context.getBean("csrfChannelInterceptor")).isInstanceOf(XorCsrfChannelInterceptor.class);
		});
	}

	@Test
	void nothingWithoutSpringSecurityOnTheClassPath() {
		this.runner.withClassLoader(new FilteredClassLoader(Authentication.class)).run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(SwsAuthenticationConverter.class);
			assertThat(context).doesNotHaveBean(SwsStompSecurityConfigurer.class).doesNotHaveBean("csrfChannelInterceptor");
		});
	}

	@Test
	void withoutSpringSecurityMessagingTheCsrfCheckIsLeftToTheApplication() {
		this.runner.withClassLoader(new FilteredClassLoader(XorCsrfChannelInterceptor.class))
			.run((context) -> assertThat(context).hasSingleBean(SwsStompSecurityConfigurer.class)
				.doesNotHaveBean("csrfChannelInterceptor"));
	}

	/** The starter's own test class path has this case: messaging without spring-security-web. */
	@Test
	void withoutSpringSecurityWebThereIsNoCsrfCheckToReplace() {
		this.runner.withClassLoader(new FilteredClassLoader(CsrfToken.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(SwsStompSecurityConfigurer.class)
				.doesNotHaveBean("csrfChannelInterceptor"));
	}

	@Test
	void switchedOffBySecurityEnabledFalseOrWithTheServer() {
		this.runner.withPropertyValues("sws.server.security.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(SwsAuthenticationConverter.class)
				.doesNotHaveBean(SwsStompSecurityConfigurer.class)
				.doesNotHaveBean("csrfChannelInterceptor"));
		this.runner.withPropertyValues("sws.server.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(SwsAuthenticationConverter.class));
	}

	@Test
	void withoutStompTheConverterStaysForPlainHandlers() {
		this.runner.withPropertyValues("sws.server.stomp.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(SwsAuthenticationConverter.class)
				.doesNotHaveBean(SwsStompSecurityConfigurer.class)
				.doesNotHaveBean("csrfChannelInterceptor"));
	}

	@Test
	void reactiveAndNonWebApplicationsGetTheSharedPartOnly() {
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SwsSecurityAutoConfiguration.class))
			.run((context) -> assertThat(context).hasSingleBean(SwsAuthenticationConverter.class)
				.hasSingleBean(SwsAuthoritiesMapper.class)
				.doesNotHaveBean(SwsStompSecurityConfigurer.class));
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(SwsSecurityAutoConfiguration.class))
			.run((context) -> assertThat(context).hasSingleBean(SwsAuthenticationConverter.class)
				.doesNotHaveBean(SwsStompSecurityConfigurer.class));
	}

	private static PeerIdentity peer(String name) {
		BoxKeyPair keys = BoxKeyPair.generate(RandomSource.secure());
		NaclCert cert = PKI.ca.issue(keys.getPublicKey(), List.of(name), List.of(),
				Instant.now().plusSeconds(3600));
		return new PeerIdentity(ProtocolVersion.V2, keys.getPublicKey(), cert, PKI.ca.getCertificate());
	}

	private static List<String> authorities(Authentication authentication) {
		return authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
	}

	private static void assertFailure(Throwable failure, String property, String problem) {
		assertThat(failure).isNotNull();
		SwsConfigurationException cause = null;
		for (Throwable current = failure; current != null; current = current.getCause()) {
			if (current instanceof SwsConfigurationException sws) {
				cause = sws;
				break;
			}
		}
		assertThat(cause).as("an SwsConfigurationException in %s", failure).isNotNull();
		assertThat(cause.getProperty()).isEqualTo(property);
		assertThat(cause.getMessage()).contains(problem);
	}

	@Configuration(proxyBeanMethods = false)
	static class UserBeans {

		@Bean
		SwsAuthoritiesMapper myMapper() {
			return (peer) -> AuthorityUtils.createAuthorityList("ROLE_FROM_MAPPER");
		}

		@Bean
		ChannelInterceptor csrfChannelInterceptor() {
			return new XorCsrfChannelInterceptor();
		}

	}

}
