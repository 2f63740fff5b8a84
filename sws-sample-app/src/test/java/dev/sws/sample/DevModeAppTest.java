package dev.sws.sample;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * The sample as a user starts it, in development mode, on a random port of 127.0.0.1, with its
 * development keys in {@value #DEV_DIRECTORY}. Test classes with this annotation share one
 * application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(classes = SwsSampleApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "server.address=127.0.0.1", "sws.server.dev-mode.directory=" + DevModeAppTest.DEV_DIRECTORY })
public @interface DevModeAppTest {

	/** Where the tests' development keys live, relative to the module. */
	String DEV_DIRECTORY = "target/test-dev-mode";

}
