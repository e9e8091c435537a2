// The early warning's notification centre (issue #13): the caller's alerts, acknowledge and snooze, and the live count.
import { api, apiUrl } from './client';
import type { AlertRule, NotificationList, OfficeRules, Subscriptions, SubscriptionsChange } from './types';

export const listNotifications = (signal?: AbortSignal): Promise<NotificationList> =>
  api('get', '/api/notifications', { signal });

export const acknowledge = (id: number): Promise<{ unread: number }> =>
  api('post', '/api/notifications/{id}/ack', { path: { id } });

export const snooze = (id: number, minutes: number): Promise<{ unread: number }> =>
  api('post', '/api/notifications/{id}/snooze', { path: { id }, body: { minutes } });

/** The server-sent events with the unread count (the browser sends the session cookie itself). */
export const notificationStreamUrl = (): string => apiUrl('/api/notifications/stream');

/** Which rules the caller is told of, in the app and by e-mail. */
export const getSubscriptions = (signal?: AbortSignal): Promise<Subscriptions> =>
  api('get', '/api/notifications/settings', { signal });

export const saveSubscriptions = (body: SubscriptionsChange): Promise<Subscriptions> =>
  api('put', '/api/notifications/settings', { body });

/** An office's alert rules (admin). */
export const getOfficeRules = (code: string, signal?: AbortSignal): Promise<OfficeRules> =>
  api('get', '/api/offices/{code}/alert-rules', { path: { code }, signal });

export const saveOfficeRule = (
  code: string,
  rule: AlertRule,
  change: { enabled: boolean; params: Record<string, unknown> },
): Promise<OfficeRules> => api('put', '/api/offices/{code}/alert-rules/{rule}', { path: { code, rule }, body: change });
