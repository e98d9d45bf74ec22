// The policy of src/core/send-quality.ts: what the own camera sends for the size of the room.
import { expect } from '@open-wc/testing';
import { sendQuality } from '../../src/core/send-quality.js';

describe('sendQuality', () => {
  it('sends as captured up to 4 people, then less at 5, 10 and 17', () => {
    const at = (participants: number) => sendQuality(participants);
    for (const n of [0, 1, 4]) expect(at(n), `${n}`).to.deep.equal({ scaleResolutionDownBy: 1 });
    for (const n of [5, 9]) expect(at(n), `${n}`).to.deep.equal({ scaleResolutionDownBy: 1.5, maxBitrate: 500_000 });
    for (const n of [10, 16]) expect(at(n), `${n}`).to.deep.equal({ scaleResolutionDownBy: 2, maxFramerate: 24, maxBitrate: 300_000 });
    for (const n of [17, 100]) expect(at(n), `${n}`).to.deep.equal({ scaleResolutionDownBy: 2, maxFramerate: 15, maxBitrate: 150_000 });
  });
});
