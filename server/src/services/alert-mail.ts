/**
 * Alerts by e-mail (issue #13): each notification an account asked to get by e-mail is queued in the same
 * transaction as the notification (email_outbox), and sent from there through the office's SMTP relay with
 * nodemailer. A sender leases a batch for five minutes (SKIP LOCKED, so two processes never take the same e-mail),
 * sends outside any transaction — a slow relay holds no database connection — and marks each sent on its own, so a
 * failure after sending repeats at most that one. Retried until the relay takes it, set aside after a few tries. The e-mail holds the alert's own words, Bahasa Indonesia first, then
 * English — the same words the app shows the account, which already follow its role's redaction.
 */
import nodemailer from 'nodemailer';
import type { AlertRepository } from '../repositories/alert-repository.ts';

/** How often an e-mail is tried before it is set aside. */
export const MAX_EMAIL_ATTEMPTS = 5;

export function createAlertMail(
  repository: AlertRepository,
  smtp: { url: string | undefined; from: string; publicUrl: string | undefined },
  log: { warn: (object: object, message: string) => void },
) {
  // Short timeouts: a relay that does not answer is tried again by the next sweep, not waited on for minutes.
  const transport = smtp.url
    ? nodemailer.createTransport({
        url: smtp.url,
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 30_000,
      })
    : null;

  return {
    configured: transport !== null,

    /** Sends what is queued, a batch at a time; answers how many went out. Without a relay nothing is sent. */
    async sendPending(batch = 20): Promise<number> {
      if (!transport) return 0;
      let sent = 0;
      for (;;) {
        const leased = await repository.leaseEmails(batch);
        let ok = 0;
        for (const mail of leased) {
          const link = smtp.publicUrl ? `\n\n${smtp.publicUrl}/` : '';
          try {
            await transport.sendMail({
              from: smtp.from,
              to: mail.address,
              subject: `[Pantau] ${mail.title.id}`,
              text: `${mail.title.id}\n${mail.body.id}\n\n-- English --\n${mail.title.en}\n${mail.body.en}${link}`,
            });
            await repository.markEmailSent(mail.notificationId);
            ok += 1;
          } catch (error) {
            log.warn({ err: error, notification: mail.notificationId }, 'alert e-mail not sent');
            await repository.markEmailFailed(mail.notificationId, String(error), MAX_EMAIL_ATTEMPTS);
          }
        }
        sent += ok;
        if (leased.length < batch || ok === 0) return sent;
      }
    },

    close(): void {
      transport?.close();
    },
  };
}

export type AlertMail = ReturnType<typeof createAlertMail>;
