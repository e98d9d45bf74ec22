// A meeting in another language through the local OpenVidu server, with real media: what a person sees and hears
// (accessible names from the browser's accessibility tree, visible text) in the lobby, the toolbar, the chat and
// participants panels, an error and a notice; the language switching mid-call without leaving; the page's language
// followed for every shipped language.
import { expect, oneEvent } from '@open-wc/testing';
import { a11ySnapshot, executeServerCommand } from '@web/test-runner-commands';
import type { OvRoom } from '../../src/elements/ov-room/ov-room.js';
import { en, type MessageKey } from '../../src/core/i18n/en.js';
import { catalogFor, loadLanguage } from '../../src/core/i18n/index.js';
import { TOKEN_FIXTURE_URL } from '../support/env.js';
import { waitUntil, addRoom, button, deepQueryAll, expectNothingLeftRunning, findButton, joinedRoom, uniqueSessionId, videoPlaying } from '../support/room-helpers.js';

interface AxNode {
  role: string;
  name?: string;
  value?: string | number;
  children?: AxNode[];
}

/**
 * Every accessible name (and text) inside the landmark `selector` (a region of the test page around one room), as a
 * screen reader gets them from Chromium. The region is what makes the subtree whole: the snapshot of an element with
 * no role of its own holds only its first accessible descendant.
 */
async function heard(selector: string): Promise<{ role: string; name: string }[]> {
  const root = (await a11ySnapshot({ selector })) as unknown as AxNode | null;
  const found: { role: string; name: string }[] = [];
  const visit = (node: AxNode) => {
    // Chromium joins the parts of a name from content with spaces ("Participants , 2"): read as said, "Participants, 2".
    if (node.name?.trim()) found.push({ role: node.role, name: node.name.trim().replace(/\s+,/g, ',') });
    if (typeof node.value === 'string' && node.value.trim()) found.push({ role: `${node.role} value`, name: node.value.trim() });
    node.children?.forEach(visit);
  };
  root?.children?.forEach(visit);
  return found;
}

/** A landmark of the test page holding one room, so that `heard()` can read that room alone. */
function page(parent: HTMLElement, id: string): HTMLElement {
  const region = document.createElement('div');
  region.id = id;
  region.setAttribute('role', 'region');
  region.setAttribute('aria-label', id);
  parent.append(region);
  return region;
}

/** Every text node and every text attribute a person can meet under `host`, through shadow roots. */
function seen(host: Element): string[] {
  const texts: string[] = [];
  const visit = (root: ParentNode) => {
    for (const node of root.childNodes) {
      if (node.nodeType === Node.TEXT_NODE) {
        const parent = node.parentElement;
        if (node.textContent!.trim() && parent?.localName !== 'style' && parent?.checkVisibility()) texts.push(node.textContent!.trim());
      } else if (node instanceof Element) {
        for (const name of ['aria-label', 'placeholder', 'title', 'alt']) {
          const value = node.getAttribute(name)?.trim();
          if (value) texts.push(value);
        }
        if (node.shadowRoot) visit(node.shadowRoot);
        visit(node);
      }
    }
  };
  visit(host.shadowRoot ?? host);
  return texts;
}

/**
 * English catalog texts that `lang` words differently, as patterns (placeholders match anything): a text a person
 * meets that matches one is a string left in English.
 */
function englishPatterns(lang: string): { key: MessageKey; pattern: RegExp }[] {
  const catalog = catalogFor(lang);
  const english = en as Record<MessageKey, string>;
  return (Object.keys(en) as MessageKey[])
    .filter((key) => catalog[key] !== english[key])
    .map((key) => {
      const parts = english[key].split(/\{\w+\}/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
      return { key, pattern: new RegExp(`^${parts.join('.+')}$`, 's') };
    });
}

function leftInEnglish(texts: string[], lang: string): string[] {
  const patterns = englishPatterns(lang);
  return [...new Set(texts)].filter((text) => patterns.some(({ pattern }) => pattern.test(text))).map((text) => `"${text}" (${patterns.find((p) => p.pattern.test(text))!.key})`);
}

/**
 * Latin words in what a Korean page shows, apart from what is not ours to translate: names, device labels, the
 * session id, technical names. A Korean text is Hangul; an English word in it is a string left untranslated.
 */
function latinWords(texts: string[], allowed: string[]): string[] {
  const words = new Set<string>();
  for (let text of texts) {
    for (const keep of allowed) text = text.split(keep).join(' ');
    for (const word of text.match(/[A-Za-z]{2,}/g) ?? []) if (!['OpenVidu', 'HTTP', 'HTTPS'].includes(word)) words.add(word);
  }
  return [...words];
}

const ko = (key: MessageKey, params: Record<string, string | number> = {}) => catalogFor('ko')[key].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name]));

