import { describeError } from '$lib/api/client';
import type { AgendaSummary, SavedView } from '$lib/api/types';
import {
  createAgenda,
  createView,
  deleteAgenda,
  deleteView,
  getAgenda,
  listAgendas,
  listViews,
  updateAgenda,
} from '$lib/api/views';
import type { LocalizedText } from '$lib/i18n/translate';

/** An agenda being written: its fields and the views in their order. */
export interface AgendaDraft {
  id: number | null;
  version: number | null;
  title: string;
  meetingOn: string;
  place: string;
  viewIds: number[];
}

export const emptyDraft = (): AgendaDraft => ({
  id: null,
  version: null,
  title: '',
  meetingOn: '',
  place: '',
  viewIds: [],
});

/** The office's saved views and agendas, as the views panel lists and changes them. */
export class SavedViews {
  open = $state(false);
  views: SavedView[] = $state.raw([]);
  agendas: AgendaSummary[] = $state.raw([]);
  loading = $state(false);
  busy = $state(false);
  error: LocalizedText | null = $state(null);
  /** What was done last, for the status line ("View saved"). */
  done: 'viewSaved' | 'viewDeleted' | 'agendaSaved' | 'agendaDeleted' | 'linkCopied' | null = $state(null);

  async load(): Promise<void> {
    this.loading = true;
    try {
      const [views, agendas] = await Promise.all([listViews(), listAgendas()]);
      this.views = views.views;
      this.agendas = agendas.agendas;
      this.error = null;
    } catch (failure) {
      this.error = describeError(failure);
    } finally {
      this.loading = false;
    }
  }

  async #change(done: NonNullable<SavedViews['done']>, work: () => Promise<unknown>): Promise<boolean> {
    this.busy = true;
    this.done = null;
    try {
      await work();
      this.error = null;
      this.done = done;
      await this.load();
      return true;
    } catch (failure) {
      this.error = describeError(failure);
      return false;
    } finally {
      this.busy = false;
    }
  }

  /** Saves the map's view of the moment (its link without the '#'). */
  saveView(title: string, notes: string, link: string): Promise<boolean> {
    return this.#change('viewSaved', () => createView({ title, notes, link }));
  }

  removeView(id: number): Promise<boolean> {
    return this.#change('viewDeleted', () => deleteView(id));
  }

  saveAgenda(draft: AgendaDraft): Promise<boolean> {
    const body = {
      title: draft.title,
      viewIds: draft.viewIds,
      ...(draft.meetingOn ? { meetingOn: draft.meetingOn } : {}),
      ...(draft.place ? { place: draft.place } : {}),
    };
    return this.#change('agendaSaved', () =>
      draft.id === null || draft.version === null
        ? createAgenda(body)
        : updateAgenda(draft.id, { ...body, version: draft.version }),
    );
  }

  removeAgenda(id: number): Promise<boolean> {
    return this.#change('agendaDeleted', () => deleteAgenda(id));
  }

  /** The agenda with its views, for starting it (the first slide's link goes into the address). */
  fullAgenda(id: number) {
    return getAgenda(id, 'omit');
  }

  draftOf(agenda: AgendaSummary): AgendaDraft {
    return {
      id: agenda.id,
      version: agenda.version,
      title: agenda.title,
      meetingOn: agenda.meetingOn ?? '',
      place: agenda.place ?? '',
      viewIds: [...agenda.viewIds],
    };
  }
}
