package dev.scalebus.metricsapi;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.scalebus.metricsapi.kafka.KafkaClientProperties;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The built-in external metric kafka_consumergroup_lag against the real broker: a unique two-partition topic with
 * 7 records (5 on partition 0, 2 on partition 1) and a unique group that committed 3 on partition 0 and 0 on
 * partition 1, so its lag is 7 - 3 = 4.
 */
@QuarkusTest
class KafkaLagTest {

    static final String TOPIC = "lag-" + TestData.ID;
    static final String GROUP = "g-" + TestData.ID;
    static final String OTHER_GROUP = "g-" + TestData.ID + "-nocommit";
    private static boolean prepared;

    @KubernetesTestServer
    KubernetesServer apiServer;

    @TestHTTPResource(value = "/", tls = true)
    URL https;

    @BeforeEach
    void prepare() throws Exception {
        ApiServerMock.install(apiServer);
        prepareOnce();
    }

    static synchronized void prepareOnce() throws Exception {
        if (prepared) {
            return;
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestData.bootstrap()))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 2, (short) 1))).all().get();
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(CustomData.properties())) {
                for (int i = 0; i < 7; i++) {
                    producer.send(new ProducerRecord<>(TOPIC, i < 5 ? 0 : 1, "k" + i, new byte[] {1})).get();
                }
            }
            admin.alterConsumerGroupOffsets(GROUP, Map.of(new TopicPartition(TOPIC, 0), new OffsetAndMetadata(3),
                    new TopicPartition(TOPIC, 1), new OffsetAndMetadata(0))).all().get();
            // a group that committed on partition 0 only: partition 1 has no offset (KEDA, policy latest: lag 1)
            admin.alterConsumerGroupOffsets(OTHER_GROUP, Map.of(new TopicPartition(TOPIC, 0),
                    new OffsetAndMetadata(5))).all().get();
        }
        prepared = true;
    }

    JsonPath lag(String selector) {
        return given().relaxedHTTPSValidation().baseUri(https.toString())
                .header("Authorization", "Bearer " + ApiServerMock.RBAC_TOKEN).queryParam("labelSelector", selector)
                .get("/apis/external.metrics.k8s.io/v1beta1/namespaces/any/kafka_consumergroup_lag").then()
                .statusCode(200).extract().jsonPath();
    }

    @Inject
    KafkaClientProperties kafkaClients;

    io.restassured.response.ValidatableResponse lagIn(String namespace, String group) {
        return given().relaxedHTTPSValidation().baseUri(https.toString())
                .header("Authorization", "Bearer " + ApiServerMock.RBAC_TOKEN)
                .queryParam("labelSelector", "consumergroup=" + group)
                .get("/apis/external.metrics.k8s.io/v1beta1/namespaces/" + namespace + "/kafka_consumergroup_lag")
                .then();
    }

    @Test
    void aGroupNotListedForTheNamespaceIsForbiddenNamingTheGroup() {
        lagIn("other", GROUP).statusCode(403).body("kind", equalTo("Status")).body("reason", equalTo("Forbidden"))
                .body("message", equalTo("kafka_consumergroup_lag.external.metrics.k8s.io is forbidden: consumer "
                        + "group \"" + GROUP + "\" is not readable from the namespace \"other\" "
                        + "(scalebus.metrics-api.kafka-lag.namespace-groups)"))
                .body("details.name", equalTo(GROUP));
        // a group that does not exist is answered the same: 403 does not tell which groups exist
        lagIn("other", "no-such-group-" + TestData.ID).statusCode(403);
    }

    @Test
    void anExactEntryAllowsThatGroupOnlyAndAPrefixEntryEveryGroupStartingWithIt() {
        lagIn("shop", "e2e-orders").statusCode(200).body("kind", equalTo("ExternalMetricValueList"));
        lagIn("shop", "e2e-orders-2").statusCode(403);
        lagIn("shop", GROUP).statusCode(403);
        lagIn("any", GROUP).statusCode(200);
        lagIn("any", "h-" + TestData.ID).statusCode(403);
    }

    @Test
    void theServicesOwnKafkaClientsReceiveItsKafkaSettings() {
        assertThat(kafkaClients.names()).contains("bootstrap.servers", "client.dns.lookup");
        assertThat(kafkaClients.with(java.util.Map.of())).containsEntry("client.dns.lookup", "use_all_dns_ips");
    }

    @Test
    void lagOfAGroupOnATopicIsLatestMinusCommitted() {
        JsonPath list = lag("consumergroup=" + GROUP + ",topic=" + TOPIC);
        assertThat(list.getString("kind")).isEqualTo("ExternalMetricValueList");
        Map<String, Object> item = list.getMap("items[0]");
        assertThat(list.getList("items")).hasSize(1);
        assertThat(item.keySet()).containsExactly("metricName", "metricLabels", "timestamp", "value");
        assertThat(item.get("metricName")).isEqualTo("kafka_consumergroup_lag");
        assertThat(item.get("metricLabels")).isEqualTo(Map.of("consumergroup", GROUP, "topic", TOPIC));
        assertThat(item.get("value")).isEqualTo("4");
    }

    @Test
    void withoutATopicEveryTopicOfTheGroupIsOneItem() {
        JsonPath list = lag("consumergroup=" + GROUP);
        assertThat(list.getList("items.metricLabels.topic")).containsExactly(TOPIC);
        assertThat(list.getList("items.value")).containsExactly("4");
    }

    @Test
    void aPartitionWithoutACommittedOffsetCountsOneAsKedaUnderPolicyLatest() {
        assertThat(lag("consumergroup=" + OTHER_GROUP + ",topic=" + TOPIC).getList("items.value"))
                .containsExactly("1");
        assertThat(Set.copyOf(lag("consumergroup=" + OTHER_GROUP).getList("items.metricLabels.topic")))
                .containsExactly(TOPIC);
    }
}
