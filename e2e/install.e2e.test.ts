/**
 * Installable (issue #14): the page names a web app manifest served by us, the manifest parses with the fields a
 * browser needs to install the app, and each icon it lists loads from our origin at the size it claims.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openBrowserSession, type BrowserSession } from './browser-session.ts';

let session: BrowserSession;

beforeAll(async () => {
  session = await openBrowserSession();
});
afterAll(async () => {
  expect(session.pageErrors).toEqual([]);
  expect(session.foreignRequests).toEqual([]);
  await session.close();
});

describe('the installable app', () => {
  test('a manifest with a name, a start page, standalone display and icons that load at their sizes', async () => {
    const { page, origin } = session;
    await page.goto(`${origin}/masuk`);
    const href = await page.locator('link[rel="manifest"]').getAttribute('href');
    expect(href).toBe('/manifest.webmanifest');
    const response = await page.request.get(`${origin}${href}`);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toMatch(/json/);
    const manifest = await response.json();
    expect(manifest).toMatchObject({ short_name: 'Pantau', start_url: '/', display: 'standalone', lang: 'id' });
    const icons = manifest.icons as { src: string; sizes: string; type: string }[];
    expect(icons.map((icon) => icon.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
    for (const icon of icons.filter((entry) => entry.type === 'image/png')) {
      const size = await page.evaluate(async (src) => {
        const image = new Image();
        image.src = src;
        await image.decode();
        return `${image.naturalWidth}x${image.naturalHeight}`;
      }, `${origin}${icon.src}`);
      expect({ src: icon.src, size }).toEqual({ src: icon.src, size: icon.sizes });
    }
  });
});
