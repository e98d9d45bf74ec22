// A page that loads nothing but dist/openvidu-elements.bundle.js, as a page author with a <script> tag would.
import { expect, waitUntil } from '@open-wc/testing';
import { OV_SERVER_URL } from '../support/env.js';

const BUNDLE = '/dist/openvidu-elements.bundle.js';

describe('the CDN bundle', () => {
  it('registers the elements, survives being loaded twice, and two rooms call each other', async () => {
    await import(/* @vite-ignore */ BUNDLE);
    await import(/* @vite-ignore */ `${BUNDLE}?loaded-again`);
    expect(customElements.get('ov-room')).to.be.a('function');
    expect(customElements.get('ov-video')).to.be.a('function');
    for (const tag of ['ov-prejoin', 'ov-device-select', 'ov-toggle', 'ov-leave-button', 'ov-panel-toggle', 'ov-toolbar', 'ov-layout']) {
      expect(customElements.get(tag), tag).to.be.a('function');
    }

    const sessionId = `cdn-${Date.now().toString(36)}`;
    const container = document.createElement('div');
    container.innerHTML = `
      <ov-room token-url="${OV_SERVER_URL}/api" session-id="${sessionId}" participant-name="Ana" no-prejoin style="height:200px"></ov-room>
      <ov-room token-url="${OV_SERVER_URL}/api" session-id="${sessionId}" participant-name="Ben" no-prejoin style="height:200px"></ov-room>`;
    document.body.append(container);
    const [ana] = container.querySelectorAll('ov-room');
    await waitUntil(
      () => {
        const layout = ana!.shadowRoot!.querySelector('ov-layout');
        const tile = [...(layout?.shadowRoot?.querySelectorAll('ov-video') ?? [])].find((t) => t.shownParticipant?.name === 'Ben');
        return (tile?.shadowRoot?.querySelector('video')?.videoWidth ?? 0) > 0;
      },
      'Ana never saw Ben playing',
      { timeout: 20000 },
    );
    container.remove();
  });

  it('loads another language from the file beside it', async () => {
    await import(/* @vite-ignore */ BUNDLE);
    const room = document.createElement('ov-room');
    room.setAttribute('lang', 'es');
    room.setAttribute('session-id', 'es');
    room.setAttribute('token-url', `${OV_SERVER_URL}/api`);
    document.body.append(room);
    try {
      await waitUntil(() => {
        const prejoin = room.shadowRoot?.querySelector('ov-prejoin');
        return prejoin?.shadowRoot?.querySelector('[part="join"]')?.textContent?.trim() === 'Unirse';
      }, 'the Spanish file was not loaded', { timeout: 5000 });
    } finally {
      room.remove();
    }
  });
});
