// A page with a strict Content-Security-Policy (style-src 'self', no inline anything) and Trusted Types: the CDN
// bundle lays out a call there with nothing blocked.
import { expect } from '@open-wc/testing';
import type { OvRoom } from '../../src/elements/ov-room/ov-room.js';
import { OV_SERVER_URL } from '../support/env.js';
import { waitUntil, expectNothingLeftRunning, uniqueSessionId } from '../support/room-helpers.js';

describe('a page with a strict Content-Security-Policy and Trusted Types', () => {
  afterEach(expectNothingLeftRunning);

  it('joins, shows both videos in the grid, and nothing is blocked', async () => {
    const frame = document.createElement('iframe');
    frame.style.width = '800px';
    frame.style.height = '1000px';
    frame.src = `/test/fixtures/csp.html?server=${encodeURIComponent(OV_SERVER_URL)}&session=${uniqueSessionId('csp')}`;
    document.body.append(frame);
    try {
      await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
      const page = frame.contentWindow as Window & { violations: string[] };
      const rooms = () => [...page.document.querySelectorAll('ov-room')] as OvRoom[];
      const playingTiles = (room: OvRoom) =>
        [...(room.shadowRoot?.querySelector('ov-layout')?.shadowRoot?.querySelectorAll('ov-video') ?? [])].filter(
          (tile) => (tile.shadowRoot?.querySelector('video')?.videoWidth ?? 0) > 0,
        );
      await waitUntil(() => rooms().length === 2 && rooms().every((room) => playingTiles(room).length === 2), 'the rooms never showed both videos', { timeout: 20000 });
      // The grid got its sizes (through the CSSOM): two tiles side by side, not stacked or collapsed.
      const [first, second] = playingTiles(rooms()[0]!).map((tile) => tile.getBoundingClientRect());
      expect(first!.width).to.be.greaterThan(200);
      expect(Math.abs(first!.top - second!.top)).to.be.lessThan(2);
      expect(page.violations).to.deep.equal([]);
    } finally {
      frame.remove();
    }
  });
});
