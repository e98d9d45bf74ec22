// Browsers create an AudioContext suspended on a page the user has not touched yet, and openvidu-browser's speaking
// detection (hark) runs on one: in a room joined at once (`no-prejoin`) nobody was ever seen speaking. This page
// stands in for that policy before openvidu-browser loads, then checks that the first key press brings it back.
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';

const NativeAudioContext = window.AudioContext;
let gestures = 0;
/** An AudioContext as a browser makes it before any user gesture: suspended until `resume()`. */
class BeforeGestureAudioContext extends NativeAudioContext {
  private gated = true;
  constructor(options?: AudioContextOptions) {
    super(options);
    void super.suspend();
  }
  override get state(): AudioContextState {
    return this.gated ? 'suspended' : super.state;
  }
  override resume(): Promise<void> {
    this.gated = false;
    return super.resume();
  }
}
window.AudioContext = BeforeGestureAudioContext;
document.addEventListener('keydown', () => gestures++, true);

let helpers: typeof import('../support/room-helpers.js');

describe('speaking detection on a page nobody touched yet', () => {
  // Loaded only now, so that openvidu-browser's hark finds the stand-in AudioContext.
  before(async () => (helpers = await import('../support/room-helpers.js')));
  afterEach(() => helpers.expectNothingLeftRunning());

  it('starts with the first key press', async () => {
    const parent = await helpers.stage();
    const sessionId = helpers.uniqueSessionId('gesture');
    const ana = await helpers.joinedRoom(parent, { sessionId, name: 'Ana' });
    const ben = await helpers.joinedRoom(parent, { sessionId, name: 'Ben' });
    await helpers.videoPlaying(ben, 'Ana');
    // The fake microphone speaks one second in three: four seconds without a gesture and nobody is seen speaking.
    let seen = false;
    const watch = setInterval(() => (seen ||= !!ben.state.participants.find((p) => p.name === 'Ana')?.speaking), 50);
    await new Promise((resolve) => setTimeout(resolve, 4000));
    clearInterval(watch);
    expect(seen, 'speaking shown while the context was suspended').to.equal(false);
    await sendKeys({ press: 'Shift' });
    expect(gestures).to.equal(1);
    await helpers.waitUntil(() => ben.state.participants.find((p) => p.name === 'Ana')?.speaking, 'Ana was never seen speaking after the key press', { timeout: 15000 });
    expect(ana.state.status).to.equal('joined');
    parent.remove();
  });
});
