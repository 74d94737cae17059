package io.volsurf.forecaster.ingest;

/** Thrown inside a reader when one row is bad; turned into a {@link Reject}. Stackless: it is control flow. */
final class RowException extends RuntimeException {

    private final RejectReason reason;

    RowException(RejectReason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    RejectReason reason() {
        return reason;
    }
}
