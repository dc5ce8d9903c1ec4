# One image per service: docker build --build-arg SERVICE_PATH=subgraphs/cases .
# The build stage compiles every workspace with tsc and builds the admin console (npm run build); the image runs the compiled JavaScript
# with plain node (the `compiled` export condition points each workspace package at its dist/), no transpiler.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY shared/package.json shared/
COPY gateway/package.json gateway/
COPY subgraphs/organisations/package.json subgraphs/organisations/
COPY subgraphs/households/package.json subgraphs/households/
COPY subgraphs/programmes/package.json subgraphs/programmes/
COPY subgraphs/cases/package.json subgraphs/cases/
COPY admin/package.json admin/
RUN npm ci && npm cache clean --force
COPY tsconfig.json tsconfig.build.json ./
COPY scripts scripts
COPY shared shared
COPY gateway gateway
COPY subgraphs subgraphs
# The console's documents are typed against the committed supergraph, and the gateway serves its build.
COPY schema schema
COPY admin admin
RUN node scripts/build.mjs && npm prune --omit=dev

FROM node:20-bookworm-slim
ARG SERVICE_PATH
ENV SERVICE_PATH=${SERVICE_PATH} NODE_ENV=production HOST=0.0.0.0
WORKDIR /app
# node_modules links each workspace package (@doudi/*) to its folder: those folders hold only package.json and dist/.
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/shared/package.json shared/
COPY --from=build /app/shared/dist shared/dist
COPY --from=build /app/gateway/package.json gateway/
COPY --from=build /app/gateway/dist gateway/dist
COPY --from=build /app/subgraphs/organisations/package.json subgraphs/organisations/
COPY --from=build /app/subgraphs/organisations/dist subgraphs/organisations/dist
COPY --from=build /app/subgraphs/households/package.json subgraphs/households/
COPY --from=build /app/subgraphs/households/dist subgraphs/households/dist
COPY --from=build /app/subgraphs/programmes/package.json subgraphs/programmes/
COPY --from=build /app/subgraphs/programmes/dist subgraphs/programmes/dist
COPY --from=build /app/subgraphs/cases/package.json subgraphs/cases/
COPY --from=build /app/subgraphs/cases/dist subgraphs/cases/dist
# The one-time command that makes the first administrator (README, "The first administrator").
COPY --from=build /app/scripts/dist scripts/dist
# The gateway loads the committed supergraph and serves the built admin console at /admin/.
COPY schema schema
COPY --from=build /app/admin/dist admin/dist
# Cases sets the letters it generates as PDF in a CJK font found with fontconfig (docs/documents.md); without one it
# refuses to generate them. Only the cases image carries the fonts.
RUN if [ "$SERVICE_PATH" = "subgraphs/cases" ]; then \
      apt-get update && apt-get install -y --no-install-recommends fontconfig fonts-noto-cjk \
      && rm -rf /var/lib/apt/lists/*; \
    fi
USER node
CMD ["sh", "-c", "exec node --conditions=compiled \"$SERVICE_PATH/dist/main.js\""]
