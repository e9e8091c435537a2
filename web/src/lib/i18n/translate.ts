import { en } from './en';
import { id, type MessageKey } from './id';

export type Lang = 'id' | 'en';
export type { MessageKey };

/** Text the server (or the client itself) provides in both languages; shown as `text[lang]`. */
export type LocalizedText = Record<Lang, string>;

export const languages: readonly Lang[] = ['id', 'en'];

const dictionaries: Record<Lang, Record<MessageKey, string>> = { id, en };

export type MessageParams = Record<string, string | number>;

/** Placeholders that hold a number which is a name, not a quantity: never written with a thousands separator. */
const identifierParams = new Set(['id', 'year']);

/**
 * Looks up a message and fills `{name}` placeholders; an unknown placeholder is left visible so it gets noticed.
 * Numbers are written as the reader writes them: "1.234" in Indonesian, "1,234" in English.
 */
export function translate(lang: Lang, key: MessageKey, params?: MessageParams): string {
  const template = dictionaries[lang][key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'number' && !identifierParams.has(name)
      ? value.toLocaleString(numberLocale(lang))
      : String(value);
  });
}

/** Whether a key built at run time (e.g. `incidentType.${type}`) has a message; unknown values are shown raw. */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(id, key);
}

/** The same message in every language, for errors built outside any component. */
export function translateAll(key: MessageKey, params?: MessageParams): LocalizedText {
  return { id: translate('id', key, params), en: translate('en', key, params) };
}

/** BCP 47 locale used for numbers and dates, so Indonesian readers see "12,3 km". */
export function numberLocale(lang: Lang): string {
  return lang === 'id' ? 'id-ID' : 'en-GB';
}
