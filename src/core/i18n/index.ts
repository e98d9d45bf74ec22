/**
 * Message lookup: a catalog per language, English as the fallback, `{name}` placeholders filled in. English is
 * built in; every other language is a module of its own, loaded on demand (`loadLanguage`): in the CDN build a file
 * beside the bundle, in the npm build a module beside this one. A page that has only the bundle file still works,
 * in English.
 */
import { en, type Catalog, type MessageKey } from './en.js';

export type { MessageKey, Catalog };

/** The languages the package ships, each loaded when first asked for. */
const SHIPPED: Record<string, () => Promise<{ catalog: Catalog }>> = {
  es: () => import('./es.js'),
  ko: () => import('./ko.js'),
  ja: () => import('./ja.js'),
  zh: () => import('./zh.js'),
  fr: () => import('./fr.js'),
  de: () => import('./de.js'),
  pt: () => import('./pt.js'),
};
export const LANGUAGES = ['en', ...Object.keys(SHIPPED)] as const;

const CATALOGS: Record<string, Catalog> = { en: en as Catalog };
/** English of parts that load on demand (`<ov-diagnostics>`), registered by them as they load. */
const ON_DEMAND_ENGLISH: Partial<Record<MessageKey, string>> = {};
const loading = new Map<string, Promise<boolean>>();

/**
 * The catalog key for a BCP 47 tag, if one is registered: the longest registered prefix of it ("zh-Hans-CN" →
 * "zh-hans" when an app registered that, else "zh"; "pt-BR" → "pt").
 */
function catalogKey(lang: string | undefined): string | undefined {
  const subtags = (lang ?? '').toLowerCase().split('-');
  for (let n = subtags.length; n > 0; n--) {
    const key = subtags.slice(0, n).join('-');
    if (CATALOGS[key]) return key;
  }
  return undefined;
}

/** The catalog for a BCP 47 tag such as "es-ES", falling back to its language and then to English. */
export function catalogFor(lang?: string): Catalog {
  return CATALOGS[catalogKey(lang) ?? 'en'] ?? en;
}

/** Whether `message()` can already speak `lang` (English always; another language once loaded or registered). */
export function isLanguageReady(lang: string | undefined): boolean {
  const base = (lang ?? '').toLowerCase().split('-')[0];
  return !base || !!catalogKey(lang) || !(base in SHIPPED);
}

/**
 * Loads a shipped language; resolves true once `message()` speaks it, false when it cannot be had (not shipped, or
 * its file is not beside the bundle): English then stays. Never rejects.
 */
export function loadLanguage(lang: string | undefined): Promise<boolean> {
  if (isLanguageReady(lang)) return Promise.resolve(!!catalogKey(lang) || !lang);
  const base = (lang ?? '').toLowerCase().split('-')[0];
  let pending = loading.get(base);
  if (!pending) {
    pending = SHIPPED[base]().then(
      (module) => {
        CATALOGS[base] ??= module.catalog;
        return true;
      },
      () => false,
    );
    loading.set(base, pending);
  }
  return pending;
}

export function message(key: MessageKey, params: Readonly<Record<string, string | number>> = {}, lang?: string): string {
  // A key no catalog knows shows as itself rather than breaking the view that asked for it.
  const template: string = catalogFor(lang)[key] ?? (en as Partial<Catalog>)[key] ?? ON_DEMAND_ENGLISH[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** A part that loads on demand brings its English along: the fallback for its keys in every language. */
export function registerOnDemandEnglish(messages: Partial<Record<MessageKey, string>>): void {
  Object.assign(ON_DEMAND_ENGLISH, messages);
}

/** Adds or replaces a language, for apps that need one the package does not ship. */
export function registerCatalog(lang: string, catalog: Partial<Catalog>): void {
  CATALOGS[lang.toLowerCase()] = { ...ON_DEMAND_ENGLISH, ...en, ...catalog } as Catalog;
}

/** What to tell someone who is out of the meeting, by the reason (`state.leftReason`). */
export function leftMessage(reason: string | undefined, lang?: string): string {
  const specific = `room.leftReason.${reason}`;
  return reason && reason !== 'user' && reason !== 'removed' && specific in en ? message(specific as MessageKey, {}, lang) : message('room.left', {}, lang);
}
