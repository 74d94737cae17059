package io.volsurf.db.entity;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A stored backtest run's registry row: identity, settings, status and headline figures. Its session rows (trades,
 * positions, attribution) are bulk data written by COPY in {@code BacktestStore}, and the row itself is created
 * there too, on the connection that holds the run's owner lock; this entity reads and finishes it.
 */
@Entity
@Table(name = "backtest_runs")
public class BacktestRunEntity extends PanacheEntityBase {

    @Id
    public Long id;

    @Column(nullable = false)
    public String strategy;

    @Column(nullable = false)
    public String ticker;

    @Column(name = "model_id")
    public String modelId;

    @Column(name = "model_dir")
    public String modelDir;

    @Column(name = "from_date", nullable = false)
    public LocalDate fromDate;

    @Column(name = "to_date", nullable = false)
    public LocalDate toDate;

    /** The full effective strategy configuration, one flat JSON object of snake_case keys. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public String config;

    @Column(name = "config_hash", nullable = false)
    public String configHash;

    @Column(name = "code_version", nullable = false)
    public String codeVersion;

    @Column(nullable = false)
    public String status;

    @Column(name = "started_at", nullable = false)
    public OffsetDateTime startedAt;

    @Column(name = "finished_at")
    public OffsetDateTime finishedAt;

    @Column(name = "heartbeat_at", nullable = false)
    public OffsetDateTime heartbeatAt;

    public String error;

    @Column(name = "last_session")
    public LocalDate lastSession;

    public Integer sessions;

    @Column(name = "total_pnl")
    public Double totalPnl;

    public Double sharpe;

    @Column(name = "max_drawdown")
    public Double maxDrawdown;

    @Column(name = "hedge_error_std")
    public Double hedgeErrorStd;

    public Double turnover;

    /** The run's summary as JSON (completed runs). */
    @JdbcTypeCode(SqlTypes.JSON)
    public String summary;

    @Column(name = "sweep_id")
    public Long sweepId;

    /** The run's point of its sweep's grid (JSON object); null outside a sweep. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "sweep_settings")
    public String sweepSettings;

    /** The runs of a sweep, oldest first. */
    public static List<BacktestRunEntity> ofSweep(long sweepId) {
        return list("sweepId = ?1 order by id", sweepId);
    }
}
