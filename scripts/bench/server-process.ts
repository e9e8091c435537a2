/**
 * Starts the real server in its own process (as in production) on a random port for a benchmark, on the test
 * database (`pantau_test`), and signs a throwaway viewer account in: every map request needs a session.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { projectRoot } from '../../server/src/config.ts';
import { systemActor } from '../../server/src/domain/actor.ts';
import type { Role } from '../../server/src/services/access-policy.ts';
import { openAccountServices } from '../lib/app-services.ts';

export interface ServerProcess {
  origin: string;
  /** The `cookie` header of a signed-in viewer. */
  cookie: string;
  stop(): void;
}

process.env.PANTAU_DB_NAME ??= 'pantau_test';

async function createBenchAccount(role: Role, areaCodes: string[]): Promise<{ username: string; password: string }> {
  const services = await openAccountServices();
  try {
    const { account, initialPassword } = await services.accountAdmin.createAccount(systemActor, {
      username: `bench-${randomBytes(4).toString('hex')}`,
      displayName: 'Benchmark',
      role,
      agencyCode: 'IMIGRASI',
      areaCodes,
    });
    return { username: account.username, password: initialPassword };
  } finally {
    await services.close();
  }
}

export async function startServerProcess(
  account: { role: Role; areaCodes: string[] } = { role: 'viewer', areaCodes: ['61'] },
): Promise<ServerProcess> {
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
  const credentials = await createBenchAccount(account.role, account.areaCodes);
  const signIn = await fetch(`${origin}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(credentials),
  });
  if (!signIn.ok) throw new Error(`bench sign-in failed: ${signIn.status} ${await signIn.text()}`);
  const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0]!;
  return { origin, cookie, stop: () => child.kill('SIGTERM') };
}
