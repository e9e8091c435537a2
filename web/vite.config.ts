import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

// In development the Fastify API runs separately; proxying keeps the app same-origin, as in production.
const apiOrigin = 'http://localhost:3000';

export default defineConfig({
  plugins: [sveltekit()],
  server: {
    proxy: {
      '/api': apiOrigin,
      '/tiles': apiOrigin,
    },
  },
  preview: {
    proxy: {
      '/api': apiOrigin,
      '/tiles': apiOrigin,
    },
  },
  build: {
    // maplibre-gl alone is ~1 MB minified; warning about it on every build is noise.
    chunkSizeWarningLimit: 1500,
  },
});
