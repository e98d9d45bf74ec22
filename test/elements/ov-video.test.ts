import { expect, fixture, html } from '@open-wc/testing';
import { OpenVidu, type Publisher, type Session, type Subscriber } from 'openvidu-browser';
import '../../src/elements/ov-video/define.js';
import type { OvVideo } from '../../src/elements/ov-video/ov-video.js';
import { TokenSource } from '../../src/core/token-source.js';
import { OV_SERVER_URL } from '../support/env.js';
import { waitUntil, liveTracks, uniqueSessionId } from '../support/room-helpers.js';

/** An app that drives openvidu-browser itself: connects and publishes its camera through the local server. */
async function appPublisher(name: string): Promise<{ session: Session; publisher: Publisher }> {
  const sessionId = uniqueSessionId('standalone');
  const token = await new TokenSource({ tokenUrl: `${OV_SERVER_URL}/api` }).get({ sessionId, participantName: name, kind: 'camera' });
  const ov = new OpenVidu();
  ov.enableProdMode();
  const session = ov.initSession();
  await session.connect(token, { clientData: name });
  const publisher = await ov.initPublisherAsync(undefined, { resolution: '320x240' });
  await session.publish(publisher);
  return { session, publisher };
}

const listenerCount = (publisher: Publisher) => {
  const ee = (publisher as unknown as { ee: { getListeners(e: RegExp): Record<string, unknown[]> } }).ee;
  return Object.values(ee.getListeners(/.*/)).reduce((sum, list) => sum + list.length, 0);
};

describe('<ov-video> with a streamManager (standalone)', () => {
  it('shows the stream playing with its name, follows the microphone, and lets go when removed', async () => {
    const { session, publisher } = await appPublisher('Zoe');
    const listenersBefore = listenerCount(publisher);
    const tile = await fixture<OvVideo>(html`<ov-video style="width:320px;height:240px" .streamManager=${publisher}></ov-video>`);
    const video = tile.shadowRoot!.querySelector('video')!;
    await waitUntil(() => video.videoWidth > 0, 'the video never played');
    expect(tile.shadowRoot!.querySelector('[part="name"]')!.textContent).to.equal('Zoe (you)');
    expect(listenerCount(publisher)).to.be.greaterThan(listenersBefore);
    await expect(tile).to.be.accessible();

    await publisher.publishAudio(false);
    await waitUntil(() => tile.shadowRoot!.querySelector('[part="mic-off"]'), 'the tile never showed the microphone off');
    expect(tile.shadowRoot!.querySelector('[part="base"]')!.getAttribute('aria-label')).to.equal('Zoe (you), microphone off');

    tile.remove();
    expect(video.srcObject).to.equal(null);
    expect(listenerCount(publisher)).to.equal(listenersBefore);
    expect(publisher.videos.some((v) => v.video === video)).to.equal(false);

    // The app owns what it created: it stops its own tracks.
    const tracks = publisher.stream.getMediaStream().getTracks();
    session.disconnect();
    tracks.forEach((track) => track.stop());
    expect(liveTracks()).to.have.length(0);
  });

  it('mounted and removed 50 times, leaves no listener and no video attached', async () => {
    const { session, publisher } = await appPublisher('Zoe');
    const listenersBefore = listenerCount(publisher);
    const videosBefore = publisher.videos.length;
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    for (let i = 0; i < 50; i++) {
      const tile = document.createElement('ov-video');
      tile.streamManager = publisher;
      host.append(tile);
      await tile.updateComplete;
      tile.remove();
    }
    expect(listenerCount(publisher)).to.equal(listenersBefore);
    expect(publisher.videos.length).to.equal(videosBefore);
    const tracks = publisher.stream.getMediaStream().getTracks();
    session.disconnect();
    tracks.forEach((track) => track.stop());
  });

  it('shows a remote Subscriber with the name from its connection data', async () => {
    const zoe = await appPublisher('Zoe');
    const token = await new TokenSource({ tokenUrl: `${OV_SERVER_URL}/api` }).get({ sessionId: zoe.session.sessionId, participantName: 'Yan', kind: 'camera' });
    const ov = new OpenVidu();
    ov.enableProdMode();
    const viewer = ov.initSession();
    const subscribed = new Promise<Subscriber>((resolve) => viewer.on('streamCreated', (event) => resolve(viewer.subscribe(event.stream, undefined))));
    await viewer.connect(token, { clientData: 'Yan' });
    const subscriber = await subscribed;
    const tile = await fixture<OvVideo>(html`<ov-video style="width:320px;height:240px" .streamManager=${subscriber}></ov-video>`);
    await waitUntil(() => tile.shadowRoot!.querySelector('video')!.videoWidth > 0, 'the remote video never played');
    expect(tile.shadowRoot!.querySelector('[part="name"]')!.textContent).to.equal('Zoe');
    expect(tile.matches(':state(mirrored)')).to.equal(false);
    tile.remove();
    viewer.disconnect();
    const tracks = zoe.publisher.stream.getMediaStream().getTracks();
    zoe.session.disconnect();
    tracks.forEach((track) => track.stop());
  });

  it('offers a Play button where the browser blocks autoplay (iOS Safari), and plays on click', async () => {
    const { session, publisher } = await appPublisher('Zoe');
    // The browser's answer without a user gesture, as iOS Safari gives it.
    const nativePlay = HTMLMediaElement.prototype.play;
    let blocked = true;
    let plays = 0;
    HTMLMediaElement.prototype.play = function (this: HTMLMediaElement) {
      plays += 1;
      return blocked ? Promise.reject(new DOMException('play() needs a user gesture', 'NotAllowedError')) : nativePlay.call(this);
    };
    try {
      const tile = await fixture<OvVideo>(html`<ov-video style="width:320px;height:240px" .streamManager=${publisher}></ov-video>`);
      await waitUntil(() => tile.shadowRoot!.querySelector('[part="play"]'), 'no Play button appeared');
      const play = tile.shadowRoot!.querySelector<HTMLButtonElement>('[part="play"]')!;
      expect(play.textContent!.trim()).to.equal('Play video and sound');
      await expect(tile).to.be.accessible();
      blocked = false; // the click is the user gesture
      const playsBefore = plays;
      play.click();
      expect(plays, 'the click asks the video to play').to.equal(playsBefore + 1);
      await waitUntil(() => !tile.shadowRoot!.querySelector('[part="play"]'), 'the Play button stayed');
      expect(tile.shadowRoot!.querySelector('video')!.paused).to.equal(false);
      tile.remove();
    } finally {
      HTMLMediaElement.prototype.play = nativePlay;
      const tracks = publisher.stream.getMediaStream().getTracks();
      session.disconnect();
      tracks.forEach((track) => track.stop());
    }
  });

  it('shows a placeholder with initials and no video while nothing is given', async () => {
    const tile = await fixture<OvVideo>(html`<ov-video style="width:160px;height:120px"></ov-video>`);
    expect(tile.shadowRoot!.querySelector('[part="placeholder"]')!.hasAttribute('hidden')).to.equal(false);
    expect(tile.shadowRoot!.querySelector('video')!.srcObject).to.equal(null);
  });
});
