package dev.sws.crypto;

import com.goterl.lazysodium.SodiumJava;

/**
 * The one place that loads libsodium (through Lazysodium-java and JNA).
 *
 * <p>The library is loaded once, on first use. If it cannot be loaded, every use fails with a
 * {@link SodiumUnavailableException} that names the operating system, the architecture and the
 * loader's error, so that a deployment problem is diagnosed from one log line.
 */
public final class Sodium {

	private Sodium() {
	}

	/**
	 * Ensures libsodium is loaded and initialised.
	 * @throws SodiumUnavailableException if the native library cannot be loaded on this platform
	 */
	public static void ensureAvailable() {
		lib();
	}

	static SodiumJava lib() {
		return Holder.get();
	}

	static SodiumUnavailableException unavailable(Throwable failure) {
		return new SodiumUnavailableException("libsodium could not be loaded for " + System.getProperty("os.name") + "/"
				+ System.getProperty("os.arch") + " (JNA " + Holder.jnaVersion() + "): " + failure, failure);
	}

	private static final class Holder {

		private static final SodiumJava LIB;

		private static final Throwable FAILURE;

		static {
			SodiumJava lib = null;
			Throwable failure = null;
			try {
				lib = new SodiumJava();
				if (lib.sodium_init() < 0) {
					failure = new IllegalStateException("sodium_init() returned an error");
					lib = null;
				}
			}
			catch (Throwable ex) { // UnsatisfiedLinkError, JNA's LinkageError or the loader's exception
				failure = ex;
			}
			LIB = lib;
			FAILURE = failure;
		}

		static SodiumJava get() {
			if (LIB == null) {
				throw unavailable(FAILURE);
			}
			return LIB;
		}

		static String jnaVersion() {
			try {
				return com.sun.jna.Native.VERSION;
			}
			catch (Throwable ex) {
				return "not loadable: " + ex;
			}
		}

	}

}
