package dev.sws.internal.crypto;

import org.junit.jupiter.api.Test;

import dev.sws.crypto.Sodium;
import dev.sws.crypto.SodiumUnavailableException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * The native library loader.
 */
class SodiumTests {

	@Test
	void loadsOnThisPlatform() {
		assertThatNoException().isThrownBy(Sodium::ensureAvailable);
	}

	@Test
	void failureMessageNamesPlatformAndLoaderError() {
		UnsatisfiedLinkError cause = new UnsatisfiedLinkError("Unable to load library 'sodium'");
		SodiumUnavailableException ex = SodiumLibrary.unavailable(cause);
		assertThat(ex).hasMessageContaining(System.getProperty("os.name"))
			.hasMessageContaining(System.getProperty("os.arch"))
			.hasMessageContaining("JNA ")
			.hasMessageContaining("Unable to load library 'sodium'")
			.hasCause(cause);
	}

}
