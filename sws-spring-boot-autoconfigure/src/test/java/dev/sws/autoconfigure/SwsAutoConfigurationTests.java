package dev.sws.autoconfigure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.task.ThreadPoolTaskExecutorCustomizer;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.ApplicationContextAssertProvider;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.task.TaskDecorator;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import dev.sws.cert.CertFiles;
import dev.sws.crypto.BoxKeyPair;
import dev.sws.crypto.KeyFingerprint;
import dev.sws.crypto.RandomSource;
import dev.sws.it.SwsTestApplication;
import dev.sws.protocol.ProtocolVersion;
import dev.sws.protocol.RekeyThresholds;
import dev.sws.protocol.V3CipherSuite;
import dev.sws.testsupport.TestPki;
import dev.sws.websocket.InboundMessageMode;
import dev.sws.websocket.SwsStompClient;
import dev.sws.websocket.SwsSubProtocolWebSocketHandler;
import dev.sws.websocket.SwsWebSocketClient;
import dev.sws.websocket.SwsWebSocketHandlerDecoratorFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every condition, binding, back-off and failure of {@link SwsAutoConfiguration}: the server in a
 * servlet web application (the runner gives it a key pair), the client in any application.
 */
@ExtendWith(OutputCaptureExtension.class)
class SwsAutoConfigurationTests {

	private static final TestPki PKI = TestPki.create("tests.sws.dev");

