import { gunzipSync } from 'node:zlib';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader as Protobuf } from 'pbf';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { TILE_LAYER_NAMES } from '../src/domain/tile-layers.ts';
import { createTestApp, tileAt, type SignedIn, type TestContext } from './helpers.ts';

let context: TestContext;
let viewer: SignedIn;
beforeAll(async () => {
  context = await createTestApp();
  viewer = await context.signInAs('viewer');
});
afterAll(() => context.close());

async function fetchTile(layer: string, z: number, x: number, y: number) {
  const response = await context.request(viewer, {
    method: 'GET',
    url: `/tiles/${layer}/${z}/${x}/${y}.mvt`,
    headers: { 'accept-encoding': 'gzip' },
  });
  const raw = response.rawPayload.length > 0 ? gunzipSync(response.rawPayload) : Buffer.alloc(0);
  return { response, raw, tile: new VectorTile(new Protobuf(raw)) };
}

function featureNames(tile: VectorTile, layer: string): string[] {
  const found = tile.layers[layer];
  if (!found) return [];
  return Array.from({ length: found.length }, (_, index) => String(found.feature(index).properties.name));
}

describe('GET /tiles/{layer}/{z}/{x}/{y}.mvt', () => {
  test('a desa tile over Entikong decodes and holds the desa polygon and its label', async () => {
    // The tile that holds Entikong's label point (its polygon spans several tiles at this zoom).
    const [x, y] = tileAt(110.3117, 0.9552, 12);
    const { response, tile } = await fetchTile('desa', 12, x, y);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/vnd.mapbox-vector-tile');
    expect(response.headers['content-encoding']).toBe('gzip');
    expect(featureNames(tile, 'desa')).toContain('Entikong');
    const desa = tile.layers.desa!;
    const entikong = Array.from({ length: desa.length }, (_, index) => desa.feature(index)).find(
      (feature) => feature.properties.name === 'Entikong',
    )!;
    expect(entikong.type).toBe(3); // polygon
    expect(entikong.properties).toMatchObject({ code: '61.03.21.2003', kind: 'desa', parent: 'Entikong' });
    expect(Number(entikong.properties.borderKm)).toBeLessThan(1);
    // Both distances travel with the desa for the distance-band layer: Entikong is on the land border, far from the sea.
    expect(Number(entikong.properties.landKm)).toBeLessThan(1);
    expect(Number(entikong.properties.seaKm)).toBeGreaterThan(100);
    const labels = tile.layers.desa_label!;
    const labelNames = Array.from({ length: labels.length }, (_, index) => labels.feature(index).properties.name);
    expect(labelNames).toContain('Entikong');
    expect(labels.feature(0).type).toBe(1); // point
  });

  test('the province tile at zoom 0 holds all 38 provinces and the country layer the neighbours', async () => {
    const provinces = await fetchTile('provinsi', 0, 0, 0);
    expect(featureNames(provinces.tile, 'provinsi')).toHaveLength(38);
    const countries = await fetchTile('countries', 0, 0, 0);
    expect(featureNames(countries.tile, 'countries').sort()).toEqual(
      ['Brunei Darussalam', 'Filipina', 'Indonesia', 'Malaysia', 'Papua Nugini', 'Singapura', 'Timor-Leste'].sort(),
    );
  });

  test('the border tile over Entikong holds the land border with Malaysia as a line', async () => {
    const [x, y] = tileAt(110.35, 0.97, 8);
    const { tile } = await fetchTile('borders', 8, x, y);
    const borders = tile.layers.borders!;
    const features = Array.from({ length: borders.length }, (_, index) => borders.feature(index));
    const land = features.find((feature) => feature.properties.kind === 'land');
    expect(land?.type).toBe(2); // line
    expect(land?.properties.code).toBe('MYS');
  });

  test('below a layer’s minimum zoom the tile is empty (204)', async () => {
    const [x, y] = tileAt(110.35, 0.97, 6);
    const { response } = await fetchTile('desa', 6, x, y);
    expect(response.statusCode).toBe(204);
  });

  test('a kecamatan carries the distances of its nearest desa', async () => {
    const [x, y] = tileAt(110.35, 0.97, 8);
    const { tile } = await fetchTile('kecamatan', 8, x, y);
    const layer = tile.layers.kecamatan!;
    const entikong = Array.from({ length: layer.length }, (_, index) => layer.feature(index)).find(
      (feature) => feature.properties.code === '61.03.21',
    )!;
    expect(Number(entikong.properties.landKm)).toBeLessThan(1);
    expect(Number(entikong.properties.borderKm)).toBe(
      Math.min(Number(entikong.properties.landKm), Number(entikong.properties.seaKm)),
    );
  });

  test('answers 304 to a matching If-None-Match and sets caching headers', async () => {
    const [x, y] = tileAt(110.35, 0.97, 9);
    const first = await fetchTile('kecamatan', 9, x, y);
    expect(first.response.headers['cache-control']).toContain('max-age');
    const etag = String(first.response.headers.etag);
    const second = await context.request(viewer, {
      method: 'GET',
      url: `/tiles/kecamatan/9/${x}/${y}.mvt`,
      headers: { 'if-none-match': etag },
    });
    expect(second.statusCode).toBe(304);
  });

  test('serves plain MVT to a client that does not accept gzip', async () => {
    const [x, y] = tileAt(110.35, 0.97, 10);
    const response = await context.request(viewer, { method: 'GET', url: `/tiles/desa/10/${x}/${y}.mvt` });
    expect(response.headers['content-encoding']).toBeUndefined();
    expect(featureNames(new VectorTile(new Protobuf(response.rawPayload)), 'desa')).toContain('Entikong');
  });

  test.each([
    ['/tiles/desa/23/0/0.mvt', 400, 'INVALID_REQUEST'],
    ['/tiles/desa/3/8/0.mvt', 400, 'INVALID_TILE'],
    ['/tiles/desa/3/0/-1.mvt', 400, 'INVALID_REQUEST'],
    ['/tiles/desa/abc/0/0.mvt', 400, 'INVALID_REQUEST'],
    ['/tiles/desa/3/1.5/0.mvt', 400, 'INVALID_REQUEST'],
    ['/tiles/roads/3/0/0.mvt', 404, 'UNKNOWN_LAYER'],
    ['/tiles/constructor/3/0/0.mvt', 404, 'UNKNOWN_LAYER'],
  ])('%s answers %i %s', async (url, status, code) => {
    const response = await context.request(viewer, { method: 'GET', url });
    expect(response.statusCode).toBe(status);
    const body = response.json();
    expect(body.code).toBe(code);
    expect(body.message.id.length).toBeGreaterThan(10);
    expect(body.message.en.length).toBeGreaterThan(10);
  });

  test('no tile over the border provinces exceeds 500 KB at any zoom', async () => {
    // Kalimantan and the Riau islands; every tile at z0–8, and the densest corners at deeper zooms.
    const largest: Record<string, number> = {};
    for (let z = 0; z <= 8; z++) {
      const [west, north] = tileAt(100.0, 5.0, z);
      const [east, south] = tileAt(119.5, -4.0, z);
      for (let x = west; x <= east; x++) {
        for (let y = north; y <= south; y++) {
          for (const layer of TILE_LAYER_NAMES) {
            const { raw } = await fetchTile(layer, z, x, y);
            largest[layer] = Math.max(largest[layer] ?? 0, raw.length);
          }
        }
      }
    }
    for (const [lon, lat] of [
      [104.0, 1.1],
      [109.3, -0.03],
      [110.35, 0.97],
      [117.6, 4.1],
    ] as const) {
      for (let z = 9; z <= 14; z++) {
        const [x, y] = tileAt(lon, lat, z);
        for (const layer of TILE_LAYER_NAMES) {
          const { raw } = await fetchTile(layer, z, x, y);
          largest[layer] = Math.max(largest[layer] ?? 0, raw.length);
        }
      }
    }
    for (const size of Object.values(largest)) expect(size).toBeLessThan(500 * 1024);
    expect(largest.desa).toBeGreaterThan(1000);
  }, 240_000);
});

describe('GET /api/style.json', () => {
  test('is a maplibre style whose every source is a tile layer of this server', async () => {
    const response = await context.request(viewer, {
      method: 'GET',
      url: '/api/style.json?lang=en',
      headers: { host: 'pantau.test' },
    });
    expect(response.statusCode).toBe(200);
    const style = response.json();
    expect(style.version).toBe(8);
    expect(style.glyphs).toBeUndefined();
    expect(style.sprite).toBeUndefined();
    const urls = Object.values(style.sources as Record<string, { tiles: string[] }>).flatMap((source) => source.tiles);
    expect(urls.length).toBe(TILE_LAYER_NAMES.length);
    for (const url of urls) expect(url).toMatch(/^http:\/\/pantau\.test\/tiles\/[a-z]+\/\{z\}\/\{x\}\/\{y\}\.mvt$/);
    expect(JSON.stringify(style)).toContain('not the legal boundary');
  });
});
