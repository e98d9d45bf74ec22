/**
 * The local camera and microphone: one openvidu-browser Publisher, created for the lobby's preview (or at join)
 * and then published as is, so there is never a second camera open and never a second permission prompt, and
 * OpenVidu's apps still see a `CAMERA` stream (a Publisher built from our own track would be `CUSTOM`,
 * OPENVIDU.md §7). Turning the camera off stops its track (the camera light goes off); switching a device
 * replaces the track without renegotiating. Everything it acquired is stopped by `release()`.
 */
import type { OpenVidu, Publisher } from 'openvidu-browser';
import { OvError, toOvError, type OvErrorCode } from './errors.js';

export const INPUT_KINDS = ['audioinput', 'videoinput'] as const;
export type InputKind = (typeof INPUT_KINDS)[number];

export interface MediaPreferences {
  /** Devices to try first; one that is gone falls back to the default (reported through `onFallback`). */
  readonly audioDeviceId?: string;
  readonly videoDeviceId?: string;
}

export interface LocalMediaEvents {
  /** The tracks, their state or the publisher changed. */
  readonly onChange: () => void;
  /** A problem the room goes on after (no camera found, access refused …). */
  readonly onNotice: (error: OvError) => void;
  /** A preferred device was not there; the default one is used instead. */
  readonly onFallback: (kind: InputKind, preferredDeviceId: string) => void;
}

const VIDEO_SIZE = { width: 640, height: 480 };
const FRAME_RATE = 30;
/** Codes after which the other device alone is worth a try. */
const NOT_FOUND: readonly OvErrorCode[] = ['CAMERA_NOT_FOUND', 'MICROPHONE_NOT_FOUND', 'DEVICE_NOT_FOUND'];
const ONE_DEVICE_MISSING: Partial<Record<OvErrorCode, 'audio' | 'video'>> = {
  CAMERA_NOT_FOUND: 'audio',
  DEVICE_IN_USE: 'audio',
  MICROPHONE_NOT_FOUND: 'video',
};

export class LocalMedia {
  private publisherInstance?: Publisher;
  private starting?: Promise<Publisher | undefined>;
  /** Bumped by `release()`: work that finishes after it stops what it got and reports nothing. */
  private generation = 0;
  private wanted = { microphone: true, camera: true };
  private publishing = false;
  /** The camera to open when it is turned on again (the one in use before, or one chosen while it was off). */
  private chosenCamera?: string;
  private lastDeviceIds: Partial<Record<InputKind, string>> = {};

  constructor(private readonly events: LocalMediaEvents) {}

  get publisher(): Publisher | undefined {
    return this.publisherInstance;
  }

  get isStarting(): boolean {
    return !!this.starting && !this.publisherInstance;
  }

  get microphoneOn(): boolean {
    const stream = this.publisherInstance?.stream;
    if (this.publishing) return !!stream?.hasAudio && this.wanted.microphone;
    return stream ? !!stream.hasAudio && !!stream.audioActive : false;
  }

  get cameraOn(): boolean {
    const stream = this.publisherInstance?.stream;
    if (this.publishing) return !!stream?.hasVideo && this.wanted.camera;
    return stream ? !!stream.hasVideo && !!stream.videoActive : false;
  }

  /**
   * Turning the camera or microphone on or off while `publishing` is negotiated waits for it: openvidu-browser
   * would change the page's stream, not what the connection sends nor what the server was told (its
   * publishVideo/publishAudio skip both until the stream has an id), so the others would see it wrong.
   */
  async whilePublishing<T>(publishing: Promise<T>): Promise<T> {
    this.publishing = true;
    try {
      return await publishing;
    } finally {
      this.publishing = false;
      this.setMicrophoneEnabled(this.wanted.microphone);
      this.setCameraEnabled(this.wanted.camera);
    }
  }

  get hasMicrophone(): boolean {
    return !!this.publisherInstance?.stream.hasAudio;
  }

  get hasCamera(): boolean {
    return !!this.publisherInstance?.stream.hasVideo;
  }

  /** The live track of a kind, if any. */
  track(kind: InputKind): MediaStreamTrack | undefined {
    const stream = this.publisherInstance?.stream.getMediaStream();
    const tracks = kind === 'audioinput' ? stream?.getAudioTracks() : stream?.getVideoTracks();
    return tracks?.find((track) => track.readyState === 'live');
  }

  /**
   * The device in use for a kind (or chosen for a camera that is off). Remembered after its track ended, so that
   * the device that was unplugged can still be told.
   */
  deviceId(kind: InputKind): string | undefined {
    if (kind === 'videoinput' && !this.cameraOn && this.chosenCamera) return this.chosenCamera;
    const live = this.track(kind)?.getSettings().deviceId;
    if (live) this.lastDeviceIds[kind] = live;
    return live || (this.publisherInstance ? this.lastDeviceIds[kind] : undefined);
  }

