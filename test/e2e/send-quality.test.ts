// What the own camera sends follows the size of the room (src/core/send-quality.ts): as captured (640x480) in a
// room of two, 320x240 with a 300 kbit/s cap once 12 bots make it 14 people, and back up when they leave. Read
// from the publisher's own RTCPeerConnection: the sender's encoding parameters and what outbound-rtp says is
// encoded and sent.
import { expect } from '@open-wc/testing';
import { serverControl } from '../server/helpers.js';
import { cameraSent, expectNothingLeftRunning, joinedRoom, stage, uniqueSessionId, videoPlaying, waitUntil } from '../support/room-helpers.js';

describe('the camera sends less in a big room', () => {
  let sessionId = '';
  afterEach(async () => {
    if (sessionId) await serverControl({ action: 'remove-bots', sessionId });
    await expectNothingLeftRunning();
  });

  it('640x480 among two, 320x240 at most among 14, and back up when the room empties', async function () {
    this.timeout(120000);
    const parent = await stage();
    sessionId = uniqueSessionId('send-quality');
    const ana = await joinedRoom(parent, { sessionId, name: 'Ana' });
    const ben = await joinedRoom(parent, { sessionId, name: 'Ben' });
    await videoPlaying(ben, 'Ana');
    await videoPlaying(ana, 'Ben');
    // Two cameras publish in this page: both follow the room alike.
    await waitUntil(async () => (await cameraSent())?.width === 640, 'a camera never sent 640x480 in a room of two');
    expect((await cameraSent())!.encoding).to.include({ scaleResolutionDownBy: 1 });
    expect((await cameraSent())!.encoding!.maxBitrate, 'no cap among two').to.equal(undefined);

    await serverControl({ action: 'add-bots', sessionId, count: 12 });
    await waitUntil(() => ana.state.participants.length === 14, 'the room never listed 14 participants');
    await waitUntil(
      async () => {
        const sent = await cameraSent();
        return !!sent && sent.width > 0 && sent.width <= 320 && sent.height <= 240;
      },
      'a camera never went down to 320x240 among 14',
    );
    expect((await cameraSent())!.encoding).to.include({ scaleResolutionDownBy: 2, maxBitrate: 300_000, maxFramerate: 24 });

    await serverControl({ action: 'remove-bots', sessionId });
    await waitUntil(() => ana.state.participants.length === 2, 'the bots never left');
    // Slower than going down: the browser's encoder waits for its bandwidth estimate to grow back (seconds).
    await waitUntil(async () => (await cameraSent())?.width === 640, 'a camera never went back up to 640x480', { timeout: 40000 }).catch(async (error: Error) => {
      throw new Error(`${error.message} (sending ${JSON.stringify(await cameraSent())})`);
    });
    expect((await cameraSent())!.encoding!.maxBitrate).to.equal(undefined);
    parent.remove();
  });
});
