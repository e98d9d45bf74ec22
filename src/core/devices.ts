/**
 * The devices a user can choose from, kept up to date as they are plugged in or out (`devicechange`), and the
 * choices remembered for the next visit (localStorage, unless the room opts out).
 */
export const DEVICE_KINDS = ['audioinput', 'videoinput', 'audiooutput'] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];

export interface DeviceOption {
  readonly deviceId: string;
  /** The device's name; '' until the page was allowed to use a camera or microphone. */
  readonly label: string;
}

export type DeviceLists = Readonly<Record<DeviceKind, readonly DeviceOption[]>>;

export const NO_DEVICES: DeviceLists = Object.freeze({ audioinput: [], videoinput: [], audiooutput: [] });

/** Whether the browser lets a page pick the speaker (`setSinkId`; not Safari, not Firefox before 116). */
export function canChooseSpeaker(): boolean {
  return typeof HTMLMediaElement !== 'undefined' && 'setSinkId' in HTMLMediaElement.prototype;
}

/** Whether the browser can share a screen at all (phones cannot). */
export function canShareScreen(): boolean {
  return typeof navigator !== 'undefined' && typeof navigator.mediaDevices?.getDisplayMedia === 'function';
}

export class DeviceWatcher {
  private listsValue: DeviceLists = NO_DEVICES;
  private watching = false;
  private readonly onDeviceChange = () => void this.refresh();

  constructor(private readonly onChange: (lists: DeviceLists, previous: DeviceLists) => void) {}

  get lists(): DeviceLists {
    return this.listsValue;
  }

  start(): void {
    if (this.watching || typeof navigator === 'undefined' || !navigator.mediaDevices) return;
    this.watching = true;
    navigator.mediaDevices.addEventListener('devicechange', this.onDeviceChange);
    void this.refresh();
  }

  stop(): void {
    if (!this.watching) return;
    this.watching = false;
    navigator.mediaDevices.removeEventListener('devicechange', this.onDeviceChange);
  }

  async refresh(): Promise<void> {
    if (!this.watching) return;
    let found: MediaDeviceInfo[];
    try {
      found = await navigator.mediaDevices.enumerateDevices();
    } catch {
      return;
    }
    if (!this.watching) return;
    const lists: Record<DeviceKind, DeviceOption[]> = { audioinput: [], videoinput: [], audiooutput: [] };
    for (const device of found) {
      // Before any permission, browsers list one anonymous device per kind: nothing to choose from yet.
      if (!device.deviceId) continue;
      lists[device.kind]?.push(Object.freeze({ deviceId: device.deviceId, label: device.label }));
    }
    const previous = this.listsValue;
    const next = Object.freeze({ audioinput: Object.freeze(lists.audioinput), videoinput: Object.freeze(lists.videoinput), audiooutput: Object.freeze(lists.audiooutput) });
    if (sameLists(previous, next)) return;
    this.listsValue = next;
    this.onChange(next, previous);
  }
}

function sameLists(a: DeviceLists, b: DeviceLists): boolean {
  return DEVICE_KINDS.every((kind) => a[kind].length === b[kind].length && a[kind].every((d, i) => d.deviceId === b[kind][i].deviceId && d.label === b[kind][i].label));
}

/**
 * Finds a remembered device in the current list: by id, else by name (some browsers give a device a new id per
 * visit). `undefined` when the list cannot tell yet (no names before permission) or it is not there.
 */
export function findDevice(list: readonly DeviceOption[], remembered: DeviceOption | undefined): DeviceOption | undefined {
  if (!remembered) return undefined;
  return list.find((d) => d.deviceId === remembered.deviceId) ?? (remembered.label ? list.find((d) => d.label === remembered.label) : undefined);
}

export interface RememberedChoices {
  readonly devices: Partial<Record<DeviceKind, DeviceOption>>;
  readonly name?: string;
}

const STORAGE_KEY = 'openvidu-elements.choices';

/** The user's device and name choices, kept in localStorage for the next visit. */
export class ChoiceMemory {
  constructor(public enabled = true) {}

  read(): RememberedChoices {
    if (!this.enabled) return { devices: {} };
    try {
      const value: unknown = JSON.parse(globalThis.localStorage?.getItem(STORAGE_KEY) ?? '{}');
      const record = value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
      const devices: Partial<Record<DeviceKind, DeviceOption>> = {};
      const stored = record.devices && typeof record.devices === 'object' ? (record.devices as Record<string, unknown>) : {};
      for (const kind of DEVICE_KINDS) {
        const entry = stored[kind] as Partial<DeviceOption> | undefined;
        if (entry && typeof entry.deviceId === 'string') devices[kind] = { deviceId: entry.deviceId, label: typeof entry.label === 'string' ? entry.label : '' };
      }
      return { devices, name: typeof record.name === 'string' ? record.name : undefined };
    } catch {
      return { devices: {} }; // storage disabled, or not ours
    }
  }

  rememberDevice(kind: DeviceKind, device: DeviceOption): void {
    const current = this.read();
    this.write({ ...current, devices: { ...current.devices, [kind]: { deviceId: device.deviceId, label: device.label } } });
  }

  rememberName(name: string): void {
    if (name) this.write({ ...this.read(), name });
  }

  private write(choices: RememberedChoices): void {
    if (!this.enabled) return;
    try {
      globalThis.localStorage?.setItem(STORAGE_KEY, JSON.stringify(choices));
    } catch {
      // private mode or a full storage: the choice is simply not remembered
    }
  }
}
