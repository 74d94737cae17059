package io.volsurf.db.entity;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A trained model in the registry: its id (the first 16 hex digits of the SHA-256 of its manifest), directory,
 * configuration, training tickers and period, and metrics. Written by {@code train}, read by {@code backtest} and
 * {@code serve}.
 */
@Entity
@Table(name = "models")
public class ModelEntity extends PanacheEntityBase {

    @Id
    public String id;

    @Column(name = "created_at", nullable = false, insertable = false, updatable = false)
    public OffsetDateTime createdAt;

    @Column(name = "model_dir", nullable = false)
    public String modelDir;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public String config;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false)
    public String[] tickers;

    @Column(name = "train_from")
    public LocalDate trainFrom;

    @Column(name = "train_to")
    public LocalDate trainTo;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public String metrics;

    /** The most recently registered model. */
    public static Optional<ModelEntity> latest() {
        return find("order by createdAt desc, id").firstResultOptional();
    }
}
