{{/* image reference of a scalebus service */}}
{{- define "scalebus.image" -}}
{{- $registry := .root.Values.image.registry -}}
{{- if $registry }}{{ $registry }}/{{ end }}scalebus/{{ .service }}:{{ .root.Values.image.tag }}
{{- end }}

{{- define "scalebus.labels" -}}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/part-of: scalebus
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
{{- end }}

{{/* the env every service gets: where Kafka is and how to talk to it; dict "service" (its key prefix) "root" $ */}}
{{- define "scalebus.kafkaEnv" -}}
{{- $kafka := .root.Values.kafka -}}
- name: SCALEBUS_KAFKA_BOOTSTRAP
{{- if $kafka.existingSecret }}
  valueFrom:
    secretKeyRef:
      name: {{ $kafka.existingSecret }}
      key: bootstrap
{{- else }}
  value: {{ $kafka.bootstrap | quote }}
{{- end }}
{{- with $kafka.securityProtocol }}
- name: KAFKA_SECURITY_PROTOCOL
  value: {{ . | quote }}
{{- end }}
{{- if $kafka.saslMechanism }}
- name: KAFKA_SASL_MECHANISM
  value: {{ $kafka.saslMechanism | quote }}
- name: KAFKA_SASL_JAAS_CONFIG
  valueFrom:
    secretKeyRef:
      name: {{ required "kafka.saslMechanism needs kafka.existingSecret (keys <service>.sasl.jaas.config)" $kafka.existingSecret }}
      key: {{ .service }}.sasl.jaas.config
{{- end }}
{{- if $kafka.tls.caSecret }}
- name: KAFKA_SSL_TRUSTSTORE_TYPE
  value: PEM
- name: KAFKA_SSL_TRUSTSTORE_LOCATION
  value: /etc/scalebus/kafka-ca/ca.crt
{{- end }}
- name: JAVA_TOOL_OPTIONS
  value: -XX:MaxRAMPercentage=75
{{- end }}

{{/* the Kafka CA mount (kafka.tls.caSecret) as a volumeMounts item and as a volumes item */}}
{{- define "scalebus.kafkaMount" -}}
{{- if .Values.kafka.tls.caSecret }}
- name: kafka-ca
  mountPath: /etc/scalebus/kafka-ca
  readOnly: true
{{- end }}
{{- end }}

{{- define "scalebus.kafkaVolume" -}}
{{- if .Values.kafka.tls.caSecret }}
- name: kafka-ca
  secret:
    secretName: {{ .Values.kafka.tls.caSecret }}
{{- end }}
{{- end }}

{{/* pod and container hardening shared by every workload */}}
{{- define "scalebus.podSecurity" -}}
securityContext:
  runAsNonRoot: true
  runAsUser: 185
  seccompProfile:
    type: RuntimeDefault
{{- end }}

{{- define "scalebus.containerSecurity" -}}
securityContext:
  allowPrivilegeEscalation: false
  readOnlyRootFilesystem: true
  capabilities:
    drop: [ALL]
volumeMounts:
  - name: tmp
    mountPath: /tmp
{{- end }}

{{- define "scalebus.probes" -}}
livenessProbe:
  httpGet:
    path: {{ .live }}
    port: {{ .port }}
    scheme: {{ .scheme }}
  periodSeconds: 10
  failureThreshold: 3
readinessProbe:
  httpGet:
    path: {{ .ready }}
    port: {{ .port }}
    scheme: {{ .scheme }}
  initialDelaySeconds: {{ .delay | default 5 }}
  periodSeconds: 10
{{- end }}

{{- define "scalebus.pdb" -}}
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ .name }}
  namespace: {{ .root.Release.Namespace }}
  labels:
    {{- include "scalebus.labels" . | nindent 4 }}
spec:
  maxUnavailable: 1
  selector:
    matchLabels:
      app.kubernetes.io/name: {{ .name }}
{{- end }}

{{/* history's JDBC URL: database.url with sslmode (database.sslMode) and sslrootcert (database.tls.caSecret) */}}
{{- define "scalebus.databaseUrl" -}}
{{- $db := .Values.database -}}
{{- $params := list -}}
{{- with $db.sslMode }}{{ $params = append $params (printf "sslmode=%s" .) }}{{ end -}}
{{- if $db.tls.caSecret }}{{ $params = append $params "sslrootcert=/etc/scalebus/pg-ca/ca.crt" }}{{ end -}}
{{- $db.url }}{{ if $params }}{{ if contains "?" $db.url }}&{{ else }}?{{ end }}{{ join "&" $params }}{{ end }}
{{- end }}

{{/* apiService.tls.mode, checked; and the Secret holding metrics-api's serving certificate (none when insecure) */}}
{{- define "scalebus.tlsMode" -}}
{{- $mode := .Values.apiService.tls.mode -}}
{{- if not (has $mode (list "selfSigned" "caBundle" "certManager" "insecure")) -}}
{{- fail (printf "apiService.tls.mode must be selfSigned, caBundle, certManager or insecure, got %q" $mode) -}}
{{- end -}}
{{- $mode -}}
{{- end }}

{{- define "scalebus.servingSecret" -}}
{{- $mode := include "scalebus.tlsMode" . -}}
{{- if eq $mode "caBundle" -}}
{{- required "apiService.tls.mode=caBundle needs apiService.tls.existingSecret (tls.crt, tls.key signed by apiService.caBundle)" .Values.apiService.tls.existingSecret -}}
{{- else if ne $mode "insecure" -}}
metrics-api-serving-cert
{{- end -}}
{{- end }}
