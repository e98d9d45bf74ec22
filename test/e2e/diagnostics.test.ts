// <ov-diagnostics> in Chromium against the local OpenVidu server, with real media: what a person sees in the list,
// what the app receives in ov-diagnostics-complete, and that the test participant is nobody in a real room.
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/elements/ov-diagnostics/define.js';
import type { OvDiagnostics } from '../../src/elements/ov-diagnostics/ov-diagnostics.js';
import type { OvDiagnosticsCompleteEvent } from '../../src/events.js';
import { OV_SERVER_URL, UNREACHABLE_URL } from '../support/env.js';
import { addRoom, button, deepQueryAll, expectNothingLeftRunning, joinedRoom, liveTracks, refuseNextDeviceRequests, stage, tiles, uniqueSessionId, waitUntil } from '../support/room-helpers.js';
import { join, leave } from '../server/helpers.js';

/** Each step as shown: its name, status and code. */
function shownSteps(element: OvDiagnostics) {
  return [...element.shadowRoot!.querySelectorAll<HTMLElement>('[part~="step"]')].map((item) => ({
    id: item.dataset.step,
    status: item.dataset.status,
    code: item.dataset.code,
    text: item.innerText,
  }));
}

async function completed(element: OvDiagnostics): Promise<OvDiagnosticsCompleteEvent['detail']> {
  const { detail } = await oneEvent(element, 'ov-diagnostics-complete');
  await element.updateComplete;
  return detail;
}

const buttonNamed = (element: OvDiagnostics, name: string) => [...element.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.trim() === name);

