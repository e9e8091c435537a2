/** Where synthetic people and incidents go: every desa of the seven provinces, weighted by town, crossing and border. */
import type pg from 'pg';
import { findDesaForSampling } from '../repositories/demo-repository.ts';
import { HOTSPOTS, PROVINCE_SHARE } from './profiles.ts';
import { createWeightedIndex, type Random } from './random.ts';

export interface DesaCandidate {
  code: string;
  provinsi: string;
  kabupaten: string;
  kind: 'desa' | 'kelurahan';
  borderKm: number;
  seaBorderKm: number;
  lon: number;
  lat: number;
  weight: number;
}

const KM_PER_DEGREE = 111.32;

function distanceKm(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const x = (lon2 - lon1) * Math.cos(((lat1 + lat2) / 2) * (Math.PI / 180));
  return Math.hypot(x, lat2 - lat1) * KM_PER_DEGREE;
}

export function placeWeight(candidate: Omit<DesaCandidate, 'weight'>): number {
  const pull = HOTSPOTS.reduce(
    (sum, place) => sum + place.pull * Math.exp(-distanceKm(candidate.lon, candidate.lat, place.lon, place.lat) / 12),
    0,
  );
  const town = candidate.kind === 'kelurahan' ? 4 : 1;
  return town * (1 + pull) * (1 + 1.5 * Math.exp(-candidate.borderKm / 15));
}

export interface DesaSampler {
  all: DesaCandidate[];
  byCode: Map<string, DesaCandidate>;
  /** A desa of a province chosen by PROVINCE_SHARE, then by place weight within it. */
  pick(random: Random, adjust?: (candidate: DesaCandidate) => number): DesaCandidate;
  pickInProvince(random: Random, provinsi: string): DesaCandidate;
}

export async function loadDesaSampler(client: pg.PoolClient): Promise<DesaSampler> {
  const all: DesaCandidate[] = (await findDesaForSampling(client)).map((row) => {
    const base = {
      code: row.code,
      provinsi: row.provinsi,
      kabupaten: row.kabupaten,
      kind: row.kind,
      borderKm: Math.min(row.landBorderKm, row.seaBorderKm),
      seaBorderKm: row.seaBorderKm,
      lon: row.lon,
      lat: row.lat,
    };
    return { ...base, weight: placeWeight(base) };
  });
  const provinces = Object.keys(PROVINCE_SHARE);
  const inProvince = new Map(provinces.map((code) => [code, all.filter((candidate) => candidate.provinsi === code)]));
  const indexes = new Map(
    provinces.map((code) => [code, createWeightedIndex(inProvince.get(code)!.map((candidate) => candidate.weight))]),
  );
  const pickInProvince = (random: Random, provinsi: string) =>
    inProvince.get(provinsi)![indexes.get(provinsi)!(random)]!;
  return {
    all,
    byCode: new Map(all.map((candidate) => [candidate.code, candidate])),
    pickInProvince,
    pick(random, adjust) {
      const provinsi = random.weighted(
        provinces,
        provinces.map((code) => PROVINCE_SHARE[code]!),
      );
      if (!adjust) return pickInProvince(random, provinsi);
      // Re-weighting by the caller (e.g. crossings near the border): a few weighted draws, keep the best-suited.
      const draws = Array.from({ length: 6 }, () => pickInProvince(random, provinsi));
      return random.weighted(draws, draws.map(adjust));
    },
  };
}
