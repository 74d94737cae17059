package io.volsurf.db.entity;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.List;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One {@code ingest} invocation: what it read, how many rows it accepted and rejected, and why. */
@Entity
@Table(name = "ingest_runs")
public class IngestRunEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "started_at", nullable = false)
    public OffsetDateTime startedAt;

    @Column(name = "finished_at")
    public OffsetDateTime finishedAt;

    @Column(nullable = false)
    public String status;

    @Column(nullable = false)
    public String paths;

    public int files;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "files_failed", nullable = false)
    public String filesFailed = "[]";

    public int sessions;

    public long accepted;

    public long rejected;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "reject_reasons", nullable = false)
    public String rejectReasons = "{}";

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public String notes = "{}";

    /** The most recent runs first. */
    public static List<IngestRunEntity> latest(int limit) {
        return find("order by id desc").page(0, limit).list();
    }
}