before(async () => {
  for (const lang of ['ko', 'ja']) expect(await loadLanguage(lang)).to.equal(true);
});

describe('a meeting in Korean', () => {
  afterEach(expectNothingLeftRunning);

  it('lobby, toolbar, chat, participants, an error and a notice are Korean; switching lang mid-call rewords everything at once and stays in the call', async () => {
    const container = document.createElement('div');
    container.style.cssText = 'display:grid;grid-template-columns:900px 300px;gap:4px';
    document.body.append(container);
    const sessionId = uniqueSessionId('ko');
    const devices = (await navigator.mediaDevices.enumerateDevices()).map((d) => d.label).filter(Boolean);

    const moderatorToken = async () => ((await executeServerCommand('ov-server', { action: 'token', sessionId, role: 'MODERATOR' })) as { token: string }).token;

    // The lobby. Ana moderates, so her participants panel has the moderation controls.
    const ana = addRoom(page(container, 'ana'), { sessionId, name: 'Ana', noPrejoin: false, lang: 'ko', tokenUrl: '' });
    ana.tokenProvider = moderatorToken;
    ana.style.height = '640px';
    await waitUntil(() => findButton(ana, ko('room.join')), 'the lobby never spoke Korean');
    await waitUntil(() => deepQueryAll(ana.shadowRoot!, 'option').length >= 3 && !ana.state.mediaStarting, 'the lobby never listed the devices');
    await ana.updateComplete;
    let names = await heard('#ana');
    const allowed = ['Ana', 'Mia', sessionId, ...devices];
    expect(names.filter((n) => n.role === 'button').map((n) => n.name)).to.include.members([ko('room.join'), ko('control.microphone'), ko('control.camera')]);
    expect(names.map((n) => n.name)).to.include.members([ko('room.nameLabel'), ko('device.label.audioinput'), ko('device.label.videoinput'), ko('device.label.audiooutput')]);
    // The preview group and the level meter carry labels too (the tree leaves such containers out).
    expect(seen(ana)).to.include.members([ko('prejoin.level'), ko('prejoin.preview')]);
    expect(leftInEnglish([...names.map((n) => n.name), ...seen(ana)], 'ko'), 'lobby texts in English').to.deep.equal([]);
    expect(latinWords([...names.map((n) => n.name), ...seen(ana)], allowed), 'English words in the lobby').to.deep.equal([]);

    // An error, as a person who cannot join reads it.
    const failing = addRoom(page(container, 'failing'), { sessionId, name: 'Bo', noPrejoin: true, lang: 'ko-KR', tokenUrl: `${TOKEN_FIXTURE_URL}/error-500` });
    const error = await oneEvent(failing, 'ov-error');
    expect(error.detail.code).to.equal('TOKEN_ENDPOINT_HTTP_ERROR');
    expect(error.detail.message).to.equal(ko('error.TOKEN_ENDPOINT_HTTP_ERROR.message', error.detail.details as Record<string, string>));
    await waitUntil(() => findButton(failing, ko('room.retry')), 'the error had no Korean "Try again"');
    const errorTexts = [...(await heard('#failing')).map((n) => n.name), ...seen(failing)];
    expect(errorTexts).to.include.members([ko('room.errorTitle'), error.detail.message, ko('error.TOKEN_ENDPOINT_HTTP_ERROR.remedy')]);
    expect(leftInEnglish(errorTexts, 'ko'), 'error texts in English').to.deep.equal([]);
    failing.remove();

    // The meeting, with a moderator from an English page.
    const joined = oneEvent(ana, 'ov-joined');
    button(ana, ko('room.join')).click();
    await joined;
    const mia = addRoom(container, { sessionId, name: 'Mia', tokenUrl: '' });
    mia.tokenProvider = moderatorToken;
    await oneEvent(mia, 'ov-joined');
    await videoPlaying(ana, 'Mia');
    await waitUntil(() => ana.state.local?.publishing, 'Ana never published');
    const toolbarNames = [ko('control.microphone'), ko('control.camera'), ko('control.screen'), ko('control.chat'), `${ko('control.participants')}, 2`, ko('control.settings'), ko('control.leave')];
    await waitUntil(async () => (await heard('#ana')).filter((n) => n.role === 'button').length >= toolbarNames.length, 'the toolbar never showed');
    names = await heard('#ana');
    expect(names.filter((n) => n.role === 'button').map((n) => n.name)).to.include.members(toolbarNames);
    expect(seen(ana), 'the toolbar\'s label').to.include(ko('room.toolbar'));
    expect(seen(ana).filter((text) => text.startsWith(ko('participant.you', { name: 'Ana' }))), 'Ana\'s own tile').to.not.be.empty;
    expect(leftInEnglish([...names.map((n) => n.name), ...seen(ana)], 'ko'), 'meeting texts in English').to.deep.equal([]);

    // The chat panel, with a message from the English page.
    button(ana, ko('control.chat')).click();
    await waitUntil(() => ana.shadowRoot!.querySelector('ov-chat'), 'the chat never opened');
    await waitUntil(async () => (await heard('#ana')).some((n) => n.name === ko('chat.empty')), 'the empty chat said nothing in Korean');
    await mia.sendChatMessage('Hello from Mia');
    await waitUntil(() => seen(ana).includes('Hello from Mia'), 'Mia\'s message never arrived');
    names = await heard('#ana');
    expect(names.map((n) => n.name)).to.include.members([ko('panel.chat'), ko('chat.send'), ko('chat.composer')]);
    expect(seen(ana)).to.include(ko('chat.placeholder'));
    const chatTexts = [...names.map((n) => n.name), ...seen(ana)].filter((text) => !text.includes('Hello from Mia'));
    expect(leftInEnglish(chatTexts, 'ko'), 'chat texts in English').to.deep.equal([]);
    expect(latinWords(chatTexts, allowed), 'English words in the chat').to.deep.equal([]);

    // The participants panel.
    button(ana, ko('control.participants')).click();
    await waitUntil(() => ana.shadowRoot!.querySelector('ov-participants'), 'the participants panel never opened');
    await waitUntil(async () => (await heard('#ana')).some((n) => n.name === ko('panel.participants', { count: 2 })), 'no Korean participants title');
    names = await heard('#ana');
    expect([...names.map((n) => n.name), ...seen(ana)]).to.include(ko('participants.list'));
    expect(names.filter((n) => n.role === 'button').map((n) => n.name)).to.include.members([ko('participants.stopCamera'), ko('participants.remove')]);
    let peopleTexts = [...names.map((n) => n.name), ...seen(ana)];
    expect(peopleTexts).to.include.members([ko('participants.actionsFor', { name: 'Mia' })]);
    expect(peopleTexts.some((text) => text.includes(ko('participants.moderator'))), 'Ana is not shown as 진행자').to.equal(true);
    expect(leftInEnglish(peopleTexts, 'ko'), 'participants texts in English').to.deep.equal([]);
    // The confirmation of a removal, then cancelled.
    button(ana, ko('participants.remove')).click();
    await waitUntil(() => findButton(ana, ko('participants.confirm')), 'no Korean confirmation');
    names = await heard('#ana');
    expect(names.filter((n) => n.role === 'button').map((n) => n.name)).to.include.members([ko('participants.confirm'), ko('participants.cancel')]);
    peopleTexts = [...names.map((n) => n.name), ...seen(ana)];
    expect(peopleTexts).to.include(ko('participants.confirmRemove', { name: 'Mia' }));
    expect(leftInEnglish(peopleTexts, 'ko'), 'participants texts in English').to.deep.equal([]);
    expect(latinWords(peopleTexts, allowed), 'English words in the participants panel').to.deep.equal([]);
    button(ana, ko('participants.cancel')).click();
    await waitUntil(() => !findButton(ana, ko('participants.confirm')), 'the confirmation stayed');
    expect(ana.state.participants, 'cancelled: Mia stays').to.have.length(2);

    // A notice: the moderator stops Ana's camera.
    const told = oneEvent(ana, 'ov-error');
    await mia.state.stopParticipantStream(ana.state.local!.participantId, 'camera');
    expect((await told).detail).to.include({ code: 'CAMERA_STOPPED_BY_MODERATOR', message: ko('error.CAMERA_STOPPED_BY_MODERATOR.message') });
    await waitUntil(() => deepQueryAll(ana.shadowRoot!, '[part="notice"][data-code="CAMERA_STOPPED_BY_MODERATOR"]').length, 'no notice shown');
    const notice = deepQueryAll<HTMLElement>(ana.shadowRoot!, '[part="notice"][data-code="CAMERA_STOPPED_BY_MODERATOR"]')[0]!;
    expect(notice.innerText).to.contain(ko('error.CAMERA_STOPPED_BY_MODERATOR.message')).and.contain(ko('error.CAMERA_STOPPED_BY_MODERATOR.remedy'));
    names = await heard('#ana');
    expect(names.map((n) => n.name)).to.include(ko('room.dismiss'));
    expect(leftInEnglish([...names.map((n) => n.name), ...seen(ana)], 'ko'), 'texts in English with the notice').to.deep.equal([]);
    expect(latinWords([...names.map((n) => n.name), ...seen(ana)].filter((text) => !text.includes('Hello from Mia')), allowed)).to.deep.equal([]);

    // Japanese, mid-call: every text changes, the call goes on.
    const { connectionId } = ana.state.local!;
    const events: string[] = [];
    for (const type of ['ov-left', 'ov-joined', 'ov-reconnecting']) ana.addEventListener(type, () => events.push(type));
    const ja = catalogFor('ja');
    ana.lang = 'ja';
    await waitUntil(async () => (await heard('#ana')).some((n) => n.role === 'button' && n.name === ja['control.leave']), 'the toolbar did not switch to Japanese');
    names = await heard('#ana');
    expect(names.filter((n) => n.role === 'button').map((n) => n.name)).to.include.members([ja['control.microphone'], ja['control.camera'], ja['control.chat'], `${ja['control.participants']}, 2`, ja['room.dismiss']]);
    expect(names.map((n) => n.name)).to.include(ja['panel.participants'].replace('{count}', '2'));
    expect(notice.isConnected ? notice.innerText : deepQueryAll<HTMLElement>(ana.shadowRoot!, '[part="notice"]')[0]!.innerText).to.contain(ja['error.CAMERA_STOPPED_BY_MODERATOR.message']);
    const japaneseTexts = [...names.map((n) => n.name), ...seen(ana)].filter((text) => !text.includes('Hello from Mia'));
    expect(leftInEnglish(japaneseTexts, 'ja'), 'texts in English after the switch').to.deep.equal([]);
    // What the live region announced before the switch was said then, in Korean; it is not said again.
    const announced = ko('room.announce.participantJoined', { name: 'Mia' });
    expect(japaneseTexts.filter((text) => /[\uac00-\ud7a3]/.test(text) && text !== announced), 'Korean left after the switch').to.deep.equal([]);
    expect(ana.state.status).to.equal('joined');
    expect(ana.state.local!.connectionId, 'the same connection: no rejoin').to.equal(connectionId);
    expect(events).to.deep.equal([]);
    await videoPlaying(ana, 'Mia');

    // Back to Korean, already loaded: at once.
    ana.lang = 'ko';
    await ana.updateComplete;
    await waitUntil(() => findButton(ana, ko('control.leave')), 'Korean did not come back');
    expect(ana.state.local!.connectionId).to.equal(connectionId);
    container.remove();
  });
});

