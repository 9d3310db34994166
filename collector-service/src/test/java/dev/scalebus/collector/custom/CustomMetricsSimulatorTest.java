package dev.scalebus.collector.custom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.scalebus.collector.config.Settings;
import dev.scalebus.collector.kube.AppPodTarget;
import dev.scalebus.collector.kube.SimulatedAppPods;
import dev.scalebus.collector.ops.AppMetrics;
import dev.scalebus.collector.publish.BufferedPublisher;
import dev.scalebus.collector.publish.ProducerEmitter;
import dev.scalebus.events.CustomMetricSamples;
import dev.scalebus.events.EventJson;
import dev.scalebus.events.Topics;
import dev.scalebus.events.rules.AdapterRules;
import dev.scalebus.simulator.DeploymentSpec;
import dev.scalebus.simulator.SimulatedCluster;
import dev.scalebus.simulator.SimulatorSettings;
import dev.scalebus.simulator.kubelet.KubeletBehaviour;
import dev.scalebus.simulator.podmetrics.MetricsEndpoint;
import dev.scalebus.simulator.workload.LoadProfile;
import dev.scalebus.simulator.workload.SimPod;
import dev.scalebus.simulator.workload.WorkloadSpec;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/**
 * End to end without Quarkus: cluster-simulator application pods (prometheus.io annotations, podIP on a loopback
 * address, /metrics with a request counter, a latency histogram and a memory gauge), the collector's real pod
 * informer, scraper, client and bounded publisher with the channel's producer settings, the shared real broker (a
 * topic of this run). Cycles are driven by the test instead of the scheduler.
 */
class CustomMetricsSimulatorTest {

    private static final String BOOTSTRAP = System.getenv().getOrDefault("SCALEBUS_KAFKA_BOOTSTRAP",
            "127.0.0.1:9092");

    private final List<CustomMetricSamples> received = new CopyOnWriteArrayList<>();

    @Test
    void rulesSelectedSeriesOfHealthyPodsArriveWhileFailingPodsAreSkippedAndCounted() throws Exception {
        String run = "cm" + UUID.randomUUID().toString().substring(0, 8);
        String topic = "collector-custom-" + run;
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", BOOTSTRAP))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        AppMetrics metrics = new AppMetrics(new SimpleMeterRegistry());
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try (SimulatedCluster cluster = SimulatedCluster.start(SimulatorSettings.builder().nodeNamePrefix(run)
                .nodeCount(2).podsPerNode(1).loopbackBase(SimulatorSettings.randomLoopbackBase())
                .deployment(DeploymentSpec.of("shop", "web", 4, "50m", "64Mi", WorkloadSpec.DEFAULT,
                        new LoadProfile.Constant(40)).withMetrics(new MetricsEndpoint(8080, "/metrics")))
                .build());
                SimulatedAppPods informers = new SimulatedAppPods(cluster.client(), Settings.defaults());
                ProducerEmitter emitter = new ProducerEmitter(Topics.CUSTOM_SAMPLES,
                        BOOTSTRAP, topic);
                KafkaConsumer<String, byte[]> consumer = consumer(topic)) {
            BufferedPublisher publisher = new BufferedPublisher(topic, emitter, 1 << 20, metrics.publishing(),
                    acked -> metrics.published(acked.samples()));
            publisher.start();
            AppScraper scraper = new AppScraper(AdapterRules.defaults(), new JdkAppMetricsClient(
                    SSLContext.getDefault(), Duration.ofSeconds(1), 1 << 20, threads, Clock.systemUTC()),
                    samples -> publisher.publish(samples.key(), samples, samples.series().size()), metrics, 8,
                    threads);
            await().atMost(Duration.ofSeconds(30)).until(() -> informers.pods().appTargets().stream()
                    .filter(AppPodTarget::scrapable).count() == 4);
            List<String> pods = cluster.pods("shop", "web").stream().map(SimPod::name).sorted().toList();
            String healthy = pods.get(0);
            cluster.podMetricsBehaviour("shop", pods.get(1), KubeletBehaviour.HTTP_500);
            cluster.podMetricsBehaviour("shop", pods.get(2), KubeletBehaviour.MALFORMED_BODY);
            cluster.podMetricsBehaviour("shop", pods.get(3), KubeletBehaviour.NO_ANSWER);
            AtomicLong cycle = new AtomicLong();

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                scraper.cycle(cycle.incrementAndGet(), informers.pods().appTargets()).get(10, TimeUnit.SECONDS);
                poll(consumer);
                return counterValues(healthy).stream().distinct().count() >= 3;
            });
            publisher.close(Duration.ZERO);

            assertThat(received).extracting(CustomMetricSamples::key).containsOnly("shop/" + healthy);
            assertThat(received).allSatisfy(event -> {
                assertThat(event.series()).as("only the default rule's series, not the histogram or the gauge")
                        .isNotEmpty().allSatisfy(s -> {
                            assertThat(s.name()).isEqualTo("http_requests_total");
                            assertThat(s.type()).isEqualTo("counter");
                            assertThat(s.labels()).containsKeys("method", "code");
                        });
                assertThat(event.nodeName()).startsWith(run);
            });
            List<Double> values = counterValues(healthy);
            assertThat(values).as("the request counter grows").isSortedAccordingTo(Double::compare);
            assertThat(values.get(values.size() - 1)).isGreaterThan(values.get(0));
            assertThat(metrics.errors("http-error")).isGreaterThanOrEqualTo(1);
            assertThat(metrics.errors("malformed")).isGreaterThanOrEqualTo(1);
            assertThat(metrics.errors("timeout")).isGreaterThanOrEqualTo(1);
        } finally {
            threads.shutdownNow();
        }
    }

    private List<Double> counterValues(String pod) {
        List<Double> values = new ArrayList<>();
        for (CustomMetricSamples event : received) {
            if (event.pod().equals(pod)) {
                values.add(event.series().stream().filter(s -> s.labels().get("code").equals("200"))
                        .mapToDouble(CustomMetricSamples.SeriesSample::value).sum());
            }
        }
        return values;
    }

    private void poll(KafkaConsumer<String, byte[]> consumer) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
            CustomMetricSamples event = EventJson.fromBytes(r.value(), CustomMetricSamples.class);
            assertThat(r.key()).isEqualTo(event.key());
            received.add(event);
        }
    }

    private static KafkaConsumer<String, byte[]> consumer(String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, topic);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
        return consumer;
    }
}
