package io.volsurf.backtest.cli;

import io.volsurf.backtest.app.BuildVersion;
import picocli.CommandLine;

/** {@code ./volsurf --version}: the version of this build. */
public final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {BuildVersion.describe()};
    }
}
