import { OvParticipants } from './ov-participants.js';

if (!customElements.get('ov-participants')) customElements.define('ov-participants', OvParticipants);

declare global {
  interface HTMLElementTagNameMap {
    'ov-participants': OvParticipants;
  }
}
