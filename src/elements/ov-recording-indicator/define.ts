import { OvRecordingIndicator } from './ov-recording-indicator.js';

if (!customElements.get('ov-recording-indicator')) customElements.define('ov-recording-indicator', OvRecordingIndicator);

declare global {
  interface HTMLElementTagNameMap {
    'ov-recording-indicator': OvRecordingIndicator;
  }
}
