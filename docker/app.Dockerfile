# One image per app, from the same build: `docker build -f docker/app.Dockerfile --build-arg APP=ingest .`
# APP is one of ingest, scoring, admin, handoff (a folder of apps/). Build context: the repo root.

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# npm ci refuses a lock that lacks other platforms' optional binaries (see .ci/run); npm install
# --no-save then installs the same locked tree.
RUN npm ci --no-audit --no-fund || npm install --no-save --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY apps ./apps
COPY libs ./libs
COPY bench ./bench
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
# Only this stage depends on APP, so the build stage above is shared by every app's image.
ARG APP
RUN test -n "$APP" || (echo "build with --build-arg APP=<ingest|scoring|admin|handoff>" >&2 && exit 1)
# MALLOC_ARENA_MAX: two glibc malloc arenas instead of one per thread (the worker's RSS, docs/soak.md).
ENV NODE_ENV=production APP=${APP} MALLOC_ARENA_MAX=2
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The scoring worker stores rules/default.yaml as version 1 on first start.
COPY rules ./rules
# The app's node flags (scoring: its heap cap, SCORING_HEAP_MB at run time), as scripts/start-all.sh starts it.
COPY scripts/node-args.sh ./scripts/node-args.sh
RUN test -f "dist/apps/${APP}/src/main.js" || (echo "no app named ${APP} in dist/apps" >&2 && exit 1)
USER node
# exec: node is the process that receives SIGTERM from `docker stop`.
CMD ["sh", "-c", "flags=$(sh scripts/node-args.sh \"$APP\") && exec node $flags dist/apps/${APP}/src/main.js"]
