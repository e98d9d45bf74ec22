import { OvChat } from './ov-chat.js';

if (!customElements.get('ov-chat')) customElements.define('ov-chat', OvChat);

declare global {
  interface HTMLElementTagNameMap {
    'ov-chat': OvChat;
  }
}
