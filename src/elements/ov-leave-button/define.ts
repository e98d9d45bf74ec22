import { OvLeaveButton } from './ov-leave-button.js';

if (!customElements.get('ov-leave-button')) customElements.define('ov-leave-button', OvLeaveButton);

declare global {
  interface HTMLElementTagNameMap {
    'ov-leave-button': OvLeaveButton;
  }
}
