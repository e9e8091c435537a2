/**
 * Map images (issue #11) are drawn in the browser from the map the server already answered for the role; what the
 * server adds is the audit entry, written before the browser saves the file (the page downloads only once it is).
 */
import type { SignedInActor } from '../domain/actor.ts';
import type { ImageExportBody } from '../schemas/exports.ts';
import type { AuditService } from './audit.ts';

export function createImageExportService(audit: AuditService) {
  return {
    async recordImageExport(actor: SignedInActor, image: ImageExportBody): Promise<{ recordedAt: string }> {
      await audit.record(actor, {
        action: 'export.png',
        targetType: 'map',
        after: { size: image.size, title: image.title, link: image.link },
      });
      return { recordedAt: new Date().toISOString() };
    },
  };
}

export type ImageExportService = ReturnType<typeof createImageExportService>;
