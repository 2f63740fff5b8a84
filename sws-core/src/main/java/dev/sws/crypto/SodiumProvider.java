package dev.sws.crypto;

/**
 * The seam through which SWS gets libsodium: a service ({@link java.util.ServiceLoader}) that
 * loads Lazysodium's native binding. Without one on the class path, SWS uses Lazysodium-java's
 * {@code SodiumJava} (JNA with the libsodium bundled for Linux, macOS and Windows). A platform
 * whose library is loaded differently plugs in its own, for example Lazysodium-android's
 * {@code SodiumAndroid}: both extend {@code com.goterl.lazysodium.Sodium}, which declares every
 * function SWS calls.
 *
 * <p>Register an implementation in
 * {@code META-INF/services/dev.sws.crypto.SodiumProvider}. The first provider found is used.
 */
public interface SodiumProvider {

	/**
	 * Loads and initialises the binding ({@code sodium_init} is called by SWS afterwards).
	 * @return the binding
	 * @throws RuntimeException or {@link LinkageError} if the native library cannot be loaded;
	 * SWS reports it as a {@link SodiumUnavailableException}
	 */
	com.goterl.lazysodium.Sodium load();

}
