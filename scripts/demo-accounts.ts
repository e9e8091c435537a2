/**
 * Creates one demo account per role, once (those whose username does not exist yet), and prints their passwords
 * once. Nothing about them is committed: the passwords are generated at set-up time and exist only on the console
 * that ran it.
 */
import { systemActor } from '../server/src/domain/actor.ts';
import type { Role } from '../server/src/services/access-policy.ts';
import { openAccountServices } from './lib/app-services.ts';

/** Kanim Sanggau's area: Sanggau, Sekadau, Sintang and Melawi. */
const KANIM_SANGGAU = ['61.03', '61.09', '61.05', '61.10'];

const DEMO_ACCOUNTS: { username: string; displayName: string; role: Role; agencyCode: string; areaCodes: string[] }[] =
  [
    { username: 'admin', displayName: 'Admin Pantau (demo)', role: 'admin', agencyCode: 'IMIGRASI', areaCodes: [] },
    {
      username: 'intel',
      displayName: 'Seksi Inteldakim Kanim Sanggau (demo)',
      role: 'intel',
      agencyCode: 'IMIGRASI',
      areaCodes: KANIM_SANGGAU,
    },
    {
      username: 'anggota',
      displayName: 'Anggota TIMPORA Polres Sanggau (demo)',
      role: 'member',
      agencyCode: 'POLRI',
      areaCodes: ['61.03'],
    },
    {
      username: 'proyektor',
      displayName: 'Layar rapat TIMPORA Kalbar (demo)',
      role: 'viewer',
      agencyCode: 'PEMDA',
      areaCodes: ['61'],
    },
  ];

export async function ensureDemoAccounts(): Promise<void> {
  const services = await openAccountServices();
  try {
    const lines: string[] = [];
    for (const demo of DEMO_ACCOUNTS) {
      if (await services.accounts.findAccountByUsername(demo.username)) continue;
      const { initialPassword } = await services.accountAdmin.createAccount(systemActor, demo);
      lines.push(`  ${demo.username.padEnd(10)} ${demo.role.padEnd(7)} ${initialPassword}`);
    }
    if (lines.length === 0) return;
    console.log(
      [
        '',
        '┌─ Demo accounts (passwords shown ONCE — note them now; reset with `npm run user -- reset-password <name>`) ─',
        ...lines,
        '└──────────────────────────────────────────────────────────────────────────────',
        '',
      ].join('\n'),
    );
  } finally {
    await services.close();
  }
}
