/** "Côte d’Ivoire", "COTE D'IVOIRE" and "cote-d-ivoire" compare equal: no accents, case or punctuation. */
export function comparableText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}
