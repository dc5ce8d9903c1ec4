import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The console is served by the gateway under /admin/ (same origin as /graphql). `npm run dev -w admin` serves
 * it with hot reload on :5173 and passes /graphql to the gateway of `npm start`.
 */
export default defineConfig({
  base: '/admin/',
  plugins: [react()],
  server: {
    port: 5173,
    proxy: { '/graphql': process.env.DOUDI_GATEWAY_URL ?? 'http://localhost:4000' },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
  },
});
