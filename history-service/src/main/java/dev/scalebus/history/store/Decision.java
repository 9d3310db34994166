package dev.scalebus.history.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One scaling decision as stored: the columns queried, plus the whole event as received in {@code record}. */
@Entity
@Table(name = "decisions")
public class Decision extends PanacheEntityBase {

    /** The decision id, the natural key: a re-delivered decision is not stored twice. */
    @Id
    public String id;
    public String namespace;
    public String autoscaler;
    @Column(name = "target_api_version")
    public String targetApiVersion;
    @Column(name = "target_kind")
    public String targetKind;
    @Column(name = "target_name")
    public String targetName;
    @Column(name = "decision_time")
    public Instant time;
    @Column(name = "current_replicas")
    public int currentReplicas;
    @Column(name = "desired_replicas")
    public int desiredReplicas;
    @Column(name = "applied_replicas")
    public Integer appliedReplicas;
    public String reason;
    @Column(name = "dry_run")
    public boolean dryRun;
    @JdbcTypeCode(SqlTypes.JSON)
    public String metrics;
    @JdbcTypeCode(SqlTypes.JSON)
    public String recommendation;
    @JdbcTypeCode(SqlTypes.JSON)
    public String conditions;
    /** The event JSON exactly as consumed. */
    @JdbcTypeCode(SqlTypes.JSON)
    public String record;
}
