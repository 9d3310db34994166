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

{{/* the env every service gets: where Kafka is */}}
{{- define "scalebus.kafkaEnv" -}}
- name: SCALEBUS_KAFKA_BOOTSTRAP
{{- if .Values.kafka.existingSecret }}
  valueFrom:
    secretKeyRef:
      name: {{ .Values.kafka.existingSecret }}
      key: bootstrap
{{- else }}
  value: {{ .Values.kafka.bootstrap | quote }}
{{- end }}
- name: JAVA_TOOL_OPTIONS
  value: -XX:MaxRAMPercentage=75
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
