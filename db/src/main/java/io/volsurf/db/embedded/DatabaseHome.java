package io.volsurf.db.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.Set;

/**
 * The files of one {@code VOLSURF_HOME} that the embedded PostgreSQL lives in, and their permissions: the home,
 * {@code pgdata} and {@code pgbin} are the owner's alone (0700), the password file is 0600.
 */
public record DatabaseHome(Path root) {

    static final Set<PosixFilePermission> OWNER_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final String PASSWORD_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    public DatabaseHome {
        root = root.toAbsolutePath().normalize();
    }

    public Path dataDirectory() {
        return root.resolve("pgdata");
    }

    public Path binaries() {
        return root.resolve("pgbin");
    }

    /** The generated password of the {@code postgres} role, one line, mode 0600. */
    public Path passwordFile() {
        return root.resolve("db-password");
    }

    /** Held exclusively while a process starts, joins, leaves or stops the server. */
    Path startupLock() {
        return root.resolve("pgdata.lock");
    }

    /** One locked lease file per volsurf process that uses the server. */
    Path leases() {
        return root.resolve("db-users");
    }

    /** Present (holding the postmaster's pid) while the server runs as a service started by {@code db start}. */
    Path serviceMark() {
        return root.resolve("db-service");
    }

    public Path serverLog() {
        return root.resolve("postgres.log");
    }

    Path postmasterPid() {
        return dataDirectory().resolve("postmaster.pid");
    }

    /** Creates the home if needed and makes it the owner's alone. */
    void secure() throws IOException {
        ownerOnlyDirectory(root);
    }

    static void ownerOnlyDirectory(Path dir) throws IOException {
        Files.createDirectories(dir);
        try {
            if (!Files.getPosixFilePermissions(dir).equals(OWNER_DIRECTORY)) {
                Files.setPosixFilePermissions(dir, OWNER_DIRECTORY);
            }
        } catch (AccessDeniedException e) {
            throw new IOException(dir + " belongs to another user (cannot make it mode 0700): use a VOLSURF_HOME of your own", e);
        } catch (FileSystemException e) {
            throw new IOException("cannot make " + dir + " mode 0700: " + e.getMessage(), e);
        }
    }

    /** The stored password, if there is a non-empty password file; a file others could read is made 0600 first. */
    Optional<String> readPassword() throws IOException {
        Path file = passwordFile();
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        if (!Files.getPosixFilePermissions(file).equals(OWNER_FILE)) {
            Files.setPosixFilePermissions(file, OWNER_FILE);
        }
        String password = Files.readString(file, StandardCharsets.UTF_8).strip();
        return password.isEmpty() ? Optional.empty() : Optional.of(password);
    }

    /** Writes a new random password (0600 from the first byte on: created so, then moved into place). */
    String writeNewPassword() throws IOException {
        SecureRandom random = new SecureRandom();
        StringBuilder sb = new StringBuilder(32);
        for (int i = 0; i < 32; i++) {
            sb.append(PASSWORD_ALPHABET.charAt(random.nextInt(PASSWORD_ALPHABET.length())));
        }
        String password = sb.toString();
        writeOwnerOnly(passwordFile(), password + "\n");
        return password;
    }

    /** Replaces {@code file} atomically with {@code text}, mode 0600. */
    static void writeOwnerOnly(Path file, String text) throws IOException {
        Path tmp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp",
                PosixFilePermissions.asFileAttribute(OWNER_FILE));
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
