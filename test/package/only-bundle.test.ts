// A page that copied only dist/openvidu-elements.bundle.js, without the language files beside it: a room in
// another language still works, in English, with nothing thrown.
import { expect, waitUntil } from '@open-wc/testing';
import { OV_SERVER_URL } from '../support/env.js';

describe('the CDN bundle without its language files', () => {
  it('a room asked for Spanish shows English and joins', async () => {
    const rejections: unknown[] = [];
    const onRejection = (event: PromiseRejectionEvent) => rejections.push(event.reason);
    window.addEventListener('unhandledrejection', onRejection);
    const onlyBundle = '/only-bundle/openvidu-elements.bundle.js';
    await import(/* @vite-ignore */ onlyBundle);
    const room = document.createElement('ov-room');
    room.setAttribute('lang', 'es');
    room.setAttribute('token-url', `${OV_SERVER_URL}/api`);
    room.setAttribute('session-id', `only-bundle-${Date.now().toString(36)}`);
    room.setAttribute('participant-name', 'Ana');
    room.setAttribute('no-prejoin', '');
    document.body.append(room);
    try {
      const joined = new Promise((resolve) => room.addEventListener('ov-joined', resolve, { once: true }));
      await joined;
      const toolbar = room.shadowRoot!.querySelector('ov-toolbar');
      await waitUntil(() => toolbar?.shadowRoot?.querySelector('ov-leave-button')?.shadowRoot?.querySelector('button'), 'no toolbar');
      // Give the failed language load its chance to show up as an error.
      await new Promise((resolve) => setTimeout(resolve, 300));
      const leave = toolbar!.shadowRoot!.querySelector('ov-leave-button')!.shadowRoot!.querySelector('button')!;
      expect(leave.textContent!.trim()).to.equal('Leave');
      expect(rejections).to.deep.equal([]);
    } finally {
      room.remove();
      window.removeEventListener('unhandledrejection', onRejection);
    }
  });
});
