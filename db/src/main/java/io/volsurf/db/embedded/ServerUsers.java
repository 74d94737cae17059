package io.volsurf.db.embedded;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who uses the embedded server: every volsurf process (every {@link EmbeddedDatabase} handle) holds an exclusive
 * lock on a lease file of its own under {@code VOLSURF_HOME/db-users}. The kernel drops the lock when the process
 * dies, even by {@code kill -9}, so a lease whose lock can be taken is stale, and the server has no users when every
 * lease but one's own is stale.
 *
 * <p>POSIX locks belong to the process, and closing any channel on a file drops them: lease files this JVM holds are
 * therefore never opened a second time here (they are known from {@link #HELD}), only other processes' are probed.
 */
public final class ServerUsers {

    /** A volsurf process using the server, as its lease file says. */
    public record User(long pid, String command, Instant since) {
    }

    /** The lease files this JVM holds, by path. */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private ServerUsers() {
    }

    /** A lease held by this process until {@link Lease#release()}. */
    static final class Lease {
        private final Path file;
        private final FileChannel channel;

        private Lease(Path file, FileChannel channel) {
            this.file = file;
            this.channel = channel;
        }

        void release() {
            HELD.remove(file);
            try {
                Files.deleteIfExists(file);
                channel.close();
            } catch (IOException e) {
                // the lock goes with the process anyway; a file left behind reads as stale
            }
        }
    }

    /** Takes a lease for this process, naming {@code command}. */
    static Lease take(DatabaseHome home, String command) throws IOException {
        DatabaseHome.ownerOnlyDirectory(home.leases());
        // Locked under a name probes ignore, then renamed: nobody ever sees the lease unlocked.
        Path tmp = Files.createTempFile(home.leases(), "new-", ".tmp",
                PosixFilePermissions.asFileAttribute(DatabaseHome.OWNER_FILE));
        FileChannel ch = FileChannel.open(tmp, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            ch.lock();
            long pid = ProcessHandle.current().pid();
            String text = "pid=" + pid + "\ncommand=" + oneLine(command) + "\nsince=" + Instant.now() + "\n";
            ch.write(java.nio.ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
            ch.force(false);
            Path file = home.leases().resolve(pid + "-" + UUID.randomUUID() + ".lease");
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            HELD.add(file);
            return new Lease(file, ch);
        } catch (IOException | RuntimeException e) {
            ch.close();
            Files.deleteIfExists(tmp);
            throw e;
        }
    }

    /** The live users of {@code home}'s server other than {@code except} (may be null); stale leases are removed. */
    static List<User> live(DatabaseHome home, Lease except) throws IOException {
        List<User> users = new ArrayList<>();
        if (!Files.isDirectory(home.leases())) {
            return users;
        }
        List<Path> files;
        try (var list = Files.list(home.leases())) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".lease")).sorted().toList();
        }
        for (Path f : files) {
            if (except != null && f.equals(except.file)) {
                continue;
            }
            if (HELD.contains(f)) {
                users.add(read(f));
                continue;
            }
            try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                FileLock lock;
                try {
                    lock = ch.tryLock();
                } catch (OverlappingFileLockException e) {
                    lock = null;
                }
                if (lock == null) {
                    users.add(read(f));
                } else {
                    // its process is gone (exited without cleaning up, or was killed)
                    Files.deleteIfExists(f);
                    lock.release();
                }
            } catch (NoSuchFileException gone) {
                // released meanwhile
            }
        }
        users.sort(Comparator.comparing(User::since));
        return users;
    }

    private static User read(Path f) {
        Map<String, String> kv = new java.util.HashMap<>();
        try {
            for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    kv.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
        } catch (IOException e) {
            // a lease being written: its lock is what counts
        }
        long pid;
        Instant since;
        try {
            pid = Long.parseLong(kv.getOrDefault("pid", "-1"));
            since = Instant.parse(kv.getOrDefault("since", Instant.EPOCH.toString()));
        } catch (RuntimeException e) {
            pid = -1;
            since = Instant.EPOCH;
        }
        return new User(pid, kv.getOrDefault("command", "?"), since);
    }

    private static String oneLine(String s) {
        return s == null ? "?" : s.replaceAll("[\\r\\n]+", " ");
    }
}
