/** Starts the real server in its own process (as in production) on a random port for a benchmark. */
import { spawn, type ChildProcess } from 'node:child_process';
import { projectRoot } from '../../server/src/config.ts';

export interface ServerProcess {
  origin: string;
  stop(): void;
}

export async function startServerProcess(): Promise<ServerProcess> {
  const port = 3900 + Math.floor(Math.random() * 90);
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: projectRoot,
    env: { ...process.env, PORT: String(port), LOG_LEVEL: 'warn' },
    stdio: 'inherit',
  });
  const origin = `http://127.0.0.1:${port}`;
  for (let attempt = 0; ; attempt++) {
    const ready = await fetch(`${origin}/api/health`)
      .then((response) => response.ok)
      .catch(() => false);
    if (ready) break;
    if (attempt > 150) {
      child.kill('SIGTERM');
      throw new Error('the server did not start within 30 s');
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { origin, stop: () => child.kill('SIGTERM') };
}
