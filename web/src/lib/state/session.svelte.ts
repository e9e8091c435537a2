import {
  ApiError,
  describeError,
  getSession,
  isAbortError,
  onSessionLost,
  setCsrfToken,
  signIn as signInRequest,
  signOut as signOutRequest,
  setPresentation as setPresentationRequest,
} from '$lib/api/client';
import type { Account, SessionResponse } from '$lib/api/types';
import type { LocalizedText } from '$lib/i18n/translate';
import { bindKeptAnswers, dropKeptAnswers } from '$lib/offline/serviceWorker';
import { outbox } from './outbox.svelte';

/**
 * - loading: asking the server whether someone is signed in (at start, or again after a failure);
 * - signedIn / signedOut: the server has answered;
 * - failed: the server could not be asked (network down); nothing is known yet.
 */
export type SessionStatus = 'loading' | 'signedIn' | 'signedOut' | 'failed';

/** Why the last session ended, which decides where the guard sends the user and what the sign-in page says. */
export type SessionEnd = 'expired' | 'signedOut' | null;

/** Who is signed in. One instance for the whole app; pages read it through the session guard. */
class Session {
  status: SessionStatus = $state('loading');
  account: Account | null = $state.raw(null);
  /** Presentation mode: the server answers this session as the projector's viewer (the account shows that role). */
  presenting = $state(false);
  ended: SessionEnd = $state(null);
  /** Why the session could not be loaded, while status is 'failed'. */
  loadError: LocalizedText | null = $state(null);

  #loading: Promise<void> | null = null;
  #rechecking: Promise<void> | null = null;

  constructor() {
    // Any API call answering "no session" ends ours: the guard then sends the user to the sign-in page.
    onSessionLost(() => this.expire());
  }

  get isAdmin(): boolean {
    return this.account?.role === 'admin';
  }

  /** Asks the server who is signed in. Concurrent calls share one request. */
  load(): Promise<void> {
    this.#loading ??= this.#load().finally(() => (this.#loading = null));
    return this.#loading;
  }

  async #load(): Promise<void> {
    this.status = 'loading';
    this.loadError = null;
    try {
      this.#start(await getSession(new AbortController().signal));
    } catch (error) {
      if (isAbortError(error)) return;
      if (error instanceof ApiError && error.status === 401) {
        this.#clear(error.code === 'SESSION_EXPIRED' ? 'expired' : null);
        return;
      }
      this.loadError = describeError(error);
      this.status = 'failed';
    }
  }

  /**
   * Asks again while signed in, for requests that bypass the API client (the map's style and tiles): if the server
   * no longer knows the session, it has ended. Unlike load(), the page stays up while asking.
   */
  recheck(): Promise<void> {
    if (this.status !== 'signedIn') return Promise.resolve();
    this.#rechecking ??= this.#recheck().finally(() => (this.#rechecking = null));
    return this.#rechecking;
  }

  async #recheck(): Promise<void> {
    try {
      const answer = await getSession(new AbortController().signal);
      if (this.status === 'signedIn') this.#start(answer);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) this.expire();
      // Anything else (network hiccup) proves nothing about the session; the map shows its own error.
    }
  }

  /** Rejects with an ApiError whose message is ready to show (wrong password, locked out, network). */
  async signIn(username: string, password: string): Promise<void> {
    this.#start(await signInRequest(username, password));
  }

  /** Rejects when the server could not be told; the session then stays, since the cookie still works. */
  async signOut(): Promise<void> {
    await signOutRequest();
    this.#clear('signedOut');
  }

  /** Presentation mode on or off; rejects when the server could not be told (the mode is then unchanged). */
  async setPresentation(presenting: boolean): Promise<void> {
    this.#start(await setPresentationRequest(presenting));
  }

  /** After an admin edited an account: if it is the signed-in one, show the new name, role and areas. */
  replaceAccount(account: Account): void {
    if (this.account?.id === account.id) this.account = account;
  }

  /** The server no longer accepts our session. Safe to call any number of times. */
  expire(): void {
    if (this.status === 'signedOut') return;
    this.#clear('expired');
  }

  #start({ account, csrfToken, presenting }: SessionResponse): void {
    setCsrfToken(csrfToken);
    this.account = account;
    this.presenting = presenting;
    this.ended = null;
    this.loadError = null;
    this.status = 'signedIn';
    // What the device keeps for offline use belongs to this account in this mode (ADR 0014); its reports waiting there
    // are sent now.
    void bindKeptAnswers(`${account.id}:${presenting ? 'presenting' : 'own'}`);
    void outbox.bind(account.id);
  }

  #clear(reason: SessionEnd): void {
    setCsrfToken(null);
    this.account = null;
    this.presenting = false;
    this.ended = reason;
    this.status = 'signedOut';
    void dropKeptAnswers();
    void outbox.bind(null);
  }
}

export const session = new Session();