describe('<ov-diagnostics>', function () {
  this.timeout(60000);
  afterEach(async () => {
    for (const element of document.querySelectorAll('ov-diagnostics')) element.remove();
    await expectNothingLeftRunning();
  });

  it('against a healthy server, every step passes with the media round trip, and no track is left live', async () => {
    const element = await fixture<OvDiagnostics>(html`<ov-diagnostics token-url=${`${OV_SERVER_URL}/api`} session-id=${uniqueSessionId('diag-el')}></ov-diagnostics>`);
    // The camera's preview and level show while the check holds them.
    await waitUntil(() => (element.shadowRoot!.querySelector<HTMLVideoElement>('[part="preview"]')?.videoWidth ?? 0) > 0, 'the preview never played', { timeout: 15000 });
    expect(element.shadowRoot!.querySelector('[part="level"]')!.hasAttribute('hidden')).to.equal(false);
    const detail = await completed(element);
    expect(detail.ok).to.equal(true);
    expect(detail.steps.map((step) => [step.id, step.status])).to.deep.equal([
      ['browser', 'passed'],
      ['devices', 'passed'],
      ['token', 'passed'],
      ['server', 'passed'],
      ['join', 'passed'],
      ['media', 'passed'],
    ]);
    const media = detail.steps.find((step) => step.id === 'media')!;
    expect(media.details).to.deep.include({ candidateTypes: ['host'], protocol: 'UDP' });
    expect(media.details.receivedKbps as number).to.be.greaterThan(0);
    // What a person reads.
    const shown = shownSteps(element);
    expect(shown.every((step) => step.status === 'passed' && step.text.includes('Passed'))).to.equal(true);
    expect(shown.find((step) => step.id === 'media')!.text).to.match(/Media through the server\s+Passed[\s\S]*host over UDP, round trip \d+ ms/);
    expect(element.shadowRoot!.querySelector('[part="summary"]')!.textContent).to.equal('Every check passed.');
    expect(element.shadowRoot!.querySelector('[role="status"]')!.textContent).to.equal('Every check passed.');
    // Released: no camera or microphone track, and the preview is gone.
    expect(liveTracks()).to.deep.equal([]);
    expect(element.shadowRoot!.querySelector('[part="preview"]')!.hasAttribute('hidden')).to.equal(true);
    await expect(element).to.be.accessible();
  });

  it('copies a plain-text report, or shows it when the clipboard refuses', async () => {
    const element = await fixture<OvDiagnostics>(html`<ov-diagnostics token-url=${UNREACHABLE_URL} session-id="diag-report"></ov-diagnostics>`);
    await completed(element);
    const clipboard = navigator.clipboard;
    const original = clipboard.writeText;
    let copied = '';
    try {
      clipboard.writeText = async (text: string) => {
        copied = text;
      };
      buttonNamed(element, 'Copy report')!.click();
      await waitUntil(() => copied, 'nothing was copied');
      expect(copied).to.contain('[Failed] Token endpoint (TOKEN_ENDPOINT_UNREACHABLE)').and.contain('What to do:').and.contain(`url: ${UNREACHABLE_URL}`);
      await waitUntil(() => element.shadowRoot!.querySelector('[role="status"]')!.textContent === 'Report copied.', 'the copy was not announced');
      clipboard.writeText = () => Promise.reject(new DOMException('denied', 'NotAllowedError'));
      buttonNamed(element, 'Copy report')!.click();
      await waitUntil(() => element.shadowRoot!.querySelector('textarea'), 'the report was not shown');
      expect(element.shadowRoot!.querySelector('textarea')!.value).to.equal(element.report());
    } finally {
      clipboard.writeText = original;
    }
  });

  it('a dead token endpoint: the token step fails with TOKEN_ENDPOINT_UNREACHABLE, its remedy on screen', async () => {
    const element = await fixture<OvDiagnostics>(html`<ov-diagnostics token-url=${UNREACHABLE_URL} session-id="diag-dead"></ov-diagnostics>`);
    const detail = await completed(element);
    expect(detail.ok).to.equal(false);
    const token = detail.steps.find((step) => step.id === 'token')!;
    expect(token).to.deep.include({ status: 'failed', code: 'TOKEN_ENDPOINT_UNREACHABLE' });
    const shown = shownSteps(element).find((step) => step.id === 'token')!;
    expect(shown).to.deep.include({ status: 'failed', code: 'TOKEN_ENDPOINT_UNREACHABLE' });
    expect(shown.text).to.contain(token.message!).and.contain(`What to do: ${token.remedy!}`);
    expect(shownSteps(element).filter((step) => step.status === 'skipped').map((step) => step.id)).to.deep.equal(['server', 'join', 'media']);
    expect(element.shadowRoot!.querySelector('[part="summary"]')!.textContent).to.equal('1 check(s) failed.');
    await expect(element).to.be.accessible();
  });

  it('a refused camera: the devices step fails with DEVICE_ACCESS_DENIED, the rest is still checked', async () => {
    refuseNextDeviceRequests(1);
    const element = await fixture<OvDiagnostics>(html`<ov-diagnostics token-url=${`${OV_SERVER_URL}/api`} session-id=${uniqueSessionId('diag-cam')}></ov-diagnostics>`);
    const detail = await completed(element);
    expect(detail.steps.find((step) => step.id === 'devices')).to.deep.include({ status: 'failed', code: 'DEVICE_ACCESS_DENIED' });
    expect(shownSteps(element).find((step) => step.id === 'devices')!.text).to.contain('Allow camera and microphone for this site');
    expect(detail.steps.find((step) => step.id === 'media')!.status).to.equal('passed');
  });

  it('speaks the page language', async () => {
    const element = await fixture<OvDiagnostics>(html`<ov-diagnostics lang="de" token-url=${UNREACHABLE_URL} session-id="diag-de"></ov-diagnostics>`);
    await completed(element);
    expect(element.shadowRoot!.querySelector('h2')!.textContent).to.equal('Verbindungsprüfung');
    expect(shownSteps(element).find((step) => step.id === 'token')!.text).to.contain('Token-Endpunkt').and.contain('Fehlgeschlagen');
    expect(buttonNamed(element, 'Bericht kopieren')).to.exist;
  });

  it('the test participant is nobody in an <ov-room> of the same session', async () => {
    const sessionId = uniqueSessionId('diag-room');
    const parent = await stage();
    const room = await joinedRoom(parent, { sessionId, name: 'Ana' });
    // Ben only listens: he proves the test participant is in the session and publishing, at no media cost (on a
    // loaded machine, every extra stream through the local server slows the check's own round trip).
    const ben = await join(sessionId, 'Ben', { publish: false, subscribe: false });
    try {
      await waitUntil(() => room.state.participants.length === 2, 'Ben never showed in the room');
      const joinedNames: string[] = [];
      room.addEventListener('ov-participant-joined', (event) => joinedNames.push(event.detail.participant.name));
      // What the room showed at the moment the test participant's stream reached the session.
      let roomWhenPublished: { names: string[]; tiles: number } | undefined;
      ben.session.on('streamCreated', (event: { stream: { connection: { data: string } } }) => {
        if (event.stream.connection.data.includes('"diagnostics":true')) {
          roomWhenPublished = { names: room.state.participants.map((p) => p.name), tiles: tiles(room).length };
        }
      });
      const element = await fixture<OvDiagnostics>(html`<ov-diagnostics token-url=${`${OV_SERVER_URL}/api`} session-id=${sessionId}></ov-diagnostics>`);
      const detail = await completed(element);
      expect(detail.ok, JSON.stringify(detail.steps.filter((step) => step.status === 'failed'))).to.equal(true);
      expect(roomWhenPublished, "the test participant's stream never reached the session").to.deep.equal({ names: ['Ana', 'Ben'], tiles: 2 });
      expect(joinedNames).to.deep.equal([]);
      expect(room.state.participants.map((p) => p.name)).to.deep.equal(['Ana', 'Ben']);
    } finally {
      await leave(ben);
    }
    room.remove();
    parent.remove();
  });

  it("<ov-room>'s error view runs the check with the room's inputs, loaded on demand", async () => {
    const parent = await stage();
    const room = addRoom(parent, { sessionId: 'diag-from-room', name: 'Ana', tokenUrl: UNREACHABLE_URL });
    await oneEvent(room, 'ov-error');
    await room.updateComplete;
    expect(room.shadowRoot!.querySelector('ov-diagnostics')).to.equal(null);
    const complete = oneEvent(room, 'ov-diagnostics-complete');
    button(room, 'Check the connection').click();
    const { detail } = (await complete) as OvDiagnosticsCompleteEvent;
    const element = room.shadowRoot!.querySelector('ov-diagnostics')!;
    expect(element.tokenUrl).to.equal(UNREACHABLE_URL);
    expect(element.sessionId).to.equal('diag-from-room');
    expect(detail.steps.find((step) => step.id === 'token')!.code).to.equal('TOKEN_ENDPOINT_UNREACHABLE');
    expect(deepQueryAll(room.shadowRoot!, 'button').some((b) => b.textContent!.trim() === 'Check the connection')).to.equal(false);
    // Trying again puts the check away.
    button(room, 'Try again').click();
    await waitUntil(() => !room.shadowRoot!.querySelector('ov-diagnostics'), 'the check stayed');
    room.remove();
    parent.remove();
  });
});
