// The immigration offices (issue #12): every role reads them; an admin corrects one.
import { api } from './client';
import type { ImmigrationOfficeList, ImmigrationOffice, OfficeChange } from './types';

export function getImmigrationOffices(signal?: AbortSignal): Promise<ImmigrationOfficeList> {
  return api('get', '/api/immigration-offices', { signal });
}

export function updateImmigrationOffice(code: string, change: OfficeChange): Promise<ImmigrationOffice> {
  return api('put', '/api/immigration-offices/{code}', { path: { code }, body: change });
}
