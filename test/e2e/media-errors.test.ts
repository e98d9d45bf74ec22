// When sending or playing media fails during a call: the media server refuses a publish, the screen's token may not
// publish, a chosen speaker is not there. What the person reads in the room and what the app receives (ov-error).
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../src/elements/ov-diagnostics/define.js';
import type { OvDiagnostics } from '../../src/elements/ov-diagnostics/ov-diagnostics.js';
import type { OvRoom } from '../../src/elements/ov-room/ov-room.js';
import type { OvErrorEvent } from '../../src/events.js';
import { OV_SERVER_URL } from '../support/env.js';
import {
  addRoom,
  button,
  expectNothingLeftRunning,
  hearsOthers,
  joinedRoom,
  liveTracks,
  roomAudio,
  stage,
  uniqueSessionId,
  videoPlaying,
  waitUntil,
} from '../support/room-helpers.js';

/** The room's notice about `code`: what the person reads. */
const notice = (room: OvRoom, code: string) => room.shadowRoot!.querySelector<HTMLElement>(`[part="notice"][data-code="${code}"]`);

/** The first ov-error of `room` with `code`. */
const errorWithCode = (room: OvRoom, code: string) =>
  new Promise<OvErrorEvent['detail']>((resolve) => room.addEventListener('ov-error', (event) => event.detail.code === code && resolve(event.detail)));

const refuseMedia = (sessionId: string, mode: 'refuse' | 'accept' = 'refuse') => executeServerCommand('ov-server', { action: 'refuse-media', sessionId, mode });

describe('media errors', function () {
  this.timeout(60000);
  afterEach(async () => {
    for (const element of document.querySelectorAll('ov-diagnostics')) element.remove();
    await expectNothingLeftRunning();
  });

  it('the media server refuses the camera: PUBLISH_FAILED, the room goes on, and Try again publishes it', async () => {
    const parent = await stage();
    const sessionId = uniqueSessionId('no-publish');
    await refuseMedia(sessionId);
    const ana = addRoom(parent, { sessionId, name: 'Ana' });
    const failed = errorWithCode(ana, 'PUBLISH_FAILED');
    const detail = await failed;
    expect(detail.fatal).to.equal(false);
    expect(detail.message).to.contain('Sending your camera and microphone failed').and.contain('Media negotiation failed');
    await waitUntil(() => notice(ana, 'PUBLISH_FAILED'), 'no notice');
    expect(notice(ana, 'PUBLISH_FAILED')!.innerText).to.contain(detail.message).and.contain(detail.remedy);
    expect(ana.state.status).to.equal('joined');
    expect(ana.state.local!.publishing).to.equal(false);
    await waitUntil(() => liveTracks().length === 0, 'the camera light stayed on');
    // The deployment works again: Try again, and Ben sees Ana.
    await refuseMedia(sessionId, 'accept');
    const ben = await joinedRoom(parent, { sessionId, name: 'Ben' });
    const retry = [...notice(ana, 'PUBLISH_FAILED')!.querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Try again')!;
    retry.click();
    await videoPlaying(ben, 'Ana');
    expect(notice(ana, 'PUBLISH_FAILED'), 'the notice goes').to.equal(null);
    parent.remove();
  });

  it('<ov-diagnostics> against a media server that refuses: the media step fails with PUBLISH_FAILED, on screen', async () => {
    const sessionId = uniqueSessionId('diag-no-publish');
    await refuseMedia(sessionId);
    const element = await fixture<OvDiagnostics>(html`<ov-diagnostics token-url=${`${OV_SERVER_URL}/api`} session-id=${sessionId}></ov-diagnostics>`);
    const { detail } = await oneEvent(element, 'ov-diagnostics-complete');
    await element.updateComplete;
    const media = detail.steps.find((step: { id: string }) => step.id === 'media');
    expect(media).to.deep.include({ status: 'failed', code: 'PUBLISH_FAILED' });
    expect(detail.steps.filter((step: { status: string }) => step.status === 'failed')).to.have.length(1);
    const shown = element.shadowRoot!.querySelector<HTMLElement>('[part~="step"][data-step="media"]')!;
    expect(shown.dataset.code).to.equal('PUBLISH_FAILED');
    expect(shown.innerText).to.contain(media.message).and.contain(`What to do: ${media.remedy}`);
    expect(liveTracks()).to.deep.equal([]);
  });

  it('the screen\'s token may not publish (a SUBSCRIBER token from the app server): SCREEN_SHARE_FAILED, the camera goes on', async () => {
    const parent = await stage();
    const sessionId = uniqueSessionId('screen-subscriber');
    const ana = addRoom(parent, { sessionId, name: 'Ana', tokenUrl: '' });
    ana.tokenProvider = async ({ kind }) =>
      ((await executeServerCommand('ov-server', { action: 'token', sessionId, role: kind === 'screen' ? 'SUBSCRIBER' : 'PUBLISHER' })) as { token: string }).token;
    await oneEvent(ana, 'ov-joined');
    const ben = await joinedRoom(parent, { sessionId, name: 'Ben' });
    await videoPlaying(ben, 'Ana');
    const failed = errorWithCode(ana, 'SCREEN_SHARE_FAILED');
    await ana.startScreenShare();
    const detail = await failed;
    expect(detail.fatal).to.equal(false);
    expect(detail.message).to.contain('Sharing your screen failed');
    await waitUntil(() => notice(ana, 'SCREEN_SHARE_FAILED'), 'no notice');
    expect(notice(ana, 'SCREEN_SHARE_FAILED')!.innerText).to.contain(detail.message).and.contain(detail.remedy);
    expect(ana.state.local!.screen).to.equal(undefined);
    await waitUntil(() => liveTracks().every((t) => !t.label.startsWith('screen:')), 'the screen stayed captured');
    expect(ben.state.participants.find((p) => p.name === 'Ana')!.screen, 'Ben sees no screen').to.equal(undefined);
    await videoPlaying(ben, 'Ana');
    parent.remove();
  });

  it('a speaker that is not there (a stale device id): SPEAKER_UNAVAILABLE, and the others are still heard', async () => {
    const parent = await stage();
    const sessionId = uniqueSessionId('speaker');
    const ana = await joinedRoom(parent, { sessionId, name: 'Ana' });
    await joinedRoom(parent, { sessionId, name: 'Ben' });
    await hearsOthers(ana, 1);
    const failed = errorWithCode(ana, 'SPEAKER_UNAVAILABLE');
    await ana.switchDevice('audiooutput', 'speaker-unplugged-since');
    const detail = await failed;
    expect(detail).to.include({ fatal: false, message: 'The speaker "speaker-unplugged-since" could not be used.' });
    await waitUntil(() => notice(ana, 'SPEAKER_UNAVAILABLE'), 'no notice');
    expect(notice(ana, 'SPEAKER_UNAVAILABLE')!.innerText).to.contain(detail.message).and.contain(detail.remedy);
    expect(roomAudio(ana).every(({ element }) => element.sinkId === ''), 'the sound stays on the default speaker').to.equal(true);
    await hearsOthers(ana, 1);
    // Someone who joins afterwards plays on the default speaker too, not on the one refused.
    await joinedRoom(parent, { sessionId, name: 'Cai' });
    await hearsOthers(ana, 2);
    expect(roomAudio(ana).map(({ element }) => element.sinkId)).to.deep.equal(['', '']);
    button(ana, 'Dismiss').click();
    await waitUntil(() => !notice(ana, 'SPEAKER_UNAVAILABLE'), 'the notice stayed');
    parent.remove();
  });
});
