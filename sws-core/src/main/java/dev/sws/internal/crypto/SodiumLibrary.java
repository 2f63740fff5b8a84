package dev.sws.internal.crypto;

import java.util.Iterator;
import java.util.Objects;
import java.util.ServiceLoader;

import com.goterl.lazysodium.Sodium;
import com.goterl.lazysodium.SodiumJava;
import org.jspecify.annotations.Nullable;

import dev.sws.crypto.SodiumProvider;
import dev.sws.crypto.SodiumUnavailableException;

/**
 * The one place that loads libsodium: through the first {@link SodiumProvider} on the class path,
 * or Lazysodium-java's {@link SodiumJava}. The library is loaded once, on first use. If it cannot
 * be loaded, every use fails with a {@link SodiumUnavailableException} that names the operating
 * system, the architecture and the loader's error, so that a deployment problem is diagnosed from
 * one log line.
 */
public final class SodiumLibrary {

	private SodiumLibrary() {
	}

	/**
	 * Returns the loaded binding.
	 * @return the binding
	 * @throws SodiumUnavailableException if the native library cannot be loaded on this platform
	 */
	public static Sodium get() {
		return Holder.get();
	}

	static SodiumUnavailableException unavailable(Throwable failure) {
		return new SodiumUnavailableException("libsodium could not be loaded for " + System.getProperty("os.name") + "/"
				+ System.getProperty("os.arch") + " (JNA " + Holder.jnaVersion() + "): " + failure, failure);
	}

	private static final class Holder {

		/** The binding, or {@code null} if it could not be loaded. */
		private static final @Nullable Sodium LIB;

		/** Why the binding could not be loaded: set exactly when {@link #LIB} is {@code null}. */
		private static final @Nullable Throwable FAILURE;

		static {
			Sodium lib = null;
			Throwable failure = null;
			try {
				lib = load();
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

		private static Sodium load() {
			Iterator<SodiumProvider> providers = ServiceLoader.load(SodiumProvider.class, SodiumLibrary.class.getClassLoader())
				.iterator();
			return providers.hasNext() ? providers.next().load() : new SodiumJava();
		}

		static Sodium get() {
			if (LIB == null) {
				throw unavailable(Objects.requireNonNull(FAILURE));
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
