package io.volsurf.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.volsurf.forecaster.ingest.ChainFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The job's command line: what spark-submit and ./volsurf ingest --spark pass, and clear errors otherwise. */
class IngestJobArgumentsTest {

    @Test
    void readsDatabaseUrlPathsAndOptionsInAnyOrder() {
        IngestJob.Arguments a = IngestJob.Arguments.parse(new String[] {
            "postgresql://u@db:5432/vs", "/chains/a", "--format", "cboe", "/chains/b", "--master", "local[2]"});
        assertEquals("postgresql://u@db:5432/vs", a.databaseUrl());
        assertEquals(List.of("/chains/a", "/chains/b"), a.paths());
        assertEquals(ChainFormat.CBOE, a.format());
        assertEquals("local[2]", a.master());
        IngestJob.Arguments plain = IngestJob.Arguments.parse(new String[] {"jdbc:postgresql://db/vs", "/c"});
        assertNull(plain.format());
        assertNull(plain.master());
    }

    @Test
    void namesWhatIsWrong() {
        assertMessage("expected a database URL and at least one chain path", "postgresql://db/vs");
        assertMessage("not a PostgreSQL URL", "mysql://db/vs", "/c");
        assertMessage("--format must be auto or one of", "postgresql://db/vs", "/c", "--format", "xls");
        assertMessage("--master needs a value", "postgresql://db/vs", "/c", "--master");
        assertMessage("unknown option --frmat", "postgresql://db/vs", "/c", "--frmat", "cboe");
    }

    @Test
    void namesAPathThatDoesNotExist(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        String missing = dir.resolve("nope").toString();
        assertEquals(missing, IngestJob.Arguments.parse(new String[] {"postgresql://db/vs", dir.toString(), missing})
                .firstMissingPath());
        assertNull(IngestJob.Arguments.parse(new String[] {"postgresql://db/vs", dir.toString()}).firstMissingPath());
    }

    private static void assertMessage(String expected, String... args) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IngestJob.Arguments.parse(args));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
