// The early warning's notification centre (issue #13): the caller's alerts, acknowledge and snooze, and the live count.
import { api, apiUrl } from './client';
import type { NotificationList } from './types';

export const listNotifications = (signal?: AbortSignal): Promise<NotificationList> =>
  api('get', '/api/notifications', { signal });

export const acknowledge = (id: number): Promise<{ unread: number }> =>
  api('post', '/api/notifications/{id}/ack', { path: { id } });

export const snooze = (id: number, minutes: number): Promise<{ unread: number }> =>
  api('post', '/api/notifications/{id}/snooze', { path: { id }, body: { minutes } });

/** The server-sent events with the unread count (the browser sends the session cookie itself). */
export const notificationStreamUrl = (): string => apiUrl('/api/notifications/stream');
