/**
 * Account administration: create, change, reset a password. Each change runs in one transaction together with its
 * audit entry (before and after), so there is never a change without its trace.
 */
import { withTransaction } from '../db/transaction.ts';
import type { PoolClient } from 'pg';
import type { Pool } from '../db/pool.ts';
import type { Actor } from '../domain/actor.ts';
import { AppError, notFound } from '../errors.ts';
import { withoutSecret, type Account, type AccountRepository } from '../repositories/account-repository.ts';
import type { Role } from './access-policy.ts';
import type { AuditService } from './audit.ts';
import { generatePassword, hashPassword } from './passwords.ts';

export interface NewAccount {
  username: string;
  displayName: string;
  role: Role;
  agencyCode: string;
  areaCodes: string[];
  /** Omitted: a password is generated and returned once. */
  password?: string;
}

export interface AccountChanges {
  displayName?: string;
  role?: Role;
  agencyCode?: string;
  areaCodes?: string[];
  active?: boolean;
}

const accountNotFound = (id: number) =>
  notFound({ id: `Akun ${id} tidak ditemukan.`, en: `Account ${id} was not found.` });

const cannotDeactivateSelf = () =>
  new AppError(409, 'CANNOT_DEACTIVATE_SELF', {
    id: 'Anda tidak dapat menonaktifkan akun Anda sendiri. Minta admin lain melakukannya.',
    en: 'You cannot deactivate your own account. Ask another admin to do it.',
  });

const cannotDemoteSelf = () =>
  new AppError(409, 'CANNOT_DEMOTE_SELF', {
    id: 'Anda tidak dapat mengubah peran admin akun Anda sendiri. Minta admin lain melakukannya.',
    en: 'You cannot take the admin role away from your own account. Ask another admin to do it.',
  });

const lastAdmin = () =>
  new AppError(409, 'LAST_ADMIN', {
    id: 'Ini admin aktif terakhir. Jadikan akun lain admin terlebih dahulu.',
    en: 'This is the last active admin. Make another account an admin first.',
  });

/** Does this change leave an active admin without the admin role or without being active? */
const removesAdmin = (before: Account, changes: AccountChanges): boolean =>
  before.role === 'admin' &&
  before.active &&
  (changes.active === false || (changes.role !== undefined && changes.role !== 'admin'));

/**
 * `onAccountChanged` runs after every committed change of an account, so cached sessions of that account are
 * dropped at once (session-service).
 */
