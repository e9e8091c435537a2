// Who may do what with people's data: the server's own rules (server/src/domain/who-sees-people.ts), so the web shows
// exactly what the server will allow. The server enforces them; the web only follows.
export {
  mayBeAlerted,
  mayFile,
  mayImport,
  maySaveViews,
  maySeePeople,
  ROLES_FILING,
  ROLES_IMPORTING,
} from '../../../../server/src/domain/who-sees-people.ts';
export { mayFollowUp } from '../../../../server/src/domain/who-sees-people.ts';
