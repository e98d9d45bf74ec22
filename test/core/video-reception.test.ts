// The bookkeeping of "video only for what is on screen" (src/core/video-reception.ts): asks counted per stream,
// switching off after a hold, on at once, a waiting stream told when it is wanted. The receivers here record the
// switches they are asked for; what a real subscription does with them is tested against the local server
// (test/server/video-reception.test.ts, test/e2e/visible-video.test.ts).
import { expect } from '@open-wc/testing';
import { VideoReception, type VideoReceiver } from '../../src/core/video-reception.js';

class Receiver implements VideoReceiver {
  receivingVideo: boolean;
  readonly switches: boolean[] = [];
  constructor(receiving: boolean) {
    this.receivingVideo = receiving;
  }
  setVideoReception(receive: boolean): Promise<void> {
    if (receive !== this.receivingVideo) this.switches.push(receive);
    this.receivingVideo = receive;
    return Promise.resolve();
  }
}

const HOLD_MS = 60;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('VideoReception', () => {
  it('two asks for one stream are one reception; it stops a hold after the last ask is withdrawn', async () => {
    const reception = new VideoReception(undefined, HOLD_MS);
    const first = reception.ask('ana:camera');
    const second = reception.ask('ana:camera');
    expect(reception.wants('ana:camera')).to.equal(true);
    const receiver = new Receiver(true);
    reception.add('ana:camera', receiver);
    first();
    first(); // withdrawing twice counts once
    await pause(HOLD_MS * 2);
    expect(receiver.switches, 'still asked by the second tile').to.deep.equal([]);
    second();
    expect(reception.wants('ana:camera')).to.equal(false);
    expect(receiver.switches, 'not at once').to.deep.equal([]);
    await pause(HOLD_MS * 2);
    expect(receiver.switches).to.deep.equal([false]);
    reception.stop();
  });

  it('an ask back within the hold keeps the video without renegotiating; a new ask switches it on at once', async () => {
    const reception = new VideoReception(undefined, HOLD_MS);
    const receiver = new Receiver(true);
    reception.add('ben:camera', receiver);
    // Unasked: off after the hold, unless a tile asks meanwhile (paging back and forth).
    await pause(HOLD_MS / 3);
    const ask = reception.ask('ben:camera');
    await pause(HOLD_MS * 2);
    expect(receiver.switches).to.deep.equal([]);
    ask();
    await pause(HOLD_MS * 2);
    expect(receiver.switches).to.deep.equal([false]);
    reception.ask('ben:camera');
    expect(receiver.switches).to.deep.equal([false, true]);
    reception.stop();
  });

  it('tells when a stream without a subscriber yet becomes wanted, and forgets a removed subscriber', async () => {
    const wanted: string[] = [];
    const reception = new VideoReception((key) => void wanted.push(key), HOLD_MS);
    const withdraw = reception.ask('cai:screen');
    expect(wanted).to.deep.equal(['cai:screen']);
    const receiver = new Receiver(true);
    reception.add('cai:screen', receiver);
    reception.remove(receiver);
    withdraw();
    await pause(HOLD_MS * 2);
    expect(receiver.switches, 'a removed subscriber is left alone').to.deep.equal([]);
    reception.stop();
  });

  it('receives everything where the deployment cannot switch video (mediasoup)', async () => {
    const reception = new VideoReception(undefined, HOLD_MS);
    const refusing: VideoReceiver = {
      receivingVideo: true,
      setVideoReception: (receive) => (receive ? Promise.resolve() : Promise.reject(Object.assign(new Error('mediasoup'), { name: 'VIDEO_RECEPTION_UNSUPPORTED' }))),
    };
    reception.add('dan:camera', refusing);
    await pause(HOLD_MS * 2);
    expect(reception.wants('dan:camera')).to.equal(true);
    reception.stop();
  });
});
