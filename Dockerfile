# syntax=docker/dockerfile:1
FROM node:22-bookworm-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
COPY scripts/build-if-needed.mjs scripts/build.mjs ./scripts/
RUN npm ci
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build && npm prune --omit=dev

FROM node:22-bookworm-slim
# An explicit mode: production refuses to start without one.
ENV NODE_ENV=production PAYGRAPH_MODE=live PORT=4000
WORKDIR /app
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
COPY --chown=node:node package.json ./
# The SDL and the persisted-operation manifest (PERSISTED_OPERATIONS_MANIFEST=schema/persisted-operations.json).
COPY --chown=node:node schema ./schema
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 4000
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||4000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# SIGTERM: /readyz answers 503 for SHUTDOWN_DRAIN_MS (10 s) while requests are still served, then in-flight
# requests finish and the process exits 0. Give it a grace period above that plus the slowest provider timeout.
STOPSIGNAL SIGTERM
CMD ["node", "dist/main.js"]
