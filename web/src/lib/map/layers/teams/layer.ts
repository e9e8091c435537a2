// TIMPORA team coverage per kecamatan: formed (green) or targeted but not yet formed (amber), as feature-state on the
// kecamatan boundaries: a light fill and a strong outline, so it reads on top of the residents choropleth.
import type { ExpressionSpecification, MapGeoJSONFeature } from 'maplibre-gl';
import { getTimporaTeams } from '$lib/api/layers';
import type { TimporaTeam } from '$lib/api/types';
import { FeatureStates, fillBeforeId, OperationalLayer, type LayerRequest, type Picked } from '../common';
import { teamColors } from './style';
import { describeTeam } from './tooltip';

const teamsFillId = 'op-teams-fill';
const lineId = 'op-teams-line';

/** Kecamatan boundaries exist from this zoom on. */
export const teamsMinZoom = 7;

const coverageColor: ExpressionSpecification = [
  'match',
  ['coalesce', ['feature-state', 'team'], ''],
  'formed',
  teamColors.formed,
  'notFormed',
  teamColors.notFormed,
  'rgba(0, 0, 0, 0)',
];

const hasTeam: ExpressionSpecification = ['!=', ['coalesce', ['feature-state', 'team'], ''], ''];

export class TeamsLayer extends OperationalLayer {
  readonly id = 'teams' as const;
  readonly #states = new FeatureStates(this.map, ['team']);
  #teams = new Map<string, TimporaTeam>();

  override pickableStyleLayers(): string[] {
    return this.visible && this.map.getLayer(teamsFillId) ? [teamsFillId] : [];
  }

  /** A kecamatan: its team, if it has one or is meant to; merged into the residents' tooltip of the same kecamatan. */
  override pickFeatures(features: readonly MapGeoJSONFeature[]): Picked | null {
    const kecamatan = features.find((feature) => feature.layer.id === teamsFillId);
    if (!kecamatan) return null;
    const code = String(kecamatan.id);
    const team = this.#teams.get(code) ?? null;
    const name = team?.name ?? String(kecamatan.properties.name ?? code);
    return {
      layer: this.id,
      region: { level: 'kecamatan', code },
      describe: (lang) => describeTeam(name, team, lang),
    };
  }

  override install(): void {
    if (!this.map.getSource('kecamatan') || this.map.getLayer(teamsFillId)) return;
    const visibility = this.visible ? 'visible' : 'none';
    const common = { source: 'kecamatan', 'source-layer': 'kecamatan', minzoom: teamsMinZoom } as const;
    this.map.addLayer(
      { id: teamsFillId, type: 'fill', ...common, layout: { visibility }, paint: { 'fill-color': coverageColor } },
      fillBeforeId(this.map),
    );
    this.map.addLayer(
      {
        id: lineId,
        type: 'line',
        ...common,
        layout: { visibility, 'line-join': 'round' },
        paint: { 'line-color': coverageColor, 'line-width': ['interpolate', ['linear'], ['zoom'], 7, 2, 12, 4] },
      },
      this.map.getLayer('desa-label') ? 'desa-label' : undefined,
    );
    this.applyLook();
    this.#applyStates();
  }

  protected override requests(): Record<string, LayerRequest> {
    return {
      all: {
        key: 'all',
        load: async (signal) => {
          const answer = await getTimporaTeams(signal);
          return () => {
            this.#teams = new Map(answer.teams.map((team) => [team.kecamatanCode, team]));
            this.host.status.teamTargets = answer.targets;
            this.#applyStates();
          };
        },
      },
    };
  }

  protected override drop(): void {
    this.#teams = new Map();
    this.#states.clear();
  }

  #applyStates(): void {
    this.#states.clear();
    for (const team of this.#teams.values()) {
      this.#states.set(
        { source: 'kecamatan', sourceLayer: 'kecamatan', id: team.kecamatanCode },
        { team: team.formed ? 'formed' : 'notFormed' },
      );
    }
  }

  protected override applyLook(): void {
    if (!this.map.getLayer(teamsFillId)) return;
    for (const id of [teamsFillId, lineId]) {
      this.map.setLayoutProperty(id, 'visibility', this.visible ? 'visible' : 'none');
    }
    this.map.setPaintProperty(teamsFillId, 'fill-opacity', ['case', hasTeam, this.opacity * 0.35, 0]);
    this.map.setPaintProperty(lineId, 'line-opacity', ['case', hasTeam, this.opacity, 0]);
  }
}
