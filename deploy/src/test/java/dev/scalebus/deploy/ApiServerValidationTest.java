package dev.scalebus.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each rule of {@link ApiServerValidation} rejects what the API server (or the kubelet, where said) rejects. */
class ApiServerValidationTest {

    /** A valid release: a StatefulSet with its headless Service, ServiceAccount and ConfigMap. */
    static final String VALID = """
            apiVersion: v1
            kind: ServiceAccount
            metadata: {name: collector, namespace: scalebus}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: rules, namespace: scalebus}
            data: {config.yaml: "rules: []"}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: collector, namespace: scalebus}
            spec:
              clusterIP: None
              selector: {app.kubernetes.io/name: collector}
              ports: [{name: http, port: 8081, targetPort: http}]
            ---
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: collector, namespace: scalebus, labels: {app.kubernetes.io/name: collector}}
            spec:
              serviceName: collector
              replicas: 3
              selector: {matchLabels: {app.kubernetes.io/name: collector}}
              template:
                metadata: {labels: {app.kubernetes.io/name: collector}}
                spec:
                  serviceAccountName: collector
                  containers:
                    - name: collector
                      image: scalebus/collector-service:0.1.0
                      ports: [{name: http, containerPort: 8081}]
                      env:
                        - name: SCALEBUS_COLLECTOR_SHARD_INDEX
                          valueFrom: {fieldRef: {fieldPath: "metadata.labels['apps.kubernetes.io/pod-index']"}}
                        - {name: SCALEBUS_COLLECTOR_SHARD_COUNT, value: "3"}
                        - name: SCALEBUS_KAFKA_BOOTSTRAP
                          valueFrom: {secretKeyRef: {name: scalebus-kafka, key: bootstrap}}
                      resources: {requests: {cpu: 100m, memory: 256Mi}, limits: {memory: 512Mi}}
                      livenessProbe: {httpGet: {path: /q/health/live, port: http}, periodSeconds: 10}
                      volumeMounts: [{name: rules, mountPath: /etc/rules}, {name: data, mountPath: /data}]
                  volumes: [{name: rules, configMap: {name: rules}}]
              volumeClaimTemplates:
                - metadata: {name: data}
                  spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: collector, namespace: scalebus}
            spec:
              podSelector: {matchLabels: {app.kubernetes.io/name: collector}}
              policyTypes: [Ingress, Egress]
              ingress: [{from: [{namespaceSelector: {matchLabels: {scalebus.dev/monitoring: "true"}}}], ports: [{port: 9081, protocol: TCP}]}]
              egress: [{ports: [{port: 10250, protocol: TCP}]}, {to: [{ipBlock: {cidr: 192.0.2.0/24}}]}]
            """;

