import { createAccount, listAccounts, listAgencies, listAreas, resetPassword, updateAccount } from '$lib/api/admin';
import { describeError, isAbortError } from '$lib/api/client';
import type { Account, AccountChanges, Agency, AreaOption, CreatedAccount, NewAccount } from '$lib/api/types';
import type { LocalizedText } from '$lib/i18n/translate';
import { session } from './session.svelte';

export type LoadStatus = 'loading' | 'ready' | 'failed';

/** The account list and the reference lists the account form chooses from (admin only). */
export class AccountAdmin {
  accounts: Account[] = $state.raw([]);
  agencies: Agency[] = $state.raw([]);
  areas: AreaOption[] = $state.raw([]);

  /** Accounts and agencies: without them there is nothing to show. */
  status: LoadStatus = $state('loading');
  error: LocalizedText | null = $state(null);
  /** The area list is large and only needed by the form, so it loads (and may fail) on its own. */
  areasStatus: LoadStatus = $state('loading');
  areasError: LocalizedText | null = $state(null);

  async load(signal: AbortSignal): Promise<void> {
    await Promise.all([this.#loadAccounts(signal), this.#loadAreas(signal)]);
  }

  async #loadAccounts(signal: AbortSignal): Promise<void> {
    this.status = 'loading';
    this.error = null;
    try {
      const [{ accounts }, { agencies }] = await Promise.all([listAccounts(signal), listAgencies(signal)]);
      this.accounts = accounts;
      this.agencies = agencies;
      this.status = 'ready';
    } catch (error) {
      if (signal.aborted || isAbortError(error)) return;
      this.error = describeError(error);
      this.status = 'failed';
    }
  }

  async #loadAreas(signal: AbortSignal): Promise<void> {
    this.areasStatus = 'loading';
    this.areasError = null;
    try {
      this.areas = (await listAreas(signal)).areas;
      this.areasStatus = 'ready';
    } catch (error) {
      if (signal.aborted || isAbortError(error)) return;
      this.areasError = describeError(error);
      this.areasStatus = 'failed';
    }
  }

  /** Rejects with an ApiError (e.g. USERNAME_TAKEN) whose message is ready to show. */
  async create(account: NewAccount): Promise<CreatedAccount> {
    const created = await createAccount(account);
    this.accounts = [...this.accounts, created.account];
    return created;
  }

  async update(id: number, changes: AccountChanges): Promise<Account> {
    const { account } = await updateAccount(id, changes);
    this.accounts = this.accounts.map((existing) => (existing.id === account.id ? account : existing));
    // Editing oneself (name, areas…) should show in the user menu straight away.
    session.replaceAccount(account);
    return account;
  }

  /** The temporary password, to be shown exactly once. */
  async resetPassword(id: number): Promise<string> {
    return (await resetPassword(id)).temporaryPassword;
  }
}
