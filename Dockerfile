# policy-search API and web page. The image has no embedded Meilisearch: it talks to the engine named by
# MEILI_URL (the meilisearch service of docker-compose.yml).

# Dependencies: nodejieba compiles a native addon, which needs a toolchain the final image does not.
FROM node:20-bookworm-slim AS deps
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
# The lockfile and the package.json `allowScripts` policy are npm 11's.
RUN npm install -g npm@11
WORKDIR /app
COPY package.json package-lock.json ./
# --omit=optional leaves out the embedded Meilisearch binary.
RUN npm ci --omit=optional --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=deps --chown=node:node /app/node_modules ./node_modules
COPY --chown=node:node . .
USER node
EXPOSE 3000
CMD ["npm", "start"]
