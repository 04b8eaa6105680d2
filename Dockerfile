# syntax=docker/dockerfile:1
# One image for every Marquee process. The command picks what runs:
#   docker run marquee:local                  embedded mode (router + five subgraphs in one process)
#   docker run marquee:local serve movies     one service (services mode, see docker-compose.yml)
#   docker run marquee:local migrate          apply prisma/migrations to DATABASE_URL
# TypeScript runs on Node's own type stripping, so there is no compile stage: see docs/deployment.md.

FROM node:24-bookworm-slim AS base
WORKDIR /app

# Dependencies only, from the manifests alone: editing source reuses the `npm ci` layer.
FROM base AS deps
# --parents keeps each workspace's directory (GA in Dockerfile frontend 1.20, hence the syntax line).
# The globs are the `workspaces` of the root package.json, so a new workspace needs no edit here.
COPY --parents package.json package-lock.json .npmrc packages/*/package.json subgraphs/*/package.json router/package.json apps/*/package.json ./
# --omit=dev is enough: tsx (the fallback when Node's type stripping is off) is a runtime dependency of the marquee app.
# --ignore-scripts matches the repo's `allowScripts` (every install script denied): native code
# ships as prebuilt optional packages (esbuild, argon2), the Prisma client is generated and
# committed, and migrations run through `marquee migrate`, so no install script is needed.
RUN --mount=type=cache,target=/root/.npm \
    npm ci --omit=dev --ignore-scripts --no-audit --no-fund

# The web app's static build (Vite is a dev dependency, so it gets an install of its own).
FROM base AS web
COPY --parents package.json package-lock.json .npmrc packages/*/package.json subgraphs/*/package.json router/package.json apps/*/package.json ./
RUN --mount=type=cache,target=/root/.npm \
    npm ci --ignore-scripts --no-audit --no-fund
COPY apps/web apps/web
RUN npm run build -w @marquee/web

FROM base AS runtime
ENV NODE_ENV=production \
    MARQUEE_HOST=0.0.0.0 \
    MARQUEE_DATA_DIR=/var/lib/marquee
# node_modules at the root and inside workspaces (npm nests a workspace's conflicting versions).
COPY --from=deps /app ./
COPY . .
COPY --from=web /app/apps/web/dist apps/web/dist
# Code and dependencies stay root-owned and read-only to the process; only the data dir (embedded
# mode's PGlite database and generated keys) is writable, and is the place to mount a volume.
RUN mkdir -p /var/lib/marquee && chown 1000:1000 /var/lib/marquee
# 1000 is the `node` user of the official image; numeric so Kubernetes' runAsNonRoot can verify it.
USER 1000:1000
EXPOSE 4000-4005
# Health checks live in docker-compose.yml: each service answers /health on its own port.
ENTRYPOINT ["node", "apps/marquee/bin/marquee.js"]
CMD ["start"]
