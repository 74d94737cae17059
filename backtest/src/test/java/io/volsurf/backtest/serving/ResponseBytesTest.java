package io.volsurf.backtest.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.volsurf.backtest.serving.ServedForecast.ResponseBytes;
import org.junit.jupiter.api.Test;

class ResponseBytesTest {

    @Test
    void oversizedDocumentsDoNotLoosenTheTotalBound() {
        ResponseBytes bytes = new ResponseBytes();
        for (int i = 0; i < 10; i++) {
            bytes.offer("big-" + i, new byte[ResponseBytes.MAX_DOCUMENT + 1]);
        }
        assertEquals(0, bytes.totalBytes(), "an oversized document is neither kept nor counted");
        int doc = ResponseBytes.MAX_DOCUMENT;
        int kept = 0;
        for (int i = 0; i < 20; i++) {
            bytes.offer("doc-" + i, new byte[doc]);
            if (bytes.get("doc-" + i) != null) {
                kept++;
            }
        }
        assertEquals(ResponseBytes.MAX_TOTAL / doc, kept, "exactly as many documents as MAX_TOTAL holds");
        assertTrue(bytes.totalBytes() <= ResponseBytes.MAX_TOTAL);
        assertNull(bytes.get("big-0"));
        assertNotNull(bytes.get("doc-0"));
    }

    @Test
    void aRepeatedRequestIsCountedOnce() {
        ResponseBytes bytes = new ResponseBytes();
        bytes.offer("a", new byte[100]);
        bytes.offer("a", new byte[100]);
        assertEquals(100, bytes.totalBytes());
    }
}
