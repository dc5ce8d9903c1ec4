# One image per service: docker build --build-arg SERVICE_PATH=subgraphs/cases .
# The services run their TypeScript with tsx, exactly as `npm start` does.
FROM node:20-bookworm-slim
ARG SERVICE_PATH
ENV SERVICE_PATH=${SERVICE_PATH} NODE_ENV=production HOST=0.0.0.0
WORKDIR /app
COPY package.json package-lock.json ./
COPY shared/package.json shared/
COPY gateway/package.json gateway/
COPY subgraphs/organisations/package.json subgraphs/organisations/
COPY subgraphs/households/package.json subgraphs/households/
COPY subgraphs/programmes/package.json subgraphs/programmes/
COPY subgraphs/cases/package.json subgraphs/cases/
# Optional packages stay: esbuild (under tsx) ships its binary as one. The embedded PostgreSQL goes unused here.
RUN npm ci --omit=dev && npm cache clean --force
COPY tsconfig.json ./
COPY shared/src shared/src
COPY gateway/src gateway/src
COPY subgraphs subgraphs
COPY schema schema
USER node
CMD ["sh", "-c", "exec node --import tsx \"$SERVICE_PATH/src/main.ts\""]
