# syntax=docker/dockerfile:1
#
# Two images from one build:
#   runtime (also the default target, "production"): the four apps and the CLI; APP chooses the app a container runs.
#     docker build --target runtime -t isams-sync:0.1.0 \
#       --build-arg VERSION=0.1.0 --build-arg REVISION=$(git rev-parse HEAD) .
#     docker run --rm -e APP=importer isams-sync:0.1.0
#     docker run --rm isams-sync:0.1.0 node bin/isams-sync.js --help            # the CLI
#   demo: the runtime image plus the iSAMS simulator (a test double, never deployed to production), for the
#     compose demo (`docker compose --profile demo up --build`).
#     docker build --target demo -t isams-sync-demo:dev .
#
# Node 22 LTS, the one version the project supports and tests (scripts/node-runtime.sh pins the same major for
# npm test, the demo and the benchmarks). Override with --build-arg NODE_IMAGE=...
ARG NODE_IMAGE=node:22-bookworm-slim

# ---- deps: every dependency, dev ones included, because the build needs the compilers.
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

# ---- build: tsc + tsc-alias compile the whole repo into dist/ (dist/apps/<app>/src/main.js).
FROM deps AS build
COPY . .
RUN npm run build \
  # What the production image leaves out (libs/testing's NOT_IN_PRODUCTION_IMAGE lists the same, and npm test
  # checks that the apps and the CLI run without it): the simulator, the demo, test helpers and benchmarks.
  && mkdir -p /demo-extras/dist/apps /demo-extras/dist/libs \
  && mv dist/apps/isams-simulator /demo-extras/dist/apps/ \
  && mv dist/libs/simulator dist/libs/demo dist/libs/testing /demo-extras/dist/libs/ \
  && rm -rf dist/bench

# ---- runtime: production dependencies and the compiled apps only.
FROM ${NODE_IMAGE} AS runtime
ARG VERSION=0.0.0-dev
ARG REVISION=unknown
ARG SOURCE=https://github.com/schoolsbuddy/isams-sync
LABEL org.opencontainers.image.title="isams-sync" \
      org.opencontainers.image.description="Keeps SchoolsBuddy in step with a school's iSAMS MIS: nightly Batch API sync, twice-daily attendance, events on RabbitMQ." \
      org.opencontainers.image.licenses="MIT" \
      org.opencontainers.image.source="${SOURCE}" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}"
# tini becomes PID 1: it forwards SIGTERM to node and reaps zombies. Node as PID 1 gets no default signal
# handling, and Kubernetes has no equivalent of `docker run --init`, so the image brings its own init.
RUN apt-get update \
  && apt-get install -y --no-install-recommends tini \
  && rm -rf /var/lib/apt/lists/*
# GIT_REVISION: the image has no .git; logs, isams_sync_build_info and `isams-sync --version` name this revision
ENV NODE_ENV=production \
    GIT_REVISION=${REVISION}
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY --from=build /app/bin ./bin
ENV APP=fetcher
# Numeric user (the node image's "node" user): Kubernetes can only enforce runAsNonRoot on a numeric USER.
# Everything under /app stays owned by root, so the app cannot rewrite its own code.
USER 1000:1000
ENTRYPOINT ["/usr/bin/tini", "--"]
# `exec` replaces the shell with node, so tini's signals reach node directly.
CMD ["sh", "-c", "exec node dist/apps/${APP}/src/main.js"]

# ---- demo: the runtime image plus the simulator (APP=isams-simulator) and the demo command's code.
FROM runtime AS demo
COPY --from=build /demo-extras/dist ./dist

# ---- the default target (a plain `docker build .`) is the production image.
FROM runtime AS production
