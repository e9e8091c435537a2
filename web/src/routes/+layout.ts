// Pantau is a single-page app: the map needs the browser, and the Fastify server serves the SPA shell for every path.
export const ssr = false;
export const prerender = false;
