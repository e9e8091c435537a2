import { auditActions, roles, type AuditEntry, type KnownAuditAction, type Role } from '$lib/api/types';
import { translate, type Lang, type MessageKey } from '$lib/i18n/translate';

export function isKnownAction(action: string): action is KnownAuditAction {
  return auditActions.some((known) => known === action);
}

function isRole(role: string): role is Role {
  return roles.some((known) => known === role);
}

/** A readable name for an audit action; actions this page does not know yet keep their technical name. */
export function actionLabel(action: string, lang: Lang): string {
  return isKnownAction(action) ? translate(lang, `audit.action.${action}`) : action;
}

export function roleLabel(role: string | null, lang: Lang): string {
  if (role === null) return translate(lang, 'admin.none');
  return isRole(role) ? translate(lang, `role.${role}`) : role;
}

const targetTypeKeys: Record<string, MessageKey> = {
  account: 'audit.target.account',
  settings: 'audit.target.settings',
};

/** "Akun 12", or whichever half is known; target types this page does not know keep their technical name. */
export function targetLabel(entry: Pick<AuditEntry, 'targetType' | 'targetId'>, lang: Lang): string {
  const typeKey = entry.targetType === null ? undefined : targetTypeKeys[entry.targetType];
  const type = typeKey ? translate(lang, typeKey) : entry.targetType;
  const parts = [type, entry.targetId].filter((part): part is string => part !== null && part !== '');
  return parts.length > 0 ? parts.join(' ') : translate(lang, 'admin.none');
}