    @Test
    void aValidReleasePasses() {
        assertThat(ApiServerValidation.errors(VALID)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            value and valueFrom (today's production overlay) | value: "3"} | value: "3", valueFrom: {fieldRef: {fieldPath: metadata.name}}} | env[1].valueFrom: Invalid value: "": may not be specified when `value` is not empty
            two valueFrom sources | {secretKeyRef: {name: scalebus-kafka, key: bootstrap}} | {secretKeyRef: {name: k, key: bootstrap}, configMapKeyRef: {name: rules, key: b}} | env[2].valueFrom: Invalid value: "": may not have more than one field specified at a time
            an unsupported fieldRef | fieldPath: "metadata.labels['apps.kubernetes.io/pod-index']" | fieldPath: status.phase | env[0].valueFrom.fieldRef.fieldPath: Unsupported value: "status.phase"
            an env name starting with a digit | name: SCALEBUS_COLLECTOR_SHARD_COUNT | name: 1SHARD_COUNT | env[1].name: a valid environment variable name
            a secret key with a slash | key: bootstrap}} | key: boot/strap}} | env[2].valueFrom.secretKeyRef.key: a valid config key
            a number where a string belongs | value: "3"} | value: 3} | cannot be decoded
            a string where a number belongs | replicas: 3 | replicas: "3" | cannot be decoded
            an unknown field | clusterIP: None | clusterIp: None | spec.clusterIp: unknown field
            a misspelt field deep down | periodSeconds: 10} | periodSecond: 10} | livenessProbe.periodSecond: unknown field
            container port 0 | containerPort: 8081 | containerPort: 0 | ports[0].containerPort: must be between 1 and 65535
            container port 70000 | containerPort: 8081 | containerPort: 70000 | ports[0].containerPort: must be between 1 and 65535
            duplicate container port names | ports: [{name: http, containerPort: 8081}] | ports: [{name: http, containerPort: 8081}, {name: http, containerPort: 8082}] | ports[1].name: Duplicate value: "http"
            a port name longer than 15 | ports: [{name: http, containerPort: 8081}] | ports: [{name: http, containerPort: 8081}, {name: management-https, containerPort: 9000}] | ports[1].name: must be an IANA_SVC_NAME
            a probe with two handlers | {httpGet: {path: /q/health/live, port: http}, | {httpGet: {path: /q/health/live, port: http}, tcpSocket: {port: 8081}, | livenessProbe: Forbidden: may not specify more than 1 handler type
            a probe without handler | {httpGet: {path: /q/health/live, port: http}, | {  | livenessProbe: Required value: must specify a handler type
            a probe on an undeclared named port | port: http}, periodSeconds | port: admin}, periodSeconds | livenessProbe.httpGet.port: names no port of the container
            a probe on port 0 | port: http}, periodSeconds | port: 0}, periodSeconds | livenessProbe.httpGet.port: must be between 1 and 65535
            liveness success threshold 2 | periodSeconds: 10} | periodSeconds: 10, successThreshold: 2} | livenessProbe.successThreshold: Invalid value: must be 1
            a request above its limit | limits: {memory: 512Mi} | limits: {memory: 128Mi} | resources.requests[memory]: Invalid value: "256Mi": must be less than or equal to memory limit of 128Mi
            a name with capitals | kind: ConfigMap\\nmetadata: {name: rules | kind: ConfigMap\\nmetadata: {name: Rules | ConfigMap/scalebus/Rules: metadata.name: a lowercase RFC 1123 subdomain
            a selector that misses the template | selector: {matchLabels: {app.kubernetes.io/name: collector}}\\n | selector: {matchLabels: {app.kubernetes.io/name: collecto}}\\n | `selector` does not match template `labels`
            a bad label value | labels: {app.kubernetes.io/name: collector}} | labels: {app.kubernetes.io/name: collector-}} | metadata.labels[app.kubernetes.io/name]: a valid label
            a mount of no volume | {name: rules, mountPath: /etc/rules} | {name: rule, mountPath: /etc/rules} | volumeMounts[0].name: Not found: "rule"
            a Service target port out of range | targetPort: http | targetPort: 0 | spec.ports[0].targetPort: must be between 1 and 65535
            a Service target port no pod declares | targetPort: http | targetPort: metrics | targetPort metrics is no container port of the selected pods
            a Service that selects nothing | selector: {app.kubernetes.io/name: collector} | selector: {app.kubernetes.io/name: collectors} | Service/scalebus/collector: spec.selector selects no rendered workload
            a ConfigMap that is not rendered | configMap: {name: rules} | configMap: {name: adapter-rules} | ConfigMap adapter-rules is not rendered
            a ServiceAccount that is not rendered | serviceAccountName: collector | serviceAccountName: scalebus-collector | serviceAccountName scalebus-collector is not rendered
            a NetworkPolicy port out of range | port: 10250, protocol: TCP | port: 70000, protocol: TCP | spec.egress[0].ports[0].port: must be between 1 and 65535
            a NetworkPolicy port of no protocol | port: 9081, protocol: TCP | port: 9081, protocol: HTTP | spec.ingress[0].ports[0].protocol: Unsupported value: "HTTP"
            a NetworkPolicy peer with ipBlock and a selector | {ipBlock: {cidr: 192.0.2.0/24}} | {ipBlock: {cidr: 192.0.2.0/24}, namespaceSelector: {}} | spec.egress[1].to[0]: Forbidden: may not specify both ipBlock and another peer
            a NetworkPolicy CIDR with a /33 | cidr: 192.0.2.0/24 | cidr: 192.0.2.0/33 | spec.egress[1].to[0].ipBlock.cidr: Invalid value
            an unknown policy type | policyTypes: [Ingress, Egress] | policyTypes: [Ingress, Outgress] | spec.policyTypes[1]: Unsupported value: "Outgress"
            a NetworkPolicy that selects no pod | podSelector: {matchLabels: {app.kubernetes.io/name: collector}} | podSelector: {matchLabels: {app.kubernetes.io/name: colector}} | NetworkPolicy/scalebus/collector: spec.podSelector selects no rendered workload
            """)
    void rejects(String what, String valid, String invalid, String error) {
        String yaml = VALID.replace(valid.replace("\\n", "\n"), invalid.replace("\\n", "\n"));
        assertThat(yaml).as("the case must change the manifest").isNotEqualTo(VALID);
        assertThat(ApiServerValidation.errors(yaml)).as(what).anySatisfy(e -> assertThat(e).contains(error));
    }
}
