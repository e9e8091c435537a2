/** Debian's Chromium through playwright-core: there is no browser download here. */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** `serviceWorkers: 'block'` for benchmarks whose network emulation would not reach a service worker's requests. */
export async function launchChromium(options: { serviceWorkers?: 'allow' | 'block' } = {}): Promise<BrowserContext> {
  return chromium.launchPersistentContext(mkdtempSync(path.join(os.tmpdir(), 'pantau-chromium-')), {
    executablePath: CHROMIUM_PATH,
    headless: true,
    viewport: { width: 1280, height: 800 },
    serviceWorkers: options.serviceWorkers ?? 'allow',
    args: [
      '--no-sandbox',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // Every host name but our own loopback origin fails to resolve, so a request to another host cannot succeed
      // even where request interception does not see it (requests from web workers).
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
    ],
  });
}
