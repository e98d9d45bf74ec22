import { expect } from '@open-wc/testing';
import { LANGUAGES, catalogFor, loadLanguage, message, registerCatalog, type MessageKey } from '../../src/core/i18n/index.js';
import { en } from '../../src/core/i18n/en.js';
import { catalog as es } from '../../src/core/i18n/es.js';
import { OvError } from '../../src/core/errors.js';

const KEYS = Object.keys(en) as MessageKey[];

/** The placeholder names of a template, matched the way `message()` matches them. */
const placeholders = (template: string): string[] => [...new Set([...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();

// Every language the package ships loads on demand; the tests load them all first.
before(async () => {
  for (const lang of LANGUAGES) expect(await loadLanguage(lang), `${lang} loads`).to.equal(true);
});

describe('i18n catalogs', () => {
  for (const lang of LANGUAGES.filter((l) => l !== 'en')) {
    it(`${lang}: translates every English key, and has none English no longer has`, () => {
      const catalog = catalogFor(lang);
      expect(catalog, `${lang} is loaded`).to.not.equal(en);
      const missing = KEYS.filter((key) => typeof catalog[key] !== 'string' || catalog[key].trim() === '');
      expect(missing, `keys ${lang} misses`).to.deep.equal([]);
      expect(Object.keys(catalog).filter((key) => !(key in en)), `keys ${lang} has that English no longer has`).to.deep.equal([]);
    });

    it(`${lang}: keeps the same placeholders in every message`, () => {
      const catalog = catalogFor(lang);
      const mismatched = KEYS.filter((key) => placeholders(en[key]).join() !== placeholders(catalog[key]).join()).map(
        (key) => `${key}: en {${placeholders(en[key]).join()}} ${lang} {${placeholders(catalog[key]).join()}}`,
      );
      expect(mismatched).to.deep.equal([]);
    });
  }

  it('an unknown language stays English and loads nothing', async () => {
    expect(await loadLanguage('tlh')).to.equal(false);
    expect(catalogFor('tlh')).to.equal(en);
  });
});

describe('message', () => {
  it('fills the placeholders it is given', () => {
    expect(message('room.joinTitle', { session: 'standup' })).to.equal('Join "standup"');
    expect(message('room.joinTitle', { session: 'standup' }, 'es')).to.equal('Unirse a "standup"');
    expect(message('error.CONNECTION_LOST.message', { seconds: 30 }, 'en')).to.contain('within 30 seconds');
  });

  it('leaves unknown placeholders as they are', () => {
    expect(message('room.joinTitle')).to.equal('Join "{session}"');
    expect(message('error.TOKEN_ENDPOINT_HTTP_ERROR.message', { url: 'http://x' }, 'en')).to.equal(
      'The token endpoint http://x answered HTTP {status}: {serverMessage}',
    );
  });
});

describe('catalogFor', () => {
  it('falls back from a regional tag to its language', () => {
    expect(catalogFor('es-ES')['room.join']).to.equal(es['room.join']);
    expect(catalogFor('ES-mx')['control.leave']).to.equal(es['control.leave']);
    expect(catalogFor('es')).to.equal(catalogFor('es-ES'));
  });

  it('falls back to English for an unknown or missing language', () => {
    expect(catalogFor('fr')).to.equal(en);
    expect(catalogFor('fr-FR')).to.equal(en);
    expect(catalogFor(undefined)).to.equal(en);
    expect(catalogFor('')).to.equal(en);
  });
});

describe('registerCatalog', () => {
  it('adds a language, with English for the keys it leaves out', () => {
    registerCatalog('x-test', { 'room.join': 'Zoin', 'room.joinTitle': 'Zoin {session}!' });
    const catalog = catalogFor('X-Test');
    expect(catalog['room.join']).to.equal('Zoin');
    expect(catalog['control.leave']).to.equal(en['control.leave']);
    expect(Object.keys(catalog).sort()).to.deep.equal([...KEYS].sort());
    expect(message('room.joinTitle', { session: 'a' }, 'x-test')).to.equal('Zoin a!');
    expect(message('room.participants', {}, 'x-test')).to.equal(en['room.participants']);
    expect(catalogFor('fr')).to.equal(en);
  });
});

describe('OvError.toDetail', () => {
  it('describes the error in Spanish', () => {
    const error = new OvError('TOKEN_ENDPOINT_HTTP_ERROR', { url: 'http://x', status: 500, serverMessage: 'boom' });
    expect(error.message).to.equal('The token endpoint http://x answered HTTP 500: boom');

    const detail = error.toDetail('es');
    expect(detail.code).to.equal('TOKEN_ENDPOINT_HTTP_ERROR');
    expect(detail.message).to.equal('El endpoint de tokens http://x respondió HTTP 500: boom');
    expect(detail.message).to.contain('http://x').and.contain('500');
    expect(detail.remedy).to.equal(es['error.TOKEN_ENDPOINT_HTTP_ERROR.remedy']);
    expect(detail.remedy).to.not.equal(en['error.TOKEN_ENDPOINT_HTTP_ERROR.remedy']);
    expect(detail.details).to.deep.equal({ url: 'http://x', status: 500, serverMessage: 'boom' });
    expect(error.toDetail('es-ES')).to.deep.equal(detail);
  });
});
