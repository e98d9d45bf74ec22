import { css, html, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { DEVICE_KINDS, type DeviceKind } from '../../core/devices.js';
import { CustomStates } from '../shared/custom-states.js';
import { OvRoomAwareElement } from '../shared/room-aware.js';

export { DEVICE_KINDS as OV_DEVICE_KINDS };

/**
 * Chooses the camera, the microphone or the speaker, in the lobby or during the call. The list follows devices
 * plugged in or out. Names appear once the browser allowed the camera or microphone. The speaker choice is hidden
 * (`:state(unavailable)`) where the browser cannot route sound (no `setSinkId`: Safari, older Firefox).
 *
 * @summary A labelled list of cameras, microphones or speakers.
 *
 * @csspart base - The label and list.
 * @csspart label - The label.
 * @csspart select - The `<select>`.
 *
 * @cssprop [--ov-select-background=#0b0d10] - The list's background.
 * @cssprop [--ov-select-color=#f3f4f6] - The list's text colour.
 * @cssprop [--ov-select-border-color=#4b5563] - Its border.
 * @cssprop [--ov-focus-color=#93c5fd] - Focus ring.
 *
 * Custom states: `:state(unavailable)`.
 */
export class OvDeviceSelect extends OvRoomAwareElement {
  static override styles = css`
    :host {
      display: block;
    }
    :host([hidden]),
    :host(:state(unavailable)) {
      display: none;
    }
    [part='base'] {
      display: flex;
      flex-direction: column;
      gap: 4px;
      text-align: start;
    }
    [part='label'] {
      font-size: 0.85rem;
      opacity: 0.85;
    }
    select {
      font: inherit;
      color: var(--ov-select-color, #f3f4f6);
      min-height: 40px;
      padding: 6px 8px;
      border-radius: 6px;
      border: 1px solid var(--ov-select-border-color, #4b5563);
      background: var(--ov-select-background, #0b0d10);
      max-width: 100%;
      text-overflow: ellipsis;
    }
    select:focus-visible {
      outline: 2px solid var(--ov-focus-color, #93c5fd);
      outline-offset: 2px;
    }
  `;

  /** What to choose: `audioinput` (microphone), `videoinput` (camera) or `audiooutput` (speaker). */
  @property({ reflect: true }) kind: DeviceKind = 'audioinput';

  private readonly states = new CustomStates(this);

  private get available(): boolean {
    const room = this.room;
    if (!room || !(DEVICE_KINDS as readonly string[]).includes(this.kind)) return false;
    return this.kind === 'audiooutput' ? room.canChooseSpeaker : room.canPublish;
  }

  /** Moves keyboard focus to the list. */
  override focus(options?: FocusOptions): void {
    this.renderRoot.querySelector('select')?.focus(options);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    this.states.set('unavailable', !this.available);
  }

  protected override render() {
    const room = this.room;
    const list = room?.devices[this.kind] ?? [];
    const selected = room?.selectedDevices[this.kind] ?? '';
    const usable = this.kind === 'audiooutput' || (this.kind === 'audioinput' ? !!room?.hasMicrophone : !!room?.hasCamera);
    return html`
      <div part="base">
        <label part="label" for="select">${this.t(`device.label.${this.kind}`)}</label>
        <select id="select" part="select" ?disabled=${!this.available || !list.length || !usable} @change=${this.onChange}>
          ${list.length
            ? list.map(
                (device, index) =>
                  html`<option value=${device.deviceId} .selected=${device.deviceId === selected}>
                    ${device.label || this.t('device.unnamed', { kind: this.t(`device.label.${this.kind}`), number: index + 1 })}
                  </option>`,
              )
            : html`<option value="">${this.t('device.none')}</option>`}
        </select>
      </div>
    `;
  }

  private onChange(event: Event): void {
    const deviceId = (event.target as HTMLSelectElement).value;
    if (deviceId) void this.room?.switchDevice(this.kind, deviceId);
  }
}
