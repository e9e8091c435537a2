/**
 * Account administration from the server's console, for the first admin and for locked-out admins:
 *   npm run user -- create <username> --role admin|intel|member|viewer --agency IMIGRASI --name "Full name" [--area 61.03,61.09]
 *   npm run user -- reset-password <username>
 *   npm run user -- list
 * A generated password is printed once; it is never stored in clear. Every change is in the audit trail.
 */
import { parseArgs } from 'node:util';
import { systemActor } from '../server/src/domain/actor.ts';
import { ROLES, type Role } from '../server/src/services/access-policy.ts';
import { openAccountServices } from './lib/app-services.ts';

const USAGE = `usage:
  npm run user -- create <username> --role ${ROLES.join('|')} --agency <code> --name "<full name>" [--area 61.03,61.09]
  npm run user -- reset-password <username>
  npm run user -- list`;

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { role: { type: 'string' }, agency: { type: 'string' }, name: { type: 'string' }, area: { type: 'string' } },
});
const [command, username] = positionals;
const services = await openAccountServices();
try {
  if (command === 'list') {
    for (const account of await services.accounts.listAccounts()) {
      console.log(
        `${account.username.padEnd(24)} ${account.role.padEnd(7)} ${account.agency.code.padEnd(12)} ` +
          `${account.active ? 'active  ' : 'inactive'} ${account.areas.map((area) => area.code).join(',') || '-'}`,
      );
    }
  } else if (command === 'create') {
    if (!username) fail('create needs a username');
    if (!values.role || !ROLES.includes(values.role as Role)) fail(`--role must be one of ${ROLES.join(', ')}`);
    if (!values.agency) fail('--agency is required (e.g. IMIGRASI, POLRI, TNI, PEMDA, DISNAKER, DISDUKCAPIL)');
    const { account, initialPassword } = await services.accountAdmin.createAccount(systemActor, {
      username,
      displayName: values.name ?? username,
      role: values.role as Role,
      agencyCode: values.agency.toUpperCase(),
      areaCodes: values.area
        ? values.area
            .split(',')
            .map((code) => code.trim())
            .filter(Boolean)
        : [],
    });
    console.log(`Created ${account.username} (${account.role}, ${account.agency.code}).`);
    console.log(`Password (shown once; it is stored only as a hash): ${initialPassword}`);
  } else if (command === 'reset-password') {
    if (!username) fail('reset-password needs a username');
    const found = await services.accounts.findAccountByUsername(username.toLowerCase());
    if (!found) fail(`no account '${username}'`);
    const { temporaryPassword } = await services.accountAdmin.resetPassword(systemActor, found.id);
    console.log(`New password for ${found.username} (shown once; their sessions have ended): ${temporaryPassword}`);
  } else {
    fail(command ? `unknown command '${command}'` : 'no command');
  }
} catch (error) {
  // AppError carries a bilingual message; show the English one on the console.
  const bilingual = (error as { bilingual?: { en: string } }).bilingual;
  console.error(bilingual ? bilingual.en : error);
  process.exitCode = 1;
} finally {
  await services.close();
}