describe('the page\'s language', () => {
  afterEach(expectNothingLeftRunning);

  const pageLanguage = document.documentElement.lang;
  afterEach(() => {
    document.documentElement.lang = pageLanguage;
  });

  // A regional or script tag of each shipped language, as pages write them.
  const PAGES: [string, string][] = [
    ['es-ES', 'es'],
    ['ko-KR', 'ko'],
    ['ja-JP', 'ja'],
    ['zh-CN', 'zh'],
    ['zh-Hans', 'zh'],
    ['fr-FR', 'fr'],
    ['de-DE', 'de'],
    ['pt-BR', 'pt'],
    ['pt-PT', 'pt'],
  ];
  for (const [tag, lang] of PAGES) {
    it(`<html lang="${tag}">: a room without lang speaks ${lang}`, async () => {
      document.documentElement.lang = tag;
      const room: OvRoom = addRoom(document.body, { sessionId: uniqueSessionId(lang), name: 'Ana', noPrejoin: false });
      // Loaded from its file on demand, unless an earlier test loaded it already.
      await waitUntil(() => catalogFor(lang) !== en && findButton(room, catalogFor(lang)['room.join']), `the lobby never spoke ${lang}`);
      expect(button(room, catalogFor(lang)['room.join']).textContent!.trim()).to.equal(catalogFor(lang)['room.join']);
      expect(room.state.lang).to.equal(tag);
      room.remove();
    });
  }

  it('a room with lang of its own ignores the page', async () => {
    document.documentElement.lang = 'de-DE';
    await loadLanguage('fr');
    const room = await joinedRoom(document.body, { sessionId: uniqueSessionId('own'), name: 'Ana', lang: 'fr-CA' });
    await waitUntil(() => findButton(room, catalogFor('fr')['control.leave']), 'the room did not speak its own French');
    expect(findButton(room, catalogFor('de')['control.leave'])).to.equal(undefined);
    room.remove();
  });
});
