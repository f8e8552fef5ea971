# syntax=docker/dockerfile:1
#
# One image holds every app; APP chooses which one the container runs:
#   docker build --build-arg APP=transformer -t isams-sync/transformer .
#   docker run --rm -e APP=importer isams-sync/transformer      # APP can also be changed at run time
#   docker run --rm -it isams-sync/fetcher node bin/isams-sync.js --help   # the CLI
# Apps: fetcher, transformer, importer, attendance, isams-simulator (a test double, not for production).
#
# Node 22 rather than 20: Node 20 reached end of life on 2026-04-30 and gets no more security fixes, while 22 is
# still an LTS line. package.json's engines (>=20.19.0) allow both, and the code and tests here run on 20.x, so a
# Node-version-specific bug would show in CI only if it also runs on 22. Override with --build-arg NODE_IMAGE=...
ARG NODE_IMAGE=node:22-bookworm-slim

# ---- deps: every dependency, dev ones included, because the build needs the compilers.
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

# ---- build: tsc + tsc-alias compile the whole repo into dist/ (dist/apps/<app>/src/main.js).
FROM deps AS build
COPY . .
RUN npm run build

# ---- runtime: production dependencies and the compiled output only.
FROM ${NODE_IMAGE} AS runtime
# tini becomes PID 1: it forwards SIGTERM to node and reaps zombies. Node as PID 1 gets no default signal
# handling, and Kubernetes has no equivalent of `docker run --init`, so the image brings its own init.
RUN apt-get update \
  && apt-get install -y --no-install-recommends tini \
  && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY --from=build /app/bin ./bin
ARG APP=fetcher
ENV APP=${APP}
# Numeric user (the node image's "node" user): Kubernetes can only enforce runAsNonRoot on a numeric USER.
# Everything under /app stays owned by root, so the app cannot rewrite its own code.
USER 1000:1000
ENTRYPOINT ["/usr/bin/tini", "--"]
# `exec` replaces the shell with node, so tini's signals reach node directly.
CMD ["sh", "-c", "exec node dist/apps/${APP}/src/main.js"]