  /**
   * Opens the camera and microphone once; resolves to the publisher, or undefined when neither can be had. The
   * publisher belongs to `openvidu`: the camera's session must be created from the same instance.
   */
  start(openvidu: OpenVidu, preferences: MediaPreferences = {}): Promise<Publisher | undefined> {
    if (this.publisherInstance) return Promise.resolve(this.publisherInstance);
    this.starting ??= this.create(openvidu, preferences, this.generation).finally(() => (this.starting = undefined));
    return this.starting;
  }

  setMicrophoneEnabled(enabled: boolean): void {
    this.wanted.microphone = enabled;
    if (this.publishing) return this.events.onChange();
    const publisher = this.publisherInstance;
    if (!publisher?.stream.hasAudio || publisher.stream.audioActive === enabled) return;
    publisher.publishAudio(enabled);
    this.events.onChange();
  }

  setCameraEnabled(enabled: boolean): void {
    this.wanted.camera = enabled;
    if (this.publishing) return this.events.onChange();
    const publisher = this.publisherInstance;
    if (!publisher?.stream.hasVideo || publisher.stream.videoActive === enabled) return;
    const generation = this.generation;
    if (!enabled) {
      this.chosenCamera = this.deviceId('videoinput'); // turning on again opens the same camera
      // `true`: free the camera, so that its light goes off.
      void publisher.publishVideo(false, true).then(() => this.events.onChange());
      this.events.onChange();
      return;
    }
    // Turning on opens the chosen camera; a track that arrives after the room let go is stopped at once.
    void this.openCamera(this.chosenCamera)
      .then(async (track) => {
        if (generation !== this.generation) return track.stop();
        this.chosenCamera = undefined;
        await publisher.publishVideo(true, track);
        this.events.onChange();
      })
      .catch((error: unknown) => {
        if (generation === this.generation) this.events.onNotice(toOvError(error, 'CAMERA_NOT_FOUND'));
      });
    this.events.onChange();
  }

  /**
   * Uses another camera or microphone without renegotiating (openvidu-browser's replaceTrack): the others keep
   * seeing and hearing you. The old camera is stopped before the new one opens (phones cannot open two); on
   * failure the old one is opened again.
   */
  async switchDevice(kind: InputKind, deviceId: string): Promise<void> {
    const publisher = this.publisherInstance;
    if (!publisher || this.deviceId(kind) === deviceId) return;
    const generation = this.generation;
    if (kind === 'videoinput') {
      if (!publisher.stream.hasVideo) return;
      if (!this.cameraOn) {
        this.chosenCamera = deviceId;
        this.events.onChange();
        return;
      }
      const previous = this.deviceId(kind);
      this.track(kind)?.stop();
      let track: MediaStreamTrack;
      try {
        track = await this.openCamera(deviceId);
      } catch (error) {
        if (generation === this.generation && previous) await this.replace(publisher, await this.openCamera(previous), generation);
        throw error;
      }
      await this.replace(publisher, track, generation);
    } else {
      if (!publisher.stream.hasAudio) return;
      const stream = await navigator.mediaDevices.getUserMedia({ audio: { deviceId: { exact: deviceId } }, video: false });
      await this.replace(publisher, stream.getAudioTracks()[0], generation);
    }
  }

  /**
   * After the session was lost (the server restarted): a new publisher for `openvidu` on the same live tracks, so
   * that the rejoined room publishes again with no second camera and no permission prompt. A camera that is off is
   * reopened off. Resolves undefined when there was nothing to publish.
   */
  async carryOver(openvidu: OpenVidu): Promise<Publisher | undefined> {
    const old = this.publisherInstance;
    if (!old) return undefined;
    const generation = this.generation;
    const audio = this.track('audioinput');
    const video = this.track('videoinput');
    const microphoneOn = this.microphoneOn;
    const cameraOn = this.cameraOn;
    const hadCamera = this.hasCamera;
    // The old publisher is done with: its tracks go on in the new one.
    this.publisherInstance = undefined;
    const publisher = await openvidu.initPublisherAsync(undefined, {
      audioSource: audio ?? false,
      // A camera that is off has no live track: it is opened for the new publisher and turned off again at once.
      videoSource: video ?? (hadCamera ? this.chosenCamera : false),
      publishAudio: microphoneOn,
      publishVideo: !!video && cameraOn,
      resolution: `${VIDEO_SIZE.width}x${VIDEO_SIZE.height}`,
      frameRate: FRAME_RATE,
      mirror: false,
    });
    if (generation !== this.generation) {
      stopTracks(publisher);
      return undefined;
    }
    // Built from our own tracks, openvidu-browser would announce a CUSTOM video; it is the same camera as before.
    if (publisher.stream.hasVideo) publisher.stream.typeOfVideo = 'CAMERA';
    this.publisherInstance = publisher;
    // Off it was, off it stays: the camera opened for the new publisher goes off again (turning it on reopens it).
    if (hadCamera && !video) for (const track of publisher.stream.getMediaStream().getVideoTracks()) track.stop();
    this.events.onChange();
    return publisher;
  }