	/** The server's key pair as inline content: the server needs one. */
	static final String SERVER_KEY_PAIR = "sws.server.key-pair="
			+ Base64.getEncoder().encodeToString(PKI.serverKeys.exportSecretKey());

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SwsAutoConfiguration.class))
		.withPropertyValues(SERVER_KEY_PAIR);

	/** A servlet web application without any server key. */
	private final WebApplicationContextRunner keyless = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SwsAutoConfiguration.class));

	@TempDir
	Path dir;

	private String[] v2Server() {
		PKI.writeTo(this.dir);
		return new String[] { "sws.server.key-pair=file:" + this.dir.resolve("server-kp.json"),
				"sws.server.certificate=file:" + this.dir.resolve("server-cert.json") };
	}

	@Test
	void aServletApplicationWithAKeyPairGetsAV1AndV3ServerWithTheDefaults() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(SwsWebSocketHandlerDecoratorFactory.class)
				.hasSingleBean(SwsStompEndpointConfigurer.class);
			SwsWebSocketHandlerDecoratorFactory server = context.getBean(SwsWebSocketHandlerDecoratorFactory.class);
			assertThat(server.getHandshakeSettings().getKeyPair().getPublicKey()).isEqualTo(PKI.serverKeys.getPublicKey());
			assertThat(server.getHandshakeSettings().getVersions()).containsExactly(ProtocolVersion.V1, ProtocolVersion.V3);
			assertThat(server.getHandshakeSettings().getRekeyThresholds()).isEqualTo(RekeyThresholds.DEFAULT);
			assertThat(server.getHandshakeSettings().getV3Suites()).contains(V3CipherSuite.CHACHAPOLY_BLAKE2B);
			assertThat(server.getHandshakeSettings().getV3Suites().contains(V3CipherSuite.AESGCM_SHA256))
				.as("AES-GCM where the CPU runs it in hardware")
				.isEqualTo(V3CipherSuite.AESGCM_SHA256.isAvailable());
			assertThat(server.getFirstFrameDelay()).isEqualTo(Duration.ofMillis(50));
			assertThat(server.getOptions().handshakeTimeout()).isEqualTo(Duration.ofSeconds(2));
			assertThat(server.getOptions().maxMessageSize()).isEqualTo(1024 * 1024);
			assertThat(server.getMaxPendingHandshakes()).isEqualTo(1000);
			assertThat(context).doesNotHaveBean(SwsWebSocketClient.class);
		});
	}

	/**
	 * The first version gave a server without keys an ephemeral v1 key and a warning: clients
	 * could neither pin nor verify it.
	 */
	@Test
	void withoutKeysNorDevelopmentModeTheServerFailsWithWhatToConfigure(CapturedOutput output) {
		this.keyless.run((context) -> {
			assertFailure(context, "sws.server.key-pair", "sws.server.dev-mode.enabled=true");
			FailureAnalysis analysis = new SwsFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains(
					"the SWS server has no key pair: sws.server.key-pair is not set and development mode is off");
			assertThat(analysis.getAction()).contains("./sws-cert genkeypair -o keys/server-kp.json",
					"sws.server.key-pair=file:keys/server-kp.json", "sws.server.certificate=file:keys/server-cert.json",
					"sws.server.dev-mode.enabled=true", "sws.server.enabled=false", "sws-spring-boot-starter-client");
		});
		assertThat(output).doesNotContain("ephemeral");
	}

	@Test
	void noServerOutsideAServletWebApplication() {
		String pin = Base64.getEncoder().encodeToString(PKI.serverKeys.getPublicKey());
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(SwsAutoConfiguration.class))
			.withPropertyValues("sws.client.version=1", "sws.client.pinned-server-keys=" + pin)
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(SwsWebSocketHandlerDecoratorFactory.class)
				.doesNotHaveBean(SwsStompEndpointConfigurer.class)
				.doesNotHaveBean(SwsInfoContributor.class)
				.doesNotHaveBean(SwsEndpointLogger.class)
				.hasSingleBean(SwsWebSocketClient.class)
				.hasSingleBean(SwsStompClient.class));
		new ReactiveWebApplicationContextRunner().withConfiguration(AutoConfigurations.of(SwsAutoConfiguration.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(SwsWebSocketHandlerDecoratorFactory.class)
				.doesNotHaveBean(SwsWebSocketClient.class));
	}

	@Test
	void timersAndIoRunOnThreadsOfTheirOwnBuiltWithTheContextsBuildersAndStoppedWithIt() {
		TaskDecorator decorator = (task) -> task;
		this.runner
			.withConfiguration(
					AutoConfigurations.of(TaskExecutionAutoConfiguration.class, TaskSchedulingAutoConfiguration.class))
			.withBean(TaskDecorator.class, () -> decorator)
			.withBean(ThreadPoolTaskExecutorCustomizer.class,
					() -> (executor) -> executor.setThreadPriority(Thread.NORM_PRIORITY + 1))
			.withPropertyValues("sws.client.version=1", "sws.client.insecure-accept-any-server-key=true")
			.run((context) -> {
				SwsExecutors executors = context.getBean(SwsExecutors.class);
				SwsWebSocketHandlerDecoratorFactory server = context.getBean(SwsWebSocketHandlerDecoratorFactory.class);
				SwsWebSocketClient client = context.getBean(SwsWebSocketClient.class);
				assertThat(server.getOptions().scheduler()).isSameAs(executors.getScheduler())
					.isSameAs(client.getOptions().scheduler());
				assertThat(server.getOptions().ioExecutor()).isSameAs(executors.getIoExecutor())
					.isSameAs(client.getOptions().ioExecutor());
				ThreadPoolTaskScheduler scheduler = (ThreadPoolTaskScheduler) executors.getScheduler();
				assertThat(scheduler.getScheduledThreadPoolExecutor().getCorePoolSize()).isEqualTo(1);
				assertThat(scheduler.getThreadNamePrefix()).isEqualTo("sws-timer-");
				ThreadPoolTaskExecutor io = (ThreadPoolTaskExecutor) executors.getIoExecutor();
				assertThat(io.getThreadNamePrefix()).isEqualTo("sws-io-");
				assertThat(io.getMaxPoolSize()).isEqualTo(SwsExecutors.IO_THREADS);
				assertThat(io.getThreadPriority()).as("the context's customizer").isEqualTo(Thread.NORM_PRIORITY + 1);
				assertThat(io).extracting("taskDecorator").as("the context's task decorator").isSameAs(decorator);
				// Boot's own executor is still there: SWS's threads are no Executor bean
				assertThat(context).hasBean("applicationTaskExecutor");
				context.close();
				assertThat(scheduler.getScheduledExecutor().isShutdown()).isTrue();
				assertThat(io.getThreadPoolExecutor().isShutdown()).isTrue();
			});
	}

	@Test
	void serverCanBeSwitchedOff() {
		this.keyless.withPropertyValues("sws.server.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(SwsWebSocketHandlerDecoratorFactory.class)
				.doesNotHaveBean(SwsStompEndpointConfigurer.class));
	}

	@Test
	void stompDecorationCanBeSwitchedOffAndNeedsSpringMessaging() {
		this.runner.withPropertyValues("sws.server.stomp.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(SwsWebSocketHandlerDecoratorFactory.class)
				.doesNotHaveBean(SwsStompEndpointConfigurer.class));
		this.runner.withClassLoader(new FilteredClassLoader("org.springframework.messaging"))
			.run((context) -> assertThat(context).hasSingleBean(SwsWebSocketHandlerDecoratorFactory.class)
				.doesNotHaveBean(SwsStompEndpointConfigurer.class));
	}

	@Test
	void stompSessionsCloseAfterTheirLastMessage() {
		this.runner.withUserConfiguration(SwsTestApplication.Stomp.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean("subProtocolWebSocketHandler")).isInstanceOf(SwsSubProtocolWebSocketHandler.class);
		});
		this.runner.withUserConfiguration(SwsTestApplication.Stomp.class)
			.withPropertyValues("sws.server.stomp.enabled=false")
			.run((context) -> assertThat(context.getBean("subProtocolWebSocketHandler"))
				.isNotInstanceOf(SwsSubProtocolWebSocketHandler.class));
	}

	@Test
	void backsOffWithoutSpringWebSocket() {
		this.runner.withClassLoader(new FilteredClassLoader("org.springframework.web.socket"))
			.run((context) -> assertThat(context).doesNotHaveBean(SwsWebSocketHandlerDecoratorFactory.class));
	}

	@Test
	void keyPairFromInlineBase64FileAndInlineJson() throws Exception {
		BoxKeyPair keys = BoxKeyPair.generate(RandomSource.secure());
		String base64 = Base64.getEncoder().encodeToString(keys.exportSecretKey());
		Path file = Files.writeString(this.dir.resolve("kp.json"), CertFiles.formatBoxKeyPair(keys));
		for (String value : List.of(base64, "file:" + file, file.toString(), CertFiles.formatBoxKeyPair(keys))) {
			this.runner.withPropertyValues("sws.server.key-pair=" + value).run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(SwsWebSocketHandlerDecoratorFactory.class).getHandshakeSettings().getKeyPair().getPublicKey())
					.isEqualTo(keys.getPublicKey());
			});
		}
	}

	@Test
	void everyServerPropertyBinds() {
		this.runner
			.withPropertyValues(v2Server())
			.withPropertyValues("sws.server.versions=2", "sws.server.handshake-timeout=500ms",
					"sws.server.max-pending-handshakes=7", "sws.server.max-message-size=2MB",
					"sws.server.max-handshake-message-size=16KB", "sws.server.first-frame-delay=80ms",
					"sws.server.inbound-messages=binary", "sws.server.replay-window=1m", "sws.server.replay-cache-size=10",
					"sws.server.trust-anchors=file:" + this.dir.resolve("ca-cert.json"), "sws.server.require-client-cert=true",
					"sws.server.clock-skew=5s", "sws.server.max-outbound-buffer=3MB", "sws.server.send-time-limit=4s")
			.run((context) -> {
				SwsWebSocketHandlerDecoratorFactory server = context.getBean(SwsWebSocketHandlerDecoratorFactory.class);
				assertThat(server.getOptions().maxOutboundBuffer()).isEqualTo(3 * 1024 * 1024);
				assertThat(server.getOptions().sendTimeLimit()).isEqualTo(Duration.ofSeconds(4));
				assertThat(server.getHandshakeSettings().getVersions()).containsExactly(ProtocolVersion.V2);
				assertThat(server.getHandshakeSettings().isClientCertRequired()).isTrue();
				assertThat(server.getHandshakeSettings().getCertificate()).isEqualTo(PKI.serverCert);
				assertThat(server.getOptions().handshakeTimeout()).isEqualTo(Duration.ofMillis(500));
				assertThat(server.getMaxPendingHandshakes()).isEqualTo(7);
				assertThat(server.getOptions().maxMessageSize()).isEqualTo(2 * 1024 * 1024);
				assertThat(server.getHandshakeSettings().getMaxMessageChars()).isEqualTo(16 * 1024);
				assertThat(server.getFirstFrameDelay()).isEqualTo(Duration.ofMillis(80));
				assertThat(server.getOptions().inboundMode()).isEqualTo(InboundMessageMode.BINARY);
			});
	}

	@Test
	void aCertificateEnablesAllThreeVersionsByDefault() {
		this.runner.withPropertyValues(v2Server()).run((context) -> assertThat(context.getBean(SwsWebSocketHandlerDecoratorFactory.class)
			.getHandshakeSettings()
			.getVersions()).containsExactly(ProtocolVersion.V1, ProtocolVersion.V2, ProtocolVersion.V3));
	}

	@Test
	void v3SuitesAndRekeyThresholdsBindOnBothSides() {
		String pin = Base64.getEncoder().encodeToString(PKI.serverKeys.getPublicKey());
		this.runner
			.withPropertyValues("sws.server.versions=3", "sws.server.v3.suites=chachapoly-blake2b",
					"sws.server.v3.rekey-after-messages=1000", "sws.server.v3.rekey-after-bytes=16MB",
					"sws.client.pinned-server-keys=" + pin, "sws.client.v3.suites=chachapoly-blake2b",
					"sws.client.v3.rekey-after-messages=9007199254740991", "sws.client.v3.rekey-after-bytes=1B")
			.run((context) -> {
				SwsWebSocketHandlerDecoratorFactory server = context.getBean(SwsWebSocketHandlerDecoratorFactory.class);
				assertThat(server.getHandshakeSettings().getVersions()).containsExactly(ProtocolVersion.V3);
				assertThat(server.getHandshakeSettings().getV3Suites()).containsExactly(V3CipherSuite.CHACHAPOLY_BLAKE2B);
				assertThat(server.getHandshakeSettings().getRekeyThresholds())
					.isEqualTo(new RekeyThresholds(1000, 16L * 1024 * 1024));
				SwsWebSocketClient client = context.getBean(SwsWebSocketClient.class);
				assertThat(client.getSettings().getVersion()).isEqualTo(ProtocolVersion.V3);
				assertThat(client.getSettings().getV3Suites()).containsExactly(V3CipherSuite.CHACHAPOLY_BLAKE2B);
				assertThat(client.getSettings().getRekeyThresholds())
					.isEqualTo(new RekeyThresholds(RekeyThresholds.MAX_VALUE, 1));
			});
	}

	@Test
	void aV3ClientIsTheDefaultAndOffersAesGcmOnlyWhereTheCpuRunsIt() {
		String pin = Base64.getEncoder().encodeToString(PKI.serverKeys.getPublicKey());
		this.runner.withPropertyValues("sws.client.pinned-server-keys=" + pin).run((context) -> {
			SwsWebSocketClient client = context.getBean(SwsWebSocketClient.class);
			assertThat(client.getSettings().getVersion()).isEqualTo(ProtocolVersion.V3);
			assertThat(client.getSettings().getKeyPair()).as("a fresh key pair per connection").isNull();
			assertThat(client.getSettings().getRekeyThresholds()).isEqualTo(RekeyThresholds.DEFAULT);
			assertThat(client.getSettings().getV3Suites()).isEqualTo(V3CipherSuite.AESGCM_SHA256.isAvailable()
					? List.of(V3CipherSuite.AESGCM_SHA256, V3CipherSuite.CHACHAPOLY_BLAKE2B)
					: List.of(V3CipherSuite.CHACHAPOLY_BLAKE2B));
		});
		PKI.writeTo(this.dir);
		this.runner.withPropertyValues("sws.client.trust-anchors=file:" + this.dir.resolve("ca-cert.json"))
			.run((context) -> assertThat(context.getBean(SwsWebSocketClient.class).getSettings().getVersion())
				.as("trust anchors alone")
				.isEqualTo(ProtocolVersion.V3));
	}

	@Test
	void badV3SettingsFailWithTheFix() {
		String pin = "sws.client.pinned-server-keys=" + Base64.getEncoder().encodeToString(PKI.serverKeys.getPublicKey());
		this.runner.withPropertyValues("sws.server.v3.suites=aesgcm-sha256")
			.run((context) -> assertFailure(context, "sws.server.v3.suites", "chachapoly-blake2b"));
		this.runner.withPropertyValues(pin, "sws.client.v3.suites=aesgcm-sha256")
			.run((context) -> assertFailure(context, "sws.client.v3.suites", "chachapoly-blake2b"));
		this.runner.withPropertyValues(pin, "sws.client.v3.suites=chachapoly-blake2b,chachapoly-blake2b")
			.run((context) -> assertFailure(context, "sws.client.v3.suites", "each suite once"));
		this.runner.withPropertyValues("sws.server.v3.rekey-after-messages=0")
			.run((context) -> assertFailure(context, "sws.server.v3.rekey-after-messages", "2^53 - 1"));
		this.runner.withPropertyValues(pin, "sws.client.v3.rekey-after-messages=9007199254740992")
			.run((context) -> assertFailure(context, "sws.client.v3.rekey-after-messages", "2^53 - 1"));
		this.runner.withPropertyValues("sws.server.v3.rekey-after-bytes=0B")
			.run((context) -> assertFailure(context, "sws.server.v3.rekey-after-bytes", "1GB"));
		this.runner.withPropertyValues("sws.server.v3.suites=chachapoly-blake2b,noise-of-my-own")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.message()
				.contains("noise-of-my-own"));
	}

	@Test
	void userServerBeanReplacesOurs() {
		this.runner.withUserConfiguration(UserServerConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(SwsWebSocketHandlerDecoratorFactory.class);
			assertThat(context.getBean(SwsWebSocketHandlerDecoratorFactory.class)).isSameAs(context.getBean("userServer"));
		});
	}

	@Test
	void customizersRunInOrder() {
		this.runner.withUserConfiguration(CustomizerConfiguration.class).run((context) -> {
			SwsWebSocketHandlerDecoratorFactory server = context.getBean(SwsWebSocketHandlerDecoratorFactory.class);
			assertThat(server.getMaxPendingHandshakes()).isEqualTo(2);
			assertThat(server.getFirstFrameDelay()).isEqualTo(Duration.ofMillis(99));
		});
	}

	@Test
	void v2WithoutCertificateFailsWithTheFix() {
		this.runner.withPropertyValues("sws.server.versions=1,2")
			.run((context) -> assertFailure(context, "sws.server.certificate", "./sws-cert gencert"));
	}

	@Test
	void certificateForAnotherKeyFails() {
		PKI.writeTo(this.dir);
		this.runner
			.withPropertyValues("sws.server.key-pair=file:" + this.dir.resolve("client-kp.json"),
					"sws.server.certificate=file:" + this.dir.resolve("server-cert.json"))
			.run((context) -> assertFailure(context, "sws.server.certificate", "./sws-cert gencert"));
	}

	@Test
	void expiredCertificateFails() {
		PKI.writeTo(this.dir);
		Clock future = Clock.fixed(Instant.now().plus(Duration.ofDays(400)), ZoneOffset.UTC);
		this.runner.withBean(Clock.class, () -> future)
			.withPropertyValues(v2Server())
			.run((context) -> assertFailure(context, "sws.server.certificate", "./sws-cert gencert"));
	}

	@Test
	void missingKeyFileFails() {
		this.runner.withPropertyValues("sws.server.key-pair=file:/nonexistent/kp.json").run((context) -> {
			assertFailure(context, "sws.server.key-pair", "./sws-cert genkeypair");
			assertThat(findCause(context.getStartupFailure()).getMessage()).contains("'file:/nonexistent/kp.json'");
		});
		this.runner.withPropertyValues("sws.server.key-pair=keys/kp.json")
			.run((context) -> assertThat(findCause(context.getStartupFailure()).getMessage())
				.contains("the key pair file 'keys/kp.json' does not exist"));
	}

	@Test
	void badBase64AndMalformedKeyFilesFailWithoutQuotingTheSecret() throws Exception {
		String badBase64 = "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo0NTY3ODkwMTIzNDU2Nzg5";
		this.runner.withPropertyValues("sws.server.key-pair=" + badBase64).run((context) -> {
			assertFailure(context, "sws.server.key-pair", "./sws-cert genkeypair");
			assertThat(context.getStartupFailure()).rootCause().message().doesNotContain(badBase64);
		});
		Path malformed = Files.writeString(this.dir.resolve("bad.json"), "{\"secretkey\":[1,2,3],\"publickey\":[9]}");
		this.runner.withPropertyValues("sws.server.key-pair=file:" + malformed)
			.run((context) -> assertFailure(context, "sws.server.key-pair", "./sws-cert genkeypair"));
		Path notJson = Files.writeString(this.dir.resolve("notjson.json"), "secret-ish garbage");
		this.runner.withPropertyValues("sws.server.key-pair=file:" + notJson).run((context) -> {
			assertFailure(context, "sws.server.key-pair", "./sws-cert genkeypair");
			assertThat(context.getStartupFailure()).rootCause().message().doesNotContain("garbage");
		});
	}

	@Test
	void inlineKeysMayBeBase64WithOrWithoutPaddingBase64urlOrHex() {
		byte[] secret = new byte[32];
		Arrays.fill(secret, (byte) 0xfb);
		BoxKeyPair keys = BoxKeyPair.fromSecretKey(secret);
		List<String> values = List.of(Base64.getEncoder().encodeToString(secret),
				Base64.getEncoder().withoutPadding().encodeToString(secret), Base64.getUrlEncoder().encodeToString(secret),
				Base64.getUrlEncoder().withoutPadding().encodeToString(secret), HexFormat.of().formatHex(secret),
				HexFormat.of().withUpperCase().formatHex(secret));
		assertThat(values.get(1)).hasSize(43).contains("+", "/");
		assertThat(values.get(3)).hasSize(43).contains("-", "_");
		for (String value : values) {
			this.runner.withPropertyValues("sws.server.key-pair=" + value).run((context) -> {
				assertThat(context).as(value).hasNotFailed();
				assertThat(context.getBean(SwsWebSocketHandlerDecoratorFactory.class).getHandshakeSettings().getKeyPair().getPublicKey())
					.isEqualTo(keys.getPublicKey());
			});
		}
	}

	/**
	 * A mistyped inline key used to be reported as a missing file named after it, printing the
	 * secret in the exception, the failure analysis and the log.
	 */
	@Test
	void aKeyThatDoesNotParseIsNeverEchoed(CapturedOutput output) {
		byte[] secret = new byte[32];
		new SplittableRandom(7).nextBytes(secret);
		String base64 = Base64.getEncoder().withoutPadding().encodeToString(secret);
		String base64url = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
		String pin = Base64.getEncoder().encodeToString(PKI.serverKeys.getPublicKey());
		List<String> secrets = List.of(base64url.substring(0, 42), base64url + "==", base64.substring(0, 20) + " "
				+ base64.substring(20), base64url.replace('_', '+').replace('-', '+') + "_", "Tr0ub4dor&3-correct-horse",
				HexFormat.of().formatHex(secret).substring(0, 62), base64url.substring(0, 20) + "\t" + base64url.substring(20));
		for (String bad : secrets) {
			for (String property : List.of("sws.server.key-pair", "sws.client.key-pair")) {
				this.runner
					.withPropertyValues("sws.client.version=1", "sws.client.pinned-server-keys=" + pin, property + "=" + bad)
					.run((context) -> {
						assertFailure(context, property, "./sws-cert genkeypair");
						FailureAnalysis analysis = new SwsFailureAnalyzer().analyze(context.getStartupFailure());
						StringBuilder everything = new StringBuilder(analysis.getDescription()).append(analysis.getAction());
						for (Throwable t = context.getStartupFailure(); t != null; t = t.getCause()) {
							everything.append(t).append(t.getMessage());
						}
						assertThat(findCause(context.getStartupFailure()).getMessage()).contains("not shown");
						assertNoPartOf(bad, everything.toString());
						assertNoPartOf(bad, output.toString());
					});
			}
		}
	}

	/** Fails if the text contains any 8 consecutive characters of the secret. */
	private static void assertNoPartOf(String secret, String text) {
		for (int i = 0; i + 8 <= secret.length(); i++) {
			assertThat(text).as("part of the secret at %d", i).doesNotContain(secret.substring(i, i + 8));
		}
	}

	@Test
	void requiredClientCertsNeedTrustAnchorsAndV2() {
		this.runner.withPropertyValues(v2Server())
			.withPropertyValues("sws.server.require-client-cert=true")
			.run((context) -> assertFailure(context, "sws.server.trust-anchors", "./sws-cert genca"));
		this.runner.withPropertyValues(v2Server())
			.withPropertyValues("sws.server.require-client-cert=true", "sws.server.versions=1",
					"sws.server.trust-anchors=file:" + this.dir.resolve("ca-cert.json"))
			.run((context) -> assertFailure(context, "sws.server.versions", "sws.server.versions=2,3"));
	}

	@Test
	void requiredClientCertsCannotBeSkippedByAV1Client() {
		String anchors = "sws.server.trust-anchors=file:" + this.dir.resolve("ca-cert.json");
		this.runner.withPropertyValues(v2Server())
			.withPropertyValues("sws.server.require-client-cert=true", anchors)
			.run((context) -> assertThat(context.getBean(SwsWebSocketHandlerDecoratorFactory.class).getHandshakeSettings().getVersions())
				.containsExactly(ProtocolVersion.V2, ProtocolVersion.V3));
		this.runner.withPropertyValues("sws.server.require-client-cert=true", anchors)
			.run((context) -> assertThat(context.getBean(SwsWebSocketHandlerDecoratorFactory.class).getHandshakeSettings().getVersions())
				.as("without a server certificate, v2 is out")
				.containsExactly(ProtocolVersion.V3));
		this.runner.withPropertyValues(v2Server())
			.withPropertyValues("sws.server.require-client-cert=true", "sws.server.versions=1,2", anchors)
			.run((context) -> {
				assertFailure(context, "sws.server.versions", "sws.server.versions=2,3");
				assertThat(context.getStartupFailure()).rootCause().message().contains("v1 clients cannot present one");
			});
	}

	@Test
	void expiredTrustAnchorFails() {
		PKI.writeTo(this.dir);
		Clock future = Clock.fixed(Instant.now().plus(Duration.ofDays(400)), ZoneOffset.UTC);
		this.runner.withBean(Clock.class, () -> future)
			.withPropertyValues("sws.server.trust-anchors=file:" + this.dir.resolve("ca-cert.json"))
			.run((context) -> assertFailure(context, "sws.server.trust-anchors[0]", "./sws-cert genca"));
	}

	@Test
	void unknownVersionFails() {
		this.runner.withPropertyValues("sws.server.versions=4")
			.run((context) -> assertFailure(context, "sws.server.versions", "1, 2 and 3"));
		this.runner.withPropertyValues("sws.client.version=4", "sws.client.insecure-accept-any-server-key=true")
			.run((context) -> assertFailure(context, "sws.client.version", "1, 2 or 3"));
	}

	@Test
	void infoNamesTheKeyAndCertificate() {
		this.runner.withPropertyValues(v2Server()).run((context) -> {
			Info.Builder builder = new Info.Builder();
			context.getBean(SwsInfoContributor.class).contribute(builder);
			@SuppressWarnings("unchecked")
			Map<String, Object> sws = (Map<String, Object>) builder.build().getDetails().get("sws");
			assertThat(sws).containsEntry("publicKey", Base64.getEncoder().encodeToString(PKI.serverKeys.getPublicKey()))
				.containsEntry("publicKeyFingerprint", KeyFingerprint.of(PKI.serverKeys.getPublicKey()))
				.containsKey("certificate");
		});
	}

	@Test
	void clientBeansNeedAWayToAuthenticateServers() {
		this.runner.withPropertyValues("sws.client.version=1")
			.run((context) -> assertThat(context).doesNotHaveBean(SwsWebSocketClient.class));
		String pin = Base64.getEncoder().encodeToString(PKI.serverKeys.getPublicKey());
		this.runner.withPropertyValues("sws.client.version=1", "sws.client.pinned-server-keys=" + pin).run((context) -> {
			assertThat(context).hasSingleBean(SwsWebSocketClient.class).hasSingleBean(SwsStompClient.class);
			assertThat(context.getBean(SwsWebSocketClient.class).getSettings().getVersion()).isEqualTo(ProtocolVersion.V1);
		});
		this.runner.withPropertyValues("sws.client.version=1", "sws.client.insecure-accept-any-server-key=true")
			.run((context) -> assertThat(context).hasSingleBean(SwsWebSocketClient.class));
		this.runner.withPropertyValues("sws.client.enabled=false", "sws.client.pinned-server-keys=" + pin)
			.run((context) -> assertThat(context).doesNotHaveBean(SwsWebSocketClient.class));
	}

	@Test
	void v2ClientFromTrustAnchorsAndCertificate() {
		PKI.writeTo(this.dir);
		this.runner
			.withPropertyValues("sws.client.version=2", "sws.client.trust-anchors[0]=file:" + this.dir.resolve("ca-cert.json"),
					"sws.client.key-pair=file:" + this.dir.resolve("client-kp.json"),
					"sws.client.certificate=file:" + this.dir.resolve("client-cert.json"),
					"sws.client.handshake-timeout=3s", "sws.client.max-message-size=4MB",
					"sws.client.max-outbound-buffer=1MB", "sws.client.send-time-limit=2s")
			.run((context) -> {
				SwsWebSocketClient client = context.getBean(SwsWebSocketClient.class);
				assertThat(client.getOptions().maxOutboundBuffer()).isEqualTo(1024 * 1024);
				assertThat(client.getOptions().sendTimeLimit()).isEqualTo(Duration.ofSeconds(2));
				assertThat(client.getSettings().getVersion()).isEqualTo(ProtocolVersion.V2);
				assertThat(client.getSettings().getCertificate()).isEqualTo(PKI.clientCert);
				assertThat(client.getOptions().handshakeTimeout()).isEqualTo(Duration.ofSeconds(3));
				assertThat(context.getBean(SwsStompClient.class).getInboundMessageSizeLimit()).isEqualTo(4 * 1024 * 1024);
			});
	}

	@Test
	void badClientConfigurationFails() {
		PKI.writeTo(this.dir);
		this.runner.withPropertyValues("sws.client.pinned-server-keys=not-a-key")
			.run((context) -> assertFailure(context, "sws.client.pinned-server-keys[0]", "actuator/info"));
		String pin = Base64.getEncoder().encodeToString(PKI.serverKeys.getPublicKey());
		this.runner.withPropertyValues("sws.client.version=2", "sws.client.pinned-server-keys=" + pin)
			.run((context) -> assertFailure(context, "sws.client.trust-anchors", "sws.client.trust-anchors"));
		this.runner
			.withPropertyValues("sws.client.trust-anchors=file:" + this.dir.resolve("ca-cert.json"),
					"sws.client.certificate=file:" + this.dir.resolve("client-cert.json"))
			.run((context) -> assertFailure(context, "sws.client.key-pair", "sws.client.key-pair"));
		this.runner
			.withPropertyValues("sws.client.trust-anchors=file:" + this.dir.resolve("ca-cert.json"),
					"sws.client.key-pair=file:" + this.dir.resolve("server-kp.json"),
					"sws.client.certificate=file:" + this.dir.resolve("client-cert.json"))
			.run((context) -> assertFailure(context, "sws.client.certificate", "./sws-cert gencert"));
	}

	/**
	 * One CA signing client certificates for the server and server certificates for the client
	 * lets a client certificate that names a server's host impersonate that server.
	 */
	@Test
	void oneCaTrustedForBothRolesIsWarnedAboutOnceByItsKeyFingerprint(CapturedOutput output) {
		PKI.writeTo(this.dir);
		String fingerprint = PKI.ca.getCertificate().getPublicKeyFingerprint();
		TestPki other = TestPki.create("other.sws.dev");
		this.runner
			.withPropertyValues("sws.server.trust-anchors=file:" + this.dir.resolve("ca-cert.json"),
					"sws.client.trust-anchors[0]=" + other.ca.getCertificate().toJson())
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(SwsWebSocketClient.class));
		assertThat(output.getAll()).doesNotContain("trust the same CA");
		// the same CA, once as a file and once inline: compared by key, not by how it is given
		this.runner
			.withPropertyValues("sws.server.trust-anchors=file:" + this.dir.resolve("ca-cert.json"),
					"sws.client.trust-anchors[0]=" + other.ca.getCertificate().toJson(),
					"sws.client.trust-anchors[1]=" + PKI.ca.getCertificate().toJson())
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(SwsWebSocketClient.class));
		List<String> warnings = output.getAll().lines().filter((line) -> line.contains("trust the same CA")).toList();
		assertThat(warnings).hasSize(1);
		assertThat(warnings.get(0)).contains("WARN", "sws.server.trust-anchors", "sws.client.trust-anchors",
				"\"tests.sws.dev\" (key " + fingerprint + ")", "one CA for client certificates and another for server")
			.doesNotContain(other.ca.getCertificate().getPublicKeyFingerprint());
	}

	@Test
	void userClientBeanReplacesOursAndCustomizersApply() {
		String pin = Base64.getEncoder().encodeToString(PKI.serverKeys.getPublicKey());
		this.runner.withPropertyValues("sws.client.version=1", "sws.client.pinned-server-keys=" + pin)
			.withBean(SwsClientCustomizer.class, () -> (builder) -> builder.maxMessageSize(12345))
			.run((context) -> assertThat(context.getBean(SwsWebSocketClient.class).getOptions().maxMessageSize())
				.isEqualTo(12345));
	}

	/**
	 * An empty value, such as {@code ${SWS_KEY}} of an unset environment variable, used to be
	 * reported as an unreadable file {@code ''}, as JSON errors on the application's own classpath
	 * root, or as a missing property.
	 */
	@Test
	void anEmptyValueIsReportedAsEmpty() {
		PKI.writeTo(this.dir);
		for (String property : List.of("sws.server.key-pair", "sws.server.certificate", "sws.server.trust-anchors",
				"sws.server.trust-anchors[0]", "sws.server.versions")) {
			this.runner.withPropertyValues(property + "=").run((context) -> assertEmpty(context, property));
		}
		String anchors = "sws.client.trust-anchors=file:" + this.dir.resolve("ca-cert.json");
		for (String property : List.of("sws.client.key-pair", "sws.client.certificate")) {
			this.runner.withPropertyValues(anchors, property + "=").run((context) -> assertEmpty(context, property));
		}
		for (String property : List.of("sws.client.trust-anchors", "sws.client.trust-anchors[0]",
				"sws.client.pinned-server-keys", "sws.client.pinned-server-keys[0]")) {
			this.runner.withPropertyValues(property + "=").run((context) -> assertEmpty(context, property));
		}
		this.runner
			.withPropertyValues("sws.client.trust-anchors[0]=file:" + this.dir.resolve("ca-cert.json"),
					"sws.client.trust-anchors[1]=")
			.run((context) -> assertEmpty(context, "sws.client.trust-anchors[1]"));
	}

	private static void assertEmpty(ApplicationContextAssertProvider<?> context, String property) {
		assertThat(context).as(property).hasFailed();
		assertFailure(context, property, "Give " + property + " a value, or remove it");
		assertThat(new SwsFailureAnalyzer().analyze(context.getStartupFailure()).getDescription())
			.as(property)
			.endsWith(property + " is empty (an unset environment variable?)");
	}

	/** A CA certificate given as a side's own used to be reported as a key mismatch. */
	@Test
	void aCaCertificateGivenAsTheServersOrTheClientsOwnIsReportedAsACaCertificate() {
		PKI.writeTo(this.dir);
		String caCert = "file:" + this.dir.resolve("ca-cert.json");
		this.runner.withPropertyValues("sws.server.certificate=" + caCert).run((context) -> {
			assertFailure(context, "sws.server.certificate", "sws.client.trust-anchors");
			assertThat(findCause(context.getStartupFailure()).getMessage())
				.endsWith("this is a CA certificate (self-signed, CA \"tests.sws.dev\"), the one to put in the peers' "
						+ "sws.client.trust-anchors, not a certificate issued for this side's key");
		});
		this.runner
			.withPropertyValues("sws.client.trust-anchors=" + caCert,
					"sws.client.key-pair=file:" + this.dir.resolve("client-kp.json"), "sws.client.certificate=" + caCert)
			.run((context) -> {
				assertFailure(context, "sws.client.certificate", "sws.server.trust-anchors");
				assertThat(findCause(context.getStartupFailure()).getMessage())
					.contains("this is a CA certificate (self-signed, CA \"tests.sws.dev\")");
			});
	}

	/**
	 * A list property given as one string is split at its commas by Boot, inline JSON included:
	 * {@code sws.client.trust-anchors={"desc":...}} used to fail as "not a NaCl certificate".
	 */
	@Test
	void inlineJsonTrustAnchorsSurviveBootsSplittingAtCommas() {
		String ca = PKI.ca.getCertificate().toJson();
		String other = TestPki.create("other.sws.dev").ca.getCertificate().toJson();
		assertThat(SwsKeyMaterial.rejoinSplitJson(List.of((ca + "," + "file:a.json," + other).split(","))))
			.containsExactly(ca, "file:a.json", other);
		assertThat(SwsKeyMaterial.rejoinSplitJson(List.of("{\"a\":\"},{\",\"b\":[1", "2]}", "x")))
			.containsExactly("{\"a\":\"},{\",\"b\":[1,2]}", "x");
		this.runner.withPropertyValues("sws.client.trust-anchors=" + ca + "," + other, "sws.server.trust-anchors=" + ca)
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(SwsWebSocketClient.class));
	}

	static void assertFailure(ApplicationContextAssertProvider<?> context, String property, String actionHint) {
		assertThat(context).hasFailed();
		Throwable failure = context.getStartupFailure();
		SwsConfigurationException cause = findCause(failure);
		assertThat(cause).as("an SwsConfigurationException in %s", failure).isNotNull();
		assertThat(cause.getProperty()).isEqualTo(property);
		FailureAnalysis analysis = new SwsFailureAnalyzer().analyze(failure);
		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription()).contains(property);
		assertThat(analysis.getAction()).contains(actionHint);
	}

	static SwsConfigurationException findCause(Throwable failure) {
		for (Throwable current = failure; current != null; current = current.getCause()) {
			if (current instanceof SwsConfigurationException sws) {
				return sws;
			}
		}
		return null;
	}

	@Configuration(proxyBeanMethods = false)
	static class UserServerConfiguration {

		@Bean
		SwsWebSocketHandlerDecoratorFactory userServer() {
			return SwsWebSocketHandlerDecoratorFactory.builder(dev.sws.protocol.ServerHandshakeSettings.builder(BoxKeyPair.generate(RandomSource.secure())))
				.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomizerConfiguration {

		@Bean
		@Order(1)
		SwsServerCustomizer first() {
			return (builder) -> builder.maxPendingHandshakes(1).firstFrameDelay(Duration.ofMillis(99));
		}

		@Bean
		@Order(2)
		SwsServerCustomizer second() {
			return (builder) -> builder.maxPendingHandshakes(2);
		}

	}

}
