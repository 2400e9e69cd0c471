# syntax=docker/dockerfile:1
# The /tesla Slack app. Two stages: dependencies are installed (and better-sqlite3 built) with the
# build tools, then copied into a slim image that runs as the unprivileged `node` user.
#   docker build -t tesla .
#   docker run --env-file .env -p 3000:3000 -v tesla-data:/app/data tesla
# Deployment (one instance on SQLite, several on PostgreSQL, compose.yaml): docs/deploy.md.

FROM node:20-bookworm-slim AS deps
WORKDIR /app
# better-sqlite3 downloads a prebuilt binary, or compiles itself with these when none fits.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ ca-certificates \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
# Production dependencies only (tsx runs the TypeScript sources; no build step).
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    PORT=3000 \
    CORPUS_DIR=/app/seeds \
    DATA_DIR=/app/data
WORKDIR /app
COPY --from=deps --chown=root:root /app/node_modules ./node_modules
COPY --chown=root:root package.json tsconfig.json manifest.yml ./
COPY --chown=root:root src ./src
COPY --chown=root:root seeds ./seeds
# The code is read-only for the app's user; only its state folder is writable.
RUN mkdir -p /app/data && chown node:node /app/data
USER node
VOLUME ["/app/data"]
EXPOSE 3000
# 200 once the index is ready (HTTP mode, and Socket Mode too: /healthz is served on PORT).
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node itself is PID 1 (no npm or shell in between), so SIGTERM reaches the app, which drains
# replies under way and stops the digest scheduler before exiting.
STOPSIGNAL SIGTERM
CMD ["node", "--import", "tsx", "src/main.ts"]