  /** Stops every track and forgets the publisher; the next `start()` opens the devices again. */
  release(): void {
    this.generation += 1;
    const publisher = this.publisherInstance;
    this.publisherInstance = undefined;
    this.starting = undefined;
    this.chosenCamera = undefined;
    this.lastDeviceIds = {};
    this.wanted = { microphone: true, camera: true };
    if (publisher) stopTracks(publisher);
  }

  private async replace(publisher: Publisher, track: MediaStreamTrack, generation: number): Promise<void> {
    if (generation !== this.generation) return track.stop();
    await publisher.replaceTrack(track); // stops the track it replaces
    this.events.onChange();
  }

  private openCamera(deviceId: string | undefined): Promise<MediaStreamTrack> {
    const video: MediaTrackConstraints = { ...VIDEO_SIZE, frameRate: FRAME_RATE, ...(deviceId ? { deviceId: { exact: deviceId } } : {}) };
    return navigator.mediaDevices.getUserMedia({ audio: false, video }).then((stream) => stream.getVideoTracks()[0]);
  }

  private async create(openvidu: OpenVidu, preferences: MediaPreferences, generation: number): Promise<Publisher | undefined> {
    if (!globalThis.isSecureContext || !navigator.mediaDevices) {
      this.events.onNotice(new OvError('INSECURE_CONTEXT'));
      return undefined;
    }
    const devices = { audio: preferences.audioDeviceId, video: preferences.videoDeviceId };
    const sources = { audio: true, video: true };
    let notice: OvError | undefined;
    for (;;) {
      try {
        const publisher = await openvidu.initPublisherAsync(undefined, {
          audioSource: sources.audio ? devices.audio : false,
          videoSource: sources.video ? devices.video : false,
          publishAudio: sources.audio,
          publishVideo: sources.video,
          resolution: `${VIDEO_SIZE.width}x${VIDEO_SIZE.height}`,
          frameRate: FRAME_RATE,
          mirror: false,
        });
        if (generation !== this.generation) {
          stopTracks(publisher); // released while the devices were opening
          return undefined;
        }
        this.publisherInstance = publisher;
        if (notice) this.events.onNotice(notice);
        // Choices made while the devices were opening.
        if (!this.wanted.microphone) this.setMicrophoneEnabled(false);
        if (!this.wanted.camera) this.setCameraEnabled(false);
        this.events.onChange();
        return publisher;
      } catch (error) {
        if (generation !== this.generation) return undefined;
        const problem = toOvError(error, 'DEVICE_NOT_FOUND');
        const missing = problem.code === 'CAMERA_NOT_FOUND' ? 'video' : problem.code === 'MICROPHONE_NOT_FOUND' ? 'audio' : undefined;
        // A remembered device that is gone: the default one of that kind instead.
        if (missing && devices[missing]) {
          this.events.onFallback(missing === 'audio' ? 'audioinput' : 'videoinput', devices[missing]);
          devices[missing] = undefined;
          continue;
        }
        const other = ONE_DEVICE_MISSING[problem.code];
        if (other && sources.audio && sources.video) {
          sources[other === 'audio' ? 'video' : 'audio'] = false;
          notice = problem;
          continue;
        }
        // The browser does not say which device is busy: the microphone alone (tried after the first DEVICE_IN_USE)
        // was busy too, so the camera alone.
        if (problem.code === 'DEVICE_IN_USE' && notice?.code === 'DEVICE_IN_USE' && sources.audio) {
          sources.audio = false;
          sources.video = true;
          continue;
        }
        // The last failure is what holds now (a camera missing, then the microphone alone busy: not "microphone
        // only"); the other device missing too is "no devices".
        const neither = notice && NOT_FOUND.includes(notice.code) && NOT_FOUND.includes(problem.code);
        this.events.onNotice(neither ? new OvError('DEVICE_NOT_FOUND', problem.details, { cause: error }) : problem);
        return undefined;
      }
    }
  }
}

export function stopTracks(publisher: Publisher): void {
  for (const track of publisher.stream?.getMediaStream()?.getTracks() ?? []) track.stop();
}
