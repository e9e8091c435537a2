/**
 * Parser for the MySQL dump files of cahyadsn/wilayah_boundaries: `INSERT ... VALUES ('kode','nama',lat,lng,'path')`
 * rows, one per line, where `path` is a JSON array of rings (or of polygons) of [lat, lng] pairs — latitude
 * first, the reverse of GeoJSON.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

export interface WilayahRecord {
  code: string;
  name: string;
  /** GeoJSON MultiPolygon with [lng, lat] positions and closed rings. */
  geometryJson: string;
}

const ROW =
  /^\s*\('([0-9.]+)','((?:[^']|'')*)',\s*(-?[\d.eE+-]+|NULL),\s*(-?[\d.eE+-]+|NULL),\s*'(\[.*\])'\)\s*[,;]?\s*$/;

type Position = [number, number];
type Ring = Position[];

function isRing(value: unknown): value is Ring {
  return Array.isArray(value) && Array.isArray(value[0]) && typeof value[0][0] === 'number';
}

function toLngLatRing(ring: Ring): Ring | null {
  const swapped: Ring = ring.map(([lat, lng]) => [lng, lat]);
  const first = swapped[0];
  const last = swapped[swapped.length - 1];
  if (first && last && (first[0] !== last[0] || first[1] !== last[1])) swapped.push([first[0], first[1]]);
  return swapped.length >= 4 ? swapped : null;
}

/** Accepts a polygon (array of rings) or a multipolygon (array of polygons) and returns MultiPolygon coordinates. */
export function pathToMultiPolygon(path: unknown): Ring[][] {
  if (!Array.isArray(path) || path.length === 0) return [];
  const polygons = (isRing(path[0]) ? [path] : path) as unknown[];
  const result: Ring[][] = [];
  for (const polygon of polygons) {
    if (!Array.isArray(polygon) || !isRing(polygon[0])) continue;
    const rings = (polygon as Ring[]).map(toLngLatRing).filter((ring): ring is Ring => ring !== null);
    if (rings.length > 0) result.push(rings);
  }
  return result;
}

export function parseWilayahLine(line: string): WilayahRecord | null {
  const match = ROW.exec(line);
  if (!match) return null;
  const [, code = '', rawName = '', , , path = '[]'] = match;
  const coordinates = pathToMultiPolygon(JSON.parse(path));
  if (coordinates.length === 0) return null;
  return {
    code,
    name: rawName.replace(/''/g, "'"),
    geometryJson: JSON.stringify({ type: 'MultiPolygon', coordinates }),
  };
}

/** A line that holds a data row, whatever its indentation (one upstream row starts with a space and a tab). */
const LOOKS_LIKE_ROW = /^\s*\('[0-9.]+',/;

/** Yields every row; a line that looks like a row but does not parse fails the import rather than vanish. */
export async function* readWilayahFile(filePath: string): AsyncGenerator<WilayahRecord> {
  const lines = createInterface({ input: createReadStream(filePath, 'utf8'), crlfDelay: Infinity });
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber++;
    if (!LOOKS_LIKE_ROW.test(line)) continue;
    const record = parseWilayahLine(line);
    if (!record) throw new Error(`${filePath}:${lineNumber}: a data row that cannot be read: ${line.slice(0, 80)}…`);
    yield record;
  }
}
