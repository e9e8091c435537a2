/** Values the global set-up (scripts/test-setup.ts) hands to every test file through `inject()`. */
declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}
export {};
