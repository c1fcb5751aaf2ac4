# policy-search API and web page. The image has no embedded Meilisearch: it talks to the engine named by
# MEILI_URL (the meilisearch service of docker-compose.yml).

# Build: nodejieba compiles a native addon, which needs a toolchain the final image does not; tsc and esbuild
# compile the server and bundle the page into dist/ (npm run build); then the dev dependencies are dropped.
FROM node:20-bookworm-slim AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
# The lockfile and the package.json `allowScripts` policy are npm 11's.
RUN npm install -g npm@11
WORKDIR /app
COPY package.json package-lock.json ./
# --omit=optional leaves out the embedded Meilisearch binary.
RUN npm ci --omit=optional
COPY . .
RUN npm run build && npm prune --omit=dev --omit=optional

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build --chown=node:node /app/node_modules ./node_modules
# The sources stay beside dist/: corpus/ and glossary/data/ are read at run time, and
# `docker compose run --rm app npm run index` runs the indexer with tsx.
COPY --chown=node:node . .
COPY --from=build --chown=node:node /app/dist ./dist
USER node
EXPOSE 3000
# Plain node (no npm, no tsx): SIGTERM reaches the server itself, which stops gracefully.
CMD ["node", "--enable-source-maps", "dist/server/main.js"]
