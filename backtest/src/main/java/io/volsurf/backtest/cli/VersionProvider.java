package io.volsurf.backtest.cli;

import picocli.CommandLine;

/** {@code ./volsurf --version}: the version of this build. */
public final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = VersionProvider.class.getPackage().getImplementationVersion();
        return new String[] {"volsurf " + (v == null ? "0.1.0-SNAPSHOT" : v)};
    }
}
