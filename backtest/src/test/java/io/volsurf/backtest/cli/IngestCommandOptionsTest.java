package io.volsurf.backtest.cli;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ingest --iv-source}: anything but prices or vendor is an argument error naming the flag, before any read. */
class IngestCommandOptionsTest {

    @Test
    void anUnknownIvSourceIsNamed(@TempDir Path dir) {
        IngestCommand c = new IngestCommand(null);
        new CommandLine(c).parseArgs(dir.toString(), "--iv-source", "mid");
        String m = assertThrows(IllegalArgumentException.class, c::call).getMessage();
        assertTrue(m.contains("--iv-source") && m.contains("prices or vendor") && m.contains("'mid'"), m);
    }
}
