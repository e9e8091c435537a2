// Saved views and agendas (issue #11): a view is the link of the map's state with a title and speaker notes; an
// agenda is an ordered list of views for one meeting. Both are shared within the agency.
import { api } from './client';
import type {
  Agenda,
  AgendaChange,
  AgendaList,
  NewAgenda,
  NewSavedView,
  SavedView,
  SavedViewChange,
  SavedViewList,
} from './types';

export const listViews = (signal?: AbortSignal): Promise<SavedViewList> => api('get', '/api/views', { signal });

export const createView = (body: NewSavedView): Promise<SavedView> => api('post', '/api/views', { body });

export const updateView = (id: number, body: SavedViewChange): Promise<SavedView> =>
  api('put', '/api/views/{id}', { path: { id }, body });

export const deleteView = (id: number): Promise<unknown> => api('delete', '/api/views/{id}', { path: { id } });

export const listAgendas = (signal?: AbortSignal): Promise<AgendaList> => api('get', '/api/agendas', { signal });

/** An agenda with its views; `notes: 'omit'` for the projector's page (the notes are the presenter's window's). */
export const getAgenda = (id: number, notes: 'include' | 'omit', signal?: AbortSignal): Promise<Agenda> =>
  api('get', '/api/agendas/{id}', { path: { id }, query: { notes }, signal });

export const createAgenda = (body: NewAgenda): Promise<Agenda> => api('post', '/api/agendas', { body });

export const updateAgenda = (id: number, body: AgendaChange): Promise<Agenda> =>
  api('put', '/api/agendas/{id}', { path: { id }, body });

export const deleteAgenda = (id: number): Promise<unknown> => api('delete', '/api/agendas/{id}', { path: { id } });
