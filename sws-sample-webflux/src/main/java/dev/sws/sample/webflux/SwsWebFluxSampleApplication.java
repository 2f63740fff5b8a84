package dev.sws.sample.webflux;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The reactive sample: {@code mvn -pl sws-sample-webflux -am spring-boot:run}, then open
 * http://localhost:8080/ for the echo page.
 */
@SpringBootApplication
public class SwsWebFluxSampleApplication {

	/**
	 * Starts the sample.
	 * @param args command-line arguments
	 */
	public static void main(String[] args) {
		SpringApplication.run(SwsWebFluxSampleApplication.class, args);
	}

}
