package dev.scalebus.metricsapi;

import dev.scalebus.events.rules.AdapterRules;
import dev.scalebus.events.rules.DiscoveryRule;
import dev.scalebus.events.rules.MetricsQuery;
import dev.scalebus.metricsapi.custom.MetricsCatalog;
import dev.scalebus.metricsapi.custom.PromFunctions;
import dev.scalebus.metricsapi.custom.SeriesWindow;
import dev.scalebus.metricsapi.kafka.KafkaClientProperties;
import dev.scalebus.metricsapi.lag.AdminLagSource;
import dev.scalebus.metricsapi.lag.ConsumerGroupLag;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** Wires the custom/external metrics core (rules, series window, catalog, Kafka lag) into CDI. */
public class CustomBeans {

    private static final Logger LOG = Logger.getLogger(CustomBeans.class);

    /** The rules, validated at start: a bad file fails the start with the field named. */
    @Produces
    @Singleton
    @Startup
    AdapterRules rules(MetricsApiConfig config) {
        AdapterRules rules = config.customMetrics().rulesFile().filter(f -> !f.isBlank())
                .map(f -> AdapterRules.load(Path.of(f))).orElseGet(AdapterRules::defaults);
        LOG.infof("adapter rules from %s: %d custom, %d external",
                config.customMetrics().rulesFile().orElse("the bundled defaults"), rules.rules().size(),
                rules.externalRules().size());
        return rules;
    }

    /** History for the longest rule window (or the 5 m lookback) plus the margin. */
    public static Duration retention(AdapterRules rules, Duration margin) {
        Duration longest = Stream.concat(rules.rules().stream(), rules.externalRules().stream())
                .map(DiscoveryRule::metricsQuery).map(MetricsQuery::window).filter(w -> w != null)
                .max(Duration::compareTo).orElse(Duration.ZERO);
        Duration lookback = Duration.ofMillis(PromFunctions.LOOKBACK_MILLIS);
        return (longest.compareTo(lookback) > 0 ? longest : lookback).plus(margin);
    }

    @Produces
    @Singleton
    SeriesWindow seriesWindow(Clock clock, MetricsApiConfig config, AdapterRules rules) {
        return new SeriesWindow(clock, retention(rules, config.customMetrics().retentionMargin()),
                config.customMetrics().podExpiry().orElse(config.effectiveExpiry()), config.recordLimits());
    }

    @Produces
    @Singleton
    MetricsCatalog catalog(AdapterRules rules, SeriesWindow window, Clock clock) {
        return new MetricsCatalog(rules, window, clock);
    }

    @Produces
    @Singleton
    AdminLagSource lagSource(MetricsApiConfig config, KafkaClientProperties kafka,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        MetricsApiConfig.KafkaLag lag = config.kafkaLag();
        return new AdminLagSource(kafka, lag.bootstrapServers().filter(s -> !s.isBlank()).orElse(bootstrapServers),
                lag.timeout().toMillis());
    }

    void closeLagSource(@Disposes AdminLagSource source) {
        source.close();
    }

    /** Created at start, so a bad offset-reset-policy fails the start rather than the first request. */
    @Produces
    @Singleton
    @Startup
    ConsumerGroupLag lag(AdminLagSource source, Clock clock, MetricsApiConfig config) {
        MetricsApiConfig.KafkaLag lag = config.kafkaLag();
        return new ConsumerGroupLag(source, clock, lag.cacheTtl(),
                ConsumerGroupLag.ResetPolicy.parse(lag.offsetResetPolicy()), lag.scaleToZeroOnInvalidOffset());
    }
}