export function createAccountService(
  pool: Pool,
  accounts: AccountRepository,
  audit: AuditService,
  onAccountChanged: (accountId: number) => void = () => undefined,
) {
  async function checkReferences(agencyCode: string | undefined, areaCodes: string[] | undefined): Promise<void> {
    if (agencyCode !== undefined && !(await accounts.agencyExists(agencyCode))) {
      throw new AppError(400, 'UNKNOWN_AGENCY', {
        id: `Instansi '${agencyCode}' tidak dikenal.`,
        en: `Unknown agency '${agencyCode}'.`,
      });
    }
    if (areaCodes && areaCodes.length > 0) {
      const unknown = await accounts.findUnknownRegionCodes(areaCodes);
      if (unknown.length > 0) {
        throw new AppError(
          400,
          'UNKNOWN_AREA',
          {
            id: `Kode wilayah tidak dikenal: ${unknown.join(', ')}. Gunakan kode provinsi (mis. 61) atau kabupaten/kota (mis. 61.03).`,
            en: `Unknown region codes: ${unknown.join(', ')}. Use a province (e.g. 61) or kabupaten/kota code (e.g. 61.03).`,
          },
          { unknown },
        );
      }
    }
  }

  const inTransaction = <T>(work: (client: PoolClient) => Promise<T>): Promise<T> => withTransaction(pool, work);

  /**
   * Account changes run one after another in this process, so two admins who take each other's rights at the same
   * moment cannot both pass the last-admin check (Pantau is one process; see docs/architecture.md).
   */
  let previousChange: Promise<unknown> = Promise.resolve();
  function oneAtATime<T>(work: () => Promise<T>): Promise<T> {
    const next = previousChange.then(work, work);
    previousChange = next.catch(() => undefined);
    return next;
  }

  /** An admin keeps its own rights, and some active admin always remains. */
  async function checkAdminsRemain(actor: Actor, before: Account, changes: AccountChanges) {
    if (!removesAdmin(before, changes)) return;
    if (actor.account?.id === before.id) throw changes.active === false ? cannotDeactivateSelf() : cannotDemoteSelf();
    const otherAdmins = (await accounts.listAccounts()).filter(
      (account) => account.role === 'admin' && account.active && account.id !== before.id,
    );
    if (otherAdmins.length === 0) throw lastAdmin();
  }

  return {
    inTransaction,

    async createAccount(actor: Actor, input: NewAccount): Promise<{ account: Account; initialPassword: string }> {
      const username = input.username.trim().toLowerCase();
      await checkReferences(input.agencyCode, input.areaCodes);
      if (await accounts.findAccountByUsername(username)) {
        throw new AppError(409, 'USERNAME_TAKEN', {
          id: `Nama pengguna '${username}' sudah dipakai.`,
          en: `The username '${username}' is already taken.`,
        });
      }
      const initialPassword = input.password ?? generatePassword();
      const passwordHash = await hashPassword(initialPassword);
      const account = await inTransaction(async (client) => {
        const id = await accounts.insertAccount(client, { ...input, username, passwordHash });
        await accounts.replaceAreas(client, id, input.areaCodes);
        const created = withoutSecret((await accounts.findAccountById(id, client))!);
        await audit.record(
          actor,
          { action: 'account.create', targetType: 'account', targetId: String(id), after: created },
          client,
        );
        return created;
      });
      return { account, initialPassword };
    },

    async updateAccount(actor: Actor, id: number, changes: AccountChanges): Promise<Account> {
      await checkReferences(changes.agencyCode, changes.areaCodes);
      const updated = await oneAtATime(() =>
        inTransaction(async (client) => {
          const before = await accounts.findAccountById(id, client);
          if (!before) throw accountNotFound(id);
          await checkAdminsRemain(actor, before, changes);
          await accounts.updateAccount(client, id, changes);
          if (changes.areaCodes) await accounts.replaceAreas(client, id, changes.areaCodes);
          // A changed role or a deactivated account must not keep using sessions opened under the old rights.
          if ((changes.role && changes.role !== before.role) || changes.active === false) {
            await accounts.deleteSessionsOfAccount(client, id);
          }
          const after = withoutSecret((await accounts.findAccountById(id, client))!);
          await audit.record(
            actor,
            {
              action: 'account.update',
              targetType: 'account',
              targetId: String(id),
              before: withoutSecret(before),
              after,
            },
            client,
          );
          return after;
        }),
      );
      onAccountChanged(id);
      return updated;
    },

    async endSessions(actor: Actor, id: number): Promise<void> {
      await inTransaction(async (client) => {
        if (!(await accounts.findAccountById(id, client))) throw accountNotFound(id);
        await accounts.deleteSessionsOfAccount(client, id);
        await audit.record(
          actor,
          { action: 'account.sessions_ended', targetType: 'account', targetId: String(id) },
          client,
        );
      });
    },

    async resetPassword(actor: Actor, id: number): Promise<{ account: Account; temporaryPassword: string }> {
      const temporaryPassword = generatePassword();
      const passwordHash = await hashPassword(temporaryPassword);
      const account = await inTransaction(async (client) => {
        const before = await accounts.findAccountById(id, client);
        if (!before) throw accountNotFound(id);
        await accounts.updateAccount(client, id, { passwordHash });
        await accounts.deleteSessionsOfAccount(client, id);
        await audit.record(
          actor,
          {
            action: 'account.password_reset',
            targetType: 'account',
            targetId: String(id),
            details: { sessionsEnded: true },
          },
          client,
        );
        return withoutSecret(before);
      });
      onAccountChanged(id);
      return { account, temporaryPassword };
    },
  };
}

export type AccountService = ReturnType<typeof createAccountService>;
