import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  vitePlugin: {
    // Our own components are runes-only; libraries keep whatever mode they were written in.
    dynamicCompileOptions: ({ filename }) => (filename.includes('node_modules') ? undefined : { runes: true }),
  },
  kit: {
    // The Fastify server serves build/ as static files; every unknown path falls back to the SPA shell.
    adapter: adapter({ pages: 'build', assets: 'build', fallback: 'index.html', precompress: false }),
    // The page registers the service worker itself, once the first view has drawn (src/lib/offline/serviceWorker.ts).
    serviceWorker: { register: false },
  },
};

export default config;
