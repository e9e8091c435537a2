/** What the web app exposes for tests (see web/src/app.d.ts). */
declare global {
  interface Window {
    __pantauMap?: { areTilesLoaded(): boolean; isMoving(): boolean };
  }
}
export {};
