package io.volsurf.backtest.app;

/** The version of this build, as {@code --version} and {@code info} print it. */
public final class BuildVersion {

    private BuildVersion() {
    }

    /** {@code volsurf <version>}; the version comes from the jar's manifest, the snapshot's when run from classes. */
    public static String describe() {
        String v = BuildVersion.class.getPackage().getImplementationVersion();
        return "volsurf " + (v == null ? "0.1.0-SNAPSHOT" : v);
    }
}
