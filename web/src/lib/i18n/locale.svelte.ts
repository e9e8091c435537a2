import { translate, type Lang, type MessageKey, type MessageParams } from './translate';

const storageKey = 'pantau.lang';

function readStoredLang(): Lang {
  // Private browsing or locked-down kiosks may refuse storage; Indonesian is the default either way.
  try {
    return globalThis.localStorage?.getItem(storageKey) === 'en' ? 'en' : 'id';
  } catch {
    return 'id';
  }
}

class Locale {
  lang: Lang = $state(readStoredLang());

  set(lang: Lang): void {
    this.lang = lang;
    try {
      globalThis.localStorage?.setItem(storageKey, lang);
    } catch {
      // Not persisting is acceptable: the switch still works for this visit.
    }
  }

  /** Arrow function so components can destructure it or pass it around without losing `this`. */
  t = (key: MessageKey, params?: MessageParams): string => translate(this.lang, key, params);
}

/** The one shared UI language; reading `locale.lang` or calling `locale.t` inside markup makes it reactive. */
export const locale = new Locale();
