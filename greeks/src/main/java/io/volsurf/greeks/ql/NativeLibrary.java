package io.volsurf.greeks.ql;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Loads libvolsurfql.so (the project's SWIG wrapper over QuantLib) from the jar, once, on first
 * use. The library is copied to a cache folder named by its content hash, so several JVMs and
 * versions can share the folder. Override with -Dvolsurf.ql.library=/path/libvolsurfql.so and
 * the cache folder with -Dvolsurf.native.cache=DIR.
 */
public final class NativeLibrary {
    static final String RESOURCE = "/native/linux-x86_64/libvolsurfql.so";
    static final String MISSING_QUANTLIB = "QuantLib's shared library (libQuantLib.so) is not installed:"
            + " install the Debian package libquantlib0-dev (or its runtime part libquantlib0v5)";

    private NativeLibrary() {
    }

    /** The JVM initialises this holder once, on first access: the load is lazy and thread-safe. */
    private static final class Holder {
        static final String FAILURE = loadNow();
    }

    /**
     * Loads the library if it is not loaded yet.
     *
     * @throws IllegalStateException with one clear cause when it cannot be loaded
     */
    public static void load() {
        String failure = Holder.FAILURE;
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
    }

    /** True when the binding loads here. */
    public static boolean isAvailable() {
        return Holder.FAILURE == null;
    }

    private static String loadNow() {
        try {
            String explicit = System.getProperty("volsurf.ql.library");
            Path lib = explicit != null ? Path.of(explicit) : extract();
            System.load(lib.toAbsolutePath().toString());
            return null;
        } catch (UnsatisfiedLinkError e) {
            String msg = String.valueOf(e.getMessage());
            if (msg.contains("libQuantLib")) {
                return MISSING_QUANTLIB + " (" + msg + ")";
            }
            return "cannot load the QuantLib binding libvolsurfql.so: " + msg;
        } catch (IOException | RuntimeException e) {
            return "cannot unpack the QuantLib binding libvolsurfql.so: " + e;
        }
    }

    private static Path extract() throws IOException {
        String os = System.getProperty("os.name", "").toLowerCase();
        String arch = System.getProperty("os.arch", "");
        if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            throw new IOException("the QuantLib binding is built for linux-x86_64 only, this is " + os + "/" + arch);
        }
        byte[] bytes;
        try (InputStream in = NativeLibrary.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException(RESOURCE + " is not on the classpath: build the greeks module"
                        + " (it needs the Debian packages swig and libquantlib0-dev)");
            }
            bytes = in.readAllBytes();
        }
        Path dir = Path.of(System.getProperty("volsurf.native.cache",
                System.getProperty("java.io.tmpdir") + "/volsurf-native-" + System.getProperty("user.name", "user")));
        Files.createDirectories(dir);
        Path target = dir.resolve("libvolsurfql-" + sha256(bytes).substring(0, 16) + ".so");
        if (!Files.exists(target) || Files.size(target) != bytes.length) {
            Path tmp = Files.createTempFile(dir, "libvolsurfql", ".tmp");
            Files.write(tmp, bytes);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        return target;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
