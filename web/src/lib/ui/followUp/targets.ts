// A joint action's target list from an analysis result (issue #13): a hot spot's desa or kecamatan, the new or
// intensifying emerging hot spots, or the members of the cluster chosen in the table.
import type { AnalysisResult } from '$lib/api/analysis';
import type { TargetInput } from '$lib/api/types';

/** Desa (xx.xx.xx.xxxx) and kecamatan (xx.xx.xx) codes: the places a target list and an action's area name. */
const PLACE = /^\d{2}\.\d{2}\.\d{2}(\.\d{4})?$/;
const kecamatanOf = (code: string) => code.slice(0, 8);

export interface TargetProposal {
  targets: TargetInput[];
  /** The action's area: the kecamatan of the places; null for a cluster (looked up at its centre). */
  areaCodes: string[] | null;
  /** A cluster's centre, where its kecamatan is looked up. */
  centre: { lon: number; lat: number } | null;
}

const places = (ids: string[], source: TargetInput['source']): TargetProposal => {
  const codes = ids.filter((id) => PLACE.test(id));
  return {
    targets: codes.map((ref) => ({ kind: 'region', ref, source })),
    areaCodes: [...new Set(codes.map(kecamatanOf))],
    centre: null,
  };
};

const MEMBER_KIND = { incidents: 'incident', residents: 'resident', workplaces: 'workplace' } as const;

/** What the result proposes, or null when it holds nothing a target list can name (hexagons, bands, change). */
export function proposeTargets(result: AnalysisResult, selectedId: string | null): TargetProposal | null {
  switch (result.kind) {
    case 'hotspots':
      return places(
        result.data.features.filter((feature) => feature.bin > 0).map((feature) => feature.id),
        'hotspot',
      );
    case 'emerging':
      return places(
        result.data.features
          .filter((feature) => feature.direction === 'hot' && ['new', 'intensifying'].includes(feature.category))
          .map((feature) => feature.id),
        'emerging',
      );
    case 'clusters': {
      const cluster = result.data.clusters.find((entry) => String(entry.rank) === selectedId);
      const kind = MEMBER_KIND[result.data.layer as keyof typeof MEMBER_KIND];
      if (!cluster || !kind) return null;
      return {
        targets: cluster.memberIds.map((id) => ({ kind, ref: String(id), source: 'cluster' as const })),
        areaCodes: null,
        centre: { lon: cluster.lon, lat: cluster.lat },
      };
    }
    default:
      return null;
  }
}
