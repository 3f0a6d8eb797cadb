# DI Gateway container image.
#   docker build -t registry.example.com/platform/di-gateway:0.1.0 .
# Two stages: the builder installs the package (pinned by constraints.txt) into a venv with a
# compiler at hand for any dependency without a wheel on the target platform; the runtime stage
# copies only the venv. Runs as uid/gid 10001; no HEALTHCHECK (Kubernetes probes
# /health/liveliness and /health/readiness instead).
ARG PYTHON_IMAGE=python:3.11.11-slim-bookworm

FROM ${PYTHON_IMAGE} AS build
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONDONTWRITEBYTECODE=1
RUN apt-get update \
 && apt-get install -y --no-install-recommends build-essential \
 && rm -rf /var/lib/apt/lists/*
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
WORKDIR /src
COPY pyproject.toml constraints.txt README.md ./
COPY di_plugins ./di_plugins
RUN pip install --upgrade pip \
 && pip install -c constraints.txt . \
 && di-gateway --help >/dev/null

FROM ${PYTHON_IMAGE}
LABEL org.opencontainers.image.title="di-gateway" \
      org.opencontainers.image.description="OpenAI-compatible LLM gateway (own ASGI data plane, LiteLLM provider layer, pluggy plugins)" \
      org.opencontainers.image.version="0.1.0" \
      org.opencontainers.image.licenses="Apache-2.0"
# Offline LiteLLM: no model-cost-map / header / blog / policy / preset downloads, no telemetry
# (the gateway sets the same defaults itself; here they are explicit). HOME=/tmp: the chart mounts a
# writable emptyDir there and keeps the root filesystem read-only.
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    HOME=/tmp \
    LITELLM_LOCAL_MODEL_COST_MAP=True \
    LITELLM_LOCAL_ANTHROPIC_BETA_HEADERS=True \
    LITELLM_LOCAL_BLOG_POSTS=True \
    LITELLM_LOCAL_POLICY_TEMPLATES=True \
    LITELLM_LOCAL_AUTOROUTER_PRESETS=True \
    LITELLM_TELEMETRY_DISABLED=true
RUN groupadd --system --gid 10001 digw \
 && useradd --system --uid 10001 --gid 10001 --home-dir /tmp --no-create-home \
      --shell /usr/sbin/nologin digw \
 && mkdir -p /etc/di-gateway/hooks
COPY --from=build /opt/venv /opt/venv
USER 10001:10001
WORKDIR /tmp
EXPOSE 4000
ENTRYPOINT ["di-gateway"]
CMD ["serve", "--config", "/etc/di-gateway/config.yaml", "--host", "0.0.0.0", "--port", "4000"]
