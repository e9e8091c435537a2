import { describeError } from '$lib/api/client';
import { acknowledge, listNotifications, notificationStreamUrl, snooze } from '$lib/api/notifications';
import type { AlertNotification } from '$lib/api/types';
import type { LocalizedText } from '$lib/i18n/translate';

/**
 * The notification centre (issue #13): the unread count comes live from the server (server-sent events; the browser
 * reconnects by itself after a break), the list when the centre opens or the count changes while it is open.
 */
export class NotificationCentre {
  open = $state(false);
  unread = $state(0);
  items: AlertNotification[] = $state.raw([]);
  error: LocalizedText | null = $state(null);
  #source: EventSource | null = null;

  connect(): void {
    if (this.#source) return;
    const source = new EventSource(notificationStreamUrl());
    source.addEventListener('unread', (event) => {
      const { unread } = JSON.parse((event as MessageEvent<string>).data) as { unread: number };
      const grew = unread > this.unread;
      this.unread = unread;
      if (this.open || grew) void this.load();
    });
    this.#source = source;
  }

  disconnect(): void {
    this.#source?.close();
    this.#source = null;
  }

  async load(): Promise<void> {
    try {
      const answer = await listNotifications();
      this.items = answer.notifications;
      this.unread = answer.unread;
      this.error = null;
    } catch (error) {
      this.error = describeError(error);
    }
  }

  async acknowledge(item: AlertNotification): Promise<void> {
    try {
      this.unread = (await acknowledge(item.id)).unread;
      await this.load();
    } catch (error) {
      this.error = describeError(error);
    }
  }

  async snooze(item: AlertNotification, minutes: number): Promise<void> {
    try {
      this.unread = (await snooze(item.id, minutes)).unread;
      await this.load();
    } catch (error) {
      this.error = describeError(error);
    }
  }
}
