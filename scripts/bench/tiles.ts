/**
 * Tile latency over the Kalimantan–Sarawak border, z6–z14: the bare tile SQL in the database, then the same tiles
 * over HTTP from a freshly started server process (cold: empty cache) and again (warm: from the in-process cache).
 * The server runs in its own process, as in production (log level warn), so client and server do not share an
 * event loop. Run: `npm run bench:tiles` (the database must be imported; `npm start` or `npm test` does that).
 */
import { performance } from 'node:perf_hooks';
import { startServerProcess } from './server-process.ts';
import { loadConfig } from '../../server/src/config.ts';
import { resolveDatabaseUrl } from '../../server/src/db/local-cluster.ts';
import { createPool } from '../../server/src/db/pool.ts';
import { TILE_SQL } from '../../server/src/repositories/boundary-repository.ts';
import { MAX_TILE_ZOOM, TILE_LAYERS, type TileLayerName } from '../../server/src/domain/tile-layers.ts';
import { ms, summarise } from './stats.ts';

interface TileAddress {
  layer: TileLayerName;
  z: number;
  x: number;
  y: number;
}

const SAMPLE_POINTS = 40;

function tileAt(lon: number, lat: number, z: number): [number, number] {
  const n = 2 ** z;
  const latRad = (lat * Math.PI) / 180;
  return [
    Math.floor(((lon + 180) / 360) * n),
    Math.floor(((1 - Math.log(Math.tan(latRad) + 1 / Math.cos(latRad)) / Math.PI) / 2) * n),
  ];
}

const config = loadConfig();
const url = await resolveDatabaseUrl(config);
const pool = createPool(url, () => undefined);

// Points spread evenly along the land border with Malaysia on Borneo: the area intelligence staff look at.
const points = await pool.query<{ lon: number; lat: number }>(
  `SELECT ST_X(p.geom) AS lon, ST_Y(p.geom) AS lat
   FROM (SELECT part.geom FROM border_line b, ST_Dump(b.geom) part
         WHERE b.kind = 'land' AND b.neighbour_iso3 = 'MYS' ORDER BY ST_Length(part.geom) DESC LIMIT 1) kalimantan,
        ST_Dump(ST_LineInterpolatePoints(kalimantan.geom, 1.0 / $1)) p
   LIMIT $1`,
  [SAMPLE_POINTS],
);
const tiles: TileAddress[] = [];
for (let z = 6; z <= MAX_TILE_ZOOM; z++) {
  const seen = new Set<string>();
  for (const point of points.rows) {
    const [x, y] = tileAt(point.lon, point.lat, z);
    for (const layer of Object.values(TILE_LAYERS)) {
      const key = `${layer.name}/${z}/${x}/${y}`;
      if (z < layer.minZoom || seen.has(key)) continue;
      seen.add(key);
      tiles.push({ layer: layer.name, z, x, y });
    }
  }
}

async function timeBareSql(tile: TileAddress): Promise<number> {
  const started = performance.now();
  await pool.query({ name: 'tile', text: TILE_SQL, values: [tile.layer, tile.z, tile.x, tile.y, tile.z] });
  return performance.now() - started;
}

async function timeHttp(origin: string, cookie: string, tile: TileAddress): Promise<{ ms: number; bytes: number }> {
  const started = performance.now();
  const response = await fetch(`${origin}/tiles/${tile.layer}/${tile.z}/${tile.x}/${tile.y}.mvt`, {
    headers: { 'accept-encoding': 'gzip', cookie },
  });
  if (response.status !== 200 && response.status !== 204) throw new Error(`tile answered ${response.status}`);
  const body = Buffer.from(await response.arrayBuffer());
  return { ms: performance.now() - started, bytes: body.length };
}

// Warm PostgreSQL's buffers once so the comparison is between our server and the bare SQL, not disk reads.
for (const tile of tiles) await timeBareSql(tile);
const bare = new Map<TileAddress, number>();
for (const tile of tiles) bare.set(tile, await timeBareSql(tile));

const server = await startServerProcess();
const origin = server.origin;
const cold = new Map<TileAddress, { ms: number; bytes: number }>();
for (const tile of tiles) cold.set(tile, await timeHttp(origin, server.cookie, tile));
const warm = new Map<TileAddress, number>();
for (const tile of tiles) warm.set(tile, (await timeHttp(origin, server.cookie, tile)).ms);

console.log(`tiles: ${tiles.length} (layers × unique tiles under ${SAMPLE_POINTS} points along the MYS land border)`);
console.log(
  '| zoom | tiles | bare SQL median / p95 (ms) | cold HTTP median / p95 (ms) | cold ÷ bare (median) | warm HTTP median / p95 (ms) | largest tile (KB, gzip) |',
);
console.log('|---:|---:|---:|---:|---:|---:|---:|');
const ratios: number[] = [];
for (let z = 6; z <= MAX_TILE_ZOOM; z++) {
  const atZoom = tiles.filter((tile) => tile.z === z);
  const bareSummary = summarise(atZoom.map((tile) => bare.get(tile)!));
  const coldSummary = summarise(atZoom.map((tile) => cold.get(tile)!.ms));
  const warmSummary = summarise(atZoom.map((tile) => warm.get(tile)!));
  const ratio = coldSummary.median / bareSummary.median;
  ratios.push(...atZoom.map((tile) => cold.get(tile)!.ms / bare.get(tile)!));
  const largest = Math.max(...atZoom.map((tile) => cold.get(tile)!.bytes)) / 1024;
  console.log(
    `| ${z} | ${atZoom.length} | ${ms(bareSummary.median)} / ${ms(bareSummary.p95)} | ${ms(coldSummary.median)} / ${ms(coldSummary.p95)} | ${ratio.toFixed(2)} | ${ms(warmSummary.median)} / ${ms(warmSummary.p95)} | ${largest.toFixed(1)} |`,
  );
}
const all = {
  bare: summarise([...bare.values()]),
  cold: summarise([...cold.values()].map((v) => v.ms)),
  warm: summarise([...warm.values()]),
};
const ratioSummary = summarise(ratios);
console.log(
  `\nall tiles: bare ${ms(all.bare.median)}/${ms(all.bare.p95)} ms, cold ${ms(all.cold.median)}/${ms(all.cold.p95)} ms, warm ${ms(all.warm.median)}/${ms(all.warm.p95)} ms (median/p95); ` +
    `per-tile cold÷bare ratio median ${ratioSummary.median.toFixed(2)}, p95 ${ratioSummary.p95.toFixed(2)}`,
);
server.stop();
await pool.end();
