/** Message lookup: a catalog per language, English as the fallback, `{name}` placeholders filled in. */
import { en, type Catalog, type MessageKey } from './en.js';
import { es } from './es.js';

export type { MessageKey, Catalog };

const CATALOGS: Record<string, Catalog> = { en, es };

/** The catalog for a BCP 47 tag such as "es-ES", falling back to its language and then to English. */
export function catalogFor(lang?: string): Catalog {
  const tag = (lang ?? '').toLowerCase();
  return CATALOGS[tag] ?? CATALOGS[tag.split('-')[0]] ?? en;
}

export function message(key: MessageKey, params: Readonly<Record<string, string | number>> = {}, lang?: string): string {
  // A key no catalog knows shows as itself rather than breaking the view that asked for it.
  const template: string = catalogFor(lang)[key] ?? en[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** Adds or replaces a language, for apps that need one the package does not ship. */
export function registerCatalog(lang: string, catalog: Partial<Catalog>): void {
  CATALOGS[lang.toLowerCase()] = { ...en, ...catalog };
}
