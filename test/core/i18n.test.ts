import { expect } from '@open-wc/testing';
import { LANGUAGES, catalogFor, loadLanguage, message, registerCatalog, type MessageKey } from '../../src/core/i18n/index.js';
import { en as coreEnglish } from '../../src/core/i18n/en.js';
import { enDiagnostics } from '../../src/core/i18n/en-diagnostics.js';
import { catalog as es } from '../../src/core/i18n/es.js';
import { OvError } from '../../src/core/errors.js';

/** Every key: the built-in English and the English that loads with <ov-diagnostics>. */
const en = { ...coreEnglish, ...enDiagnostics } as Record<MessageKey, string>;
const KEYS = Object.keys(en) as MessageKey[];

/** The placeholder names of a template, matched the way `message()` matches them. */
const placeholders = (template: string): string[] => [...new Set([...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();

// Every language the package ships loads on demand; the tests load them all first.
before(async () => {
  for (const lang of LANGUAGES) expect(await loadLanguage(lang), `${lang} loads`).to.equal(true);
});

/** Every language the package ships; a catalog that drops out of SHIPPED must not drop out of these tests too. */
const EXPECTED_LANGUAGES = ['en', 'es', 'ko', 'ja', 'zh', 'fr', 'de', 'pt'];

/**
 * Keys whose English text may stand in another language too: placeholders only, and words such languages borrow
 * ("Chat", "Participants", "Message"). Anything else equal to English is an untranslated string.
 */
const MAY_EQUAL_ENGLISH = new Set<MessageKey>([
  // The red REC badge reads the same in every language's meeting apps.
  'recording.indicator',
  'device.unnamed',
  'chat.announce.one',
  'control.chat',
  'panel.chat',
  // "Videos" is German too.
  'room.videos',
  'control.participants',
  'panel.participants',
  'chat.composer',
  'chat.messages',
  'participants.moderator',
  // "{step}: {status}." is placeholders only; "Browser" is German too.
  'diagnostics.announce.step',
  'diagnostics.step.browser',
]);

describe('i18n catalogs', () => {
  it('ships the eight languages, English built in', () => {
    expect([...LANGUAGES].sort()).to.deep.equal([...EXPECTED_LANGUAGES].sort());
  });

  for (const lang of LANGUAGES.filter((l) => l !== 'en')) {
    it(`${lang}: translates every English key, and has none English no longer has`, () => {
      const catalog = catalogFor(lang);
      expect(catalog, `${lang} is loaded`).to.not.equal(coreEnglish);
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

    it(`${lang}: translates, rather than copies, the English texts`, () => {
      const catalog = catalogFor(lang);
      const copied = KEYS.filter((key) => !MAY_EQUAL_ENGLISH.has(key) && catalog[key] === en[key]);
      expect(copied, `${lang} texts still in English`).to.deep.equal([]);
    });

    it(`${lang}: keeps the technical names the remedies tell people to type`, () => {
      const catalog = catalogFor(lang);
      const tokens = (text: string) => [...text.matchAll(/token-url|token-convention|tokenProvider|tokenRequestInit|session-id|OPENVIDU_SECRET|PUBLISHER|MODERATOR|Access-Control-Allow-Origin|CORS|HTTPS/g)].map((m) => m[0]).sort();
      const lost = KEYS.filter((key) => key.startsWith('error.') && tokens(en[key]).some((t) => !tokens(catalog[key]).includes(t)));
      expect(lost, `${lang} remedies that lost a name to type`).to.deep.equal([]);
    });
  }

  it('an unknown language stays English and loads nothing', async () => {
    expect(await loadLanguage('tlh')).to.equal(false);
    expect(catalogFor('tlh')).to.equal(coreEnglish);
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

  it('resolves the regional and script tags of every shipped language', () => {
    const tags: Record<string, string[]> = {
      ko: ['ko', 'ko-KR', 'KO-kr'],
      ja: ['ja', 'ja-JP'],
      zh: ['zh', 'zh-CN', 'zh-Hans', 'zh-Hans-CN', 'zh-SG'],
      fr: ['fr', 'fr-FR', 'fr-CA', 'fr-BE'],
      de: ['de', 'de-DE', 'de-AT', 'de-CH'],
      pt: ['pt', 'pt-BR', 'pt-PT'],
    };
    for (const [lang, regional] of Object.entries(tags)) {
      for (const tag of regional) {
        expect(catalogFor(tag), `${tag} → ${lang}`).to.equal(catalogFor(lang));
        expect(catalogFor(tag), `${tag} is not English`).to.not.equal(coreEnglish);
      }
    }
    expect(catalogFor('ko-KR')['room.join']).to.equal('참여하기');
    expect(catalogFor('zh-Hans-CN')['control.leave']).to.equal('离开');
    expect(catalogFor('pt-PT')['control.leave']).to.equal('Sair');
  });

  it('falls back to English for an unknown or missing language', () => {
    expect(catalogFor('sv')).to.equal(coreEnglish);
    expect(catalogFor('sv-SE')).to.equal(coreEnglish);
    expect(catalogFor(undefined)).to.equal(coreEnglish);
    expect(catalogFor('')).to.equal(coreEnglish);
  });
});

describe('registerCatalog', () => {
  it('adds a language, with English for the keys it leaves out', () => {
    registerCatalog('x-test', { 'room.join': 'Zoin', 'room.joinTitle': 'Zoin {session}!' });
    const catalog = catalogFor('X-Test');
    expect(catalog['room.join']).to.equal('Zoin');
    expect(catalog['control.leave']).to.equal(en['control.leave']);
    // The English of parts that load on demand (<ov-diagnostics>) comes with them.
    expect(Object.keys(catalog)).to.include.members(Object.keys(coreEnglish));
    expect(message('room.joinTitle', { session: 'a' }, 'x-test')).to.equal('Zoin a!');
    expect(message('room.videos', {}, 'x-test')).to.equal(en['room.videos']);
    expect(catalogFor('sv')).to.equal(coreEnglish);
  });

  it('a registered regional catalog wins over the shipped language for its tag only', () => {
    registerCatalog('de-x-test', { 'control.leave': 'Tschüss' });
    expect(catalogFor('de-x-test')['control.leave']).to.equal('Tschüss');
    expect(catalogFor('de-x-test-ch')['control.leave']).to.equal('Tschüss');
    expect(catalogFor('de-CH')['control.leave']).to.equal('Verlassen');
  });
});

describe('OvError.toDetail', () => {
  it('describes the error in Korean, with the values in place', () => {
    const error = new OvError('TOKEN_ENDPOINT_UNREACHABLE', { url: 'http://localhost:5000/api', origin: 'http://localhost:8080' });
    const detail = error.toDetail('ko-KR');
    expect(detail.message).to.equal('토큰 엔드포인트(http://localhost:5000/api)에 연결할 수 없습니다.');
    expect(detail.remedy).to.contain('"Access-Control-Allow-Origin: http://localhost:8080"').and.contain('CORS');
    expect(detail.remedy).to.not.match(/\{\w+\}/);
  });

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
