package dev.sws.autoconfigure.devmode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.sws.cert.CertFileException;

/**
 * The folder of the development keys, usable only by its owner: created {@code rwx------}, and
 * refused, with what to do about it, when it or a file in it belongs to another user, when others
 * may write to it, when a secret file (a key) is readable by others, or when a certificate is
 * writable by others. A folder of ours that others may only list is restricted to its owner. On a
 * file system without POSIX permissions nothing can be checked: the folder is used, with a
 * warning.
 */
final class PrivateKeysFolder {

	private static final Set<PosixFilePermission> OWNER_ONLY_FOLDER = PosixFilePermissions.fromString("rwx------");

	private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
			PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
			PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

	private static final Set<PosixFilePermission> GROUP_OR_OTHERS_WRITE = EnumSet.of(PosixFilePermission.GROUP_WRITE,
			PosixFilePermission.OTHERS_WRITE);

	private final Path directory;

	/** Who must own the folder and its files; {@code null} without POSIX permissions. */
	private final @Nullable UserPrincipal owner;

	private PrivateKeysFolder(Path directory, @Nullable UserPrincipal owner) {
		this.directory = directory;
		this.owner = owner;
	}

	/**
	 * Creates the folder owner-only if it is missing, and checks it.
	 * @param directory the folder
	 * @param user the user who must own it, or {@code null} for the user running this (the owner
	 * of a file this creates in it)
	 * @param warnings where to add what the caller should log
	 * @return the folder
	 * @throws CertFileException if it cannot be created, or it is not private to the user
	 */
	static PrivateKeysFolder open(Path directory, @Nullable UserPrincipal user, List<String> warnings)
			throws CertFileException {
		boolean posix;
		try {
			Path parent = directory.toAbsolutePath().getParent();
			Files.createDirectories(parent);
			posix = Files.getFileStore(parent).supportsFileAttributeView(PosixFileAttributeView.class);
			if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
				if (posix) {
					Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FOLDER));
				}
				else {
					Files.createDirectory(directory);
				}
			}
		}
		catch (IOException ex) {
			throw new CertFileException(directory + ": cannot create the development keys folder (" + ex.getMessage() + ")",
					ex);
		}
		if (!posix) {
			warnings.add(directory + ": this file system has no POSIX permissions, so development mode can neither "
					+ "restrict nor check who may read its keys; keep the folder private");
			return new PrivateKeysFolder(directory, null);
		}
		PosixFileAttributes attributes = attributes(directory);
		if (!attributes.isDirectory()) {
			throw new CertFileException(directory + ": not a folder" + (attributes.isSymbolicLink()
					? " but a symbolic link; set sws.server.dev-mode.directory to the folder itself" : ""));
		}
		UserPrincipal expected = (user != null) ? user : currentUser(directory);
		requireOwner(directory, attributes, expected, "chown it, or set sws.server.dev-mode.directory to a folder of your own");
		Set<PosixFilePermission> permissions = attributes.permissions();
		if (permissions.stream().anyMatch(GROUP_OR_OTHERS_WRITE::contains)) {
			throw new CertFileException(directory + ": the development keys folder is writable by group or others ("
					+ PosixFilePermissions.toString(permissions) + "), so its keys may have been replaced: delete it "
					+ "(development mode then makes new keys), or 'chmod 700' it if you trust its content");
		}
		if (permissions.stream().anyMatch(GROUP_OR_OTHERS::contains)) {
			setPermissions(directory, OWNER_ONLY_FOLDER);
			warnings.add(directory + ": restricted the development keys folder to its owner (it was "
					+ PosixFilePermissions.toString(permissions) + ")");
		}
		return new PrivateKeysFolder(directory, expected);
	}

	/**
	 * Checks a secret file (a key) if it exists: the user's own, and neither readable nor writable
	 * by group or others.
	 * @param file the file
	 * @throws CertFileException if it must not be used
	 */
	void checkSecret(Path file) throws CertFileException {
		check(file, GROUP_OR_OTHERS, "readable or writable by group or others", "a key must be owner-only: 'chmod 600'");
	}

	/**
	 * Checks a public file (a certificate) if it exists: the user's own, and not writable by group
	 * or others.
	 * @param file the file
	 * @throws CertFileException if it must not be used
	 */
	void checkPublic(Path file) throws CertFileException {
		check(file, GROUP_OR_OTHERS_WRITE, "writable by group or others", "'chmod 644'");
	}

	/**
	 * Returns the folder.
	 * @return the path
	 */
	Path directory() {
		return this.directory;
	}

	private void check(Path file, Set<PosixFilePermission> forbidden, String problem, String fix)
			throws CertFileException {
		if (this.owner == null || !Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
			return;
		}
		PosixFileAttributes attributes = attributes(file);
		if (!attributes.isRegularFile()) {
			throw new CertFileException(file + ": not a regular file" + (attributes.isSymbolicLink()
					? " but a symbolic link" : "") + "; delete it, and development mode makes a new one");
		}
		requireOwner(file, attributes, this.owner, "delete it (development mode then makes a new one), or chown it");
		Set<PosixFilePermission> permissions = attributes.permissions();
		if (permissions.stream().anyMatch(forbidden::contains)) {
			throw new CertFileException(file + ": " + problem + " (" + PosixFilePermissions.toString(permissions) + "); "
					+ fix + " it if its content is yours, or delete it and development mode makes a new one");
		}
	}

	private static void requireOwner(Path path, PosixFileAttributes attributes, UserPrincipal expected, String fix)
			throws CertFileException {
		if (!attributes.owner().equals(expected)) {
			throw new CertFileException(path + ": owned by " + attributes.owner().getName() + ", not by "
					+ expected.getName() + ", who runs development mode; " + fix);
		}
	}

	/** The owner of a file created now: the user this process runs as, whatever its name says. */
	private static UserPrincipal currentUser(Path directory) throws CertFileException {
		Path probe = null;
		try {
			probe = Files.createTempFile(directory, ".owner-", ".tmp",
					PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
			return Files.getOwner(probe, LinkOption.NOFOLLOW_LINKS);
		}
		catch (IOException ex) {
			throw new CertFileException(directory + ": cannot write to the development keys folder (" + ex.getMessage()
					+ ")", ex);
		}
		finally {
			if (probe != null) {
				try {
					Files.deleteIfExists(probe);
				}
				catch (IOException ex) {
					// an empty owner-only file; nothing more to do
				}
			}
		}
	}

	private static PosixFileAttributes attributes(Path path) throws CertFileException {
		try {
			return Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
		}
		catch (IOException ex) {
			throw new CertFileException(path + ": cannot read its owner and permissions (" + ex.getMessage() + ")", ex);
		}
	}

	private static void setPermissions(Path path, Set<PosixFilePermission> permissions) throws CertFileException {
		try {
			Files.setPosixFilePermissions(path, permissions);
		}
		catch (IOException ex) {
			throw new CertFileException(path + ": cannot restrict it to its owner (" + ex.getMessage() + ")", ex);
		}
	}

}
