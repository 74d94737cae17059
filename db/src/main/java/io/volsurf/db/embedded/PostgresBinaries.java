package io.volsurf.db.embedded;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * zonky's PostgreSQL binaries, unpacked once into {@code VOLSURF_HOME/pgbin/<version>} (0700, so no other user can
 * swap them), and the commands run with them: {@code initdb}, {@code pg_ctl}, single-user {@code postgres}.
 *
 * <p>PostgreSQL refuses to run as root; as root the commands run under {@code unshare -U} (a user namespace in
 * which the process is unprivileged), as zonky does. Any process of the owner can stop the server this way.
 */
final class PostgresBinaries {

    private static final Boolean UNSHARE = detectUnshare();

    /** Binaries this JVM unpacked already: another home copies them (a second) instead of inflating xz again. */
    private static volatile Path unpackedInThisJvm;

    private final Path dir;

    private PostgresBinaries(Path dir) {
        this.dir = dir;
    }

    /** The unpacked binaries of {@code home}, unpacking them when missing or when {@code pgbin} was not 0700. */
    static PostgresBinaries prepare(DatabaseHome home) throws IOException {
        Path pgbin = home.binaries();
        if (Files.isDirectory(pgbin) && !Files.getPosixFilePermissions(pgbin).equals(DatabaseHome.OWNER_DIRECTORY)) {
            // Older volsurf left pgbin open to others: what is in it may have been replaced. Unpack afresh.
            deleteTree(pgbin);
        }
        DatabaseHome.ownerOnlyDirectory(pgbin);
        Path dir = pgbin.resolve(EmbeddedDatabase.BINARIES_VERSION);
        if (!Files.isRegularFile(dir.resolve(".complete"))) {
            deleteTree(dir);
            Path tmp = Files.createTempDirectory(pgbin, ".unpack-");
            try {
                Path earlier = unpackedInThisJvm;
                if (earlier != null && Files.isRegularFile(earlier.resolve(".complete"))) {
                    copyTree(earlier, tmp);
                } else {
                    unpack(tmp);
                }
                Files.writeString(tmp.resolve(".complete"), EmbeddedDatabase.BINARIES_VERSION + "\n");
                Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                deleteTree(tmp);
            }
        }
        unpackedInThisJvm = dir;
        return new PostgresBinaries(dir);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (p.equals(from) || p.getFileName().toString().equals(".complete")) {
                    continue;
                }
                Files.copy(p, target, java.nio.file.LinkOption.NOFOLLOW_LINKS, StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }

    Path directory() {
        return dir;
    }

    /** The command line for {@code binary} (initdb, pg_ctl, postgres) with {@code args}. */
    List<String> command(String binary, String... args) {
        List<String> cmd = new ArrayList<>();
        if (UNSHARE) {
            cmd.add("unshare");
            cmd.add("-U");
        }
        cmd.add(dir.resolve("bin").resolve(binary).toString());
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** What a finished command printed, and its exit code. */
    record Result(int exitCode, String output) {
        boolean ok() {
            return exitCode == 0;
        }

        /** The last lines of the output, for an error message. */
        String tail() {
            List<String> lines = output.strip().lines().toList();
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 4), lines.size()));
        }
    }

    /**
     * Runs {@code binary} and waits for it. Output goes to a file, not a pipe: {@code pg_ctl start} leaves a
     * postmaster behind that must not hold our pipe open. {@code stdin} (may be null) is written to its input.
     */
    Result run(Path scratchDir, String stdin, String binary, String... args) throws IOException {
        Path out = Files.createTempFile(scratchDir, ".pg-", ".out");
        try {
            ProcessBuilder pb = new ProcessBuilder(command(binary, args)).redirectErrorStream(true)
                    .redirectOutput(out.toFile());
            // libpq variables of the user's shell are not meant for our server
            pb.environment().keySet().removeIf(k -> k.startsWith("PG"));
            pb.environment().put("LC_MESSAGES", "C");
            Process p = pb.start();
            try (OutputStream in = p.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, binary + " did not finish in 120 s");
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.ISO_8859_1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + binary, e);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private static void unpack(Path target) throws IOException {
        String os = System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT);
        String system = os.contains("mac") ? "Darwin" : os.contains("win") ? "Windows" : "Linux";
        String arch = System.getProperty("os.arch");
        String machine = "amd64".equals(arch) ? "x86_64" : arch;
        try (InputStream txz = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, machine);
                TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(txz))) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                Path p = target.resolve(e.getName()).normalize();
                if (!p.startsWith(target)) {
                    throw new IOException("PostgreSQL archive entry outside its folder: " + e.getName());
                }
                if (e.isDirectory()) {
                    Files.createDirectories(p);
                    Files.setPosixFilePermissions(p, DatabaseHome.OWNER_DIRECTORY);
                } else if (e.isSymbolicLink()) {
                    Files.createDirectories(p.getParent());
                    Files.createSymbolicLink(p, Path.of(e.getLinkName()));
                } else if (e.isLink()) {
                    Path linked = target.resolve(e.getLinkName()).normalize();
                    if (!linked.startsWith(target)) {
                        throw new IOException("PostgreSQL archive link outside its folder: " + e.getLinkName());
                    }
                    Files.createDirectories(p.getParent());
                    Files.createLink(p, linked);
                } else if (e.isFile()) {
                    Files.createDirectories(p.getParent());
                    Files.copy(tar, p, StandardCopyOption.REPLACE_EXISTING);
                    boolean executable = (e.getMode() & 0100) != 0 || e.getName().startsWith("bin/");
                    Files.setPosixFilePermissions(p, executable ? ownerExecutable() : DatabaseHome.OWNER_FILE);
                }
            }
        }
        if (!Files.isRegularFile(target.resolve("bin/pg_ctl"))) {
            throw new IOException("the PostgreSQL archive " + system + "/" + machine + " has no bin/pg_ctl");
        }
    }

    private static Set<PosixFilePermission> ownerExecutable() {
        return EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Root cannot run PostgreSQL: use a user namespace when we are root and {@code unshare} works. */
    private static boolean detectUnshare() {
        try {
            Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            if (!Integer.valueOf(0).equals(uid)) {
                return false;
            }
            Process p = new ProcessBuilder("unshare", "-U", "true").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
