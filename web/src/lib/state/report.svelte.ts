import type { CreatedIncident, GeoPoint } from '$lib/api/types';

/** Filing an incident from the map: waiting for the click on the map, then the form for the point picked. */
export class ReportFlow {
  /** The next click on the map is the incident's location. */
  picking = $state(false);
  point: GeoPoint | null = $state.raw(null);
  /** The desa the last filed incident landed in, for the success note. */
  reportedDesa: string | null = $state(null);
  /** The last report could not reach the server and waits on the device (issue #14). */
  waiting = $state(false);

  start(): void {
    this.picking = true;
    this.point = null;
    this.reportedDesa = null;
    this.waiting = false;
  }

  stop(): void {
    this.picking = false;
    this.point = null;
  }

  toggle(): void {
    if (this.picking) this.stop();
    else this.start();
  }

  /** A click on the map while picking: the form opens for it. True when the click was taken. */
  take(point: GeoPoint): boolean {
    if (!this.picking) return false;
    this.picking = false;
    this.point = point;
    return true;
  }

  filed(created: CreatedIncident): void {
    this.point = null;
    this.reportedDesa = created.desa;
    this.waiting = false;
  }

  queued(): void {
    this.point = null;
    this.reportedDesa = null;
    this.waiting = true;
  }
}
