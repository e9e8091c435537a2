/**
 * The field office's link, between Chromium and the server: a TCP relay the test can cut and restore. Cutting it
 * refuses new connections and drops open ones, so every request fails as over a dead link — the page's own and the
 * service worker's alike (Chromium's offline emulation does not reach a service worker's requests).
 */
import net from 'node:net';
import type { AddressInfo } from 'node:net';

export interface Link {
  origin: string;
  cut(): void;
  restore(): void;
  /**
   * The next request whose first line matches reaches the server, but its answer never comes back: the connection
   * drops as the answer starts (an answer lost on the way). Resolves when that has happened.
   */
  loseNextAnswerTo(requestLine: RegExp): Promise<void>;
  close(): Promise<void>;
}

export async function openLink(targetPort: number): Promise<Link> {
  let up = true;
  const sockets = new Set<net.Socket>();
  let lose: { pattern: RegExp; done: () => void } | null = null;

  const server = net.createServer((client) => {
    if (!up) {
      client.destroy();
      return;
    }
    const upstream = net.connect(targetPort, '127.0.0.1');
    sockets.add(client).add(upstream);
    let losing = false;
    client.on('data', (chunk) => {
      if (lose && lose.pattern.test(chunk.subarray(0, 200).toString('latin1'))) {
        losing = true;
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk) => {
      if (losing && lose) {
        const { done } = lose;
        lose = null;
        client.destroy();
        upstream.destroy();
        done();
        return;
      }
      client.write(chunk);
    });
    const end = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('close', end).on('error', end);
    upstream.on('close', end).on('error', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    cut() {
      up = false;
      for (const socket of sockets) socket.destroy();
      sockets.clear();
    },
    restore() {
      up = true;
    },
    loseNextAnswerTo(requestLine) {
      return new Promise((resolve) => (lose = { pattern: requestLine, done: resolve }));
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
