import { describeError } from '$lib/api/client';
import type { Agenda, SavedView } from '$lib/api/types';
import { getAgenda } from '$lib/api/views';
import type { LocalizedText } from '$lib/i18n/translate';

/** The channel between the projector's page and the presenter's window (same browser, same origin). */
export const agendaChannelName = 'pantau-agenda';

/** What the two windows say to each other. */
export type AgendaMessage =
  | { type: 'state'; agendaId: number; index: number; viewId: number }
  | { type: 'go'; agendaId: number; index: number }
  | { type: 'hello'; agendaId: number };

/** The agenda of the page's address (`?agenda=12&slide=3`, the slide counted from 1), or null. */
export function agendaOfLocation(url: URL): { id: number; index: number } | null {
  const id = Number(url.searchParams.get('agenda'));
  if (!Number.isInteger(id) || id < 1) return null;
  const slide = Number(url.searchParams.get('slide') ?? '1');
  return { id, index: Number.isInteger(slide) && slide >= 1 ? slide - 1 : 0 };
}

/** The page's address for an agenda at a slide, keeping the view's hash. */
export function agendaAddress(id: number, index: number, hash = ''): string {
  return `/?agenda=${id}&slide=${index + 1}${hash}`;
}

/**
 * Running an agenda on the projector (issue #11): the slide of the moment is in the address (a reload stays on it),
 * arrow keys, Page Up/Down (what presenter clickers send) and the presenter's window step through it, and each step
 * shows the slide's saved view.
 */
export class AgendaRun {
  agenda: Agenda | null = $state.raw(null);
  index = $state(0);
  error: LocalizedText | null = $state(null);
  readonly #show: (view: SavedView, first: boolean) => void;
  #channel: BroadcastChannel | null = null;

  constructor(show: (view: SavedView, first: boolean) => void) {
    this.#show = show;
  }

  get current(): SavedView | null {
    return this.agenda?.views[this.index] ?? null;
  }

  get next(): SavedView | null {
    return this.agenda?.views[this.index + 1] ?? null;
  }

  async start(id: number, index: number): Promise<void> {
    this.close();
    try {
      // The projector's page never receives the speaker notes (the presenter's window does).
      this.agenda = await getAgenda(id, 'omit');
    } catch (failure) {
      this.error = describeError(failure);
      return;
    }
    this.#channel = new BroadcastChannel(agendaChannelName);
    this.#channel.onmessage = (event: MessageEvent<AgendaMessage>) => {
      const message = event.data;
      if (message.agendaId !== this.agenda?.id) return;
      if (message.type === 'go') this.go(message.index);
      if (message.type === 'hello') this.#tell();
    };
    this.go(Math.min(index, Math.max(0, this.agenda.views.length - 1)), true);
  }

  go(index: number, first = false): void {
    const agenda = this.agenda;
    if (!agenda || index < 0 || index >= agenda.views.length) return;
    if (index === this.index && !first) return;
    this.index = index;
    // The slide in the address: a reload stays on it.
    history.replaceState(history.state, '', agendaAddress(agenda.id, index, location.hash));
    this.#show(agenda.views[index]!, first);
    this.#tell();
  }

  step(by: number): void {
    this.go(this.index + by);
  }

  /** While the map is drawn for an image, the slide stays. */
  paused = false;

  /** A key of the keyboard or of a presenter clicker; true when it stepped. */
  key(event: KeyboardEvent): boolean {
    if (!this.agenda || this.paused) return false;
    // Alt+← is the browser's Back, Ctrl/⌘ keys are the browser's; a held key does not race through the slides.
    if (event.altKey || event.ctrlKey || event.metaKey || event.repeat) return false;
    const target = event.target as HTMLElement | null;
    if (target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))) return false;
    const steps: Record<string, number> = { ArrowRight: 1, PageDown: 1, ' ': 1, ArrowLeft: -1, PageUp: -1 };
    if (event.key === 'Home') this.go(0);
    else if (event.key === 'End') this.go(this.agenda.views.length - 1);
    else if (steps[event.key] !== undefined) this.step(steps[event.key]!);
    else return false;
    return true;
  }

  #tell(): void {
    const view = this.current;
    if (this.agenda && view) {
      this.#channel?.postMessage({ type: 'state', agendaId: this.agenda.id, index: this.index, viewId: view.id });
    }
  }

  close(): void {
    this.#channel?.close();
    this.#channel = null;
  }
}
