import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `npm run dev` here serves the app on :5173 and passes /graphql (HTTP and WebSocket) and /health
// to a router on :4000 (`npm start`), so the app talks to its own origin as it does when the
// router serves the build.
const router = process.env['MARQUEE_ROUTER_URL'] ?? 'http://127.0.0.1:4000';

export default defineConfig({
  plugins: [react()],
  build: {
    // Two pages: the app (index.html) and the offline explorer (explorer.html, GraphiQL), so the
    // explorer's weight never reaches the app's first load.
    rollupOptions: { input: { app: 'index.html', explorer: 'explorer.html' } },
    chunkSizeWarningLimit: 2_000,
  },
  server: {
    proxy: {
      '/graphql': { target: router, ws: true },
      '/health': router,
    },
  },
});
