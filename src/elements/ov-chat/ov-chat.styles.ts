import { css } from 'lit';
import { textButtons } from '../shared/text-button.styles.js';
import { visuallyHidden } from '../shared/visually-hidden.styles.js';

export const styles = [
  visuallyHidden,
  textButtons,
  css`
  :host {
    display: flex;
    flex-direction: column;
    min-height: 0;
    color: var(--ov-room-color, #f3f4f6);
    font-family: var(--ov-font-family, system-ui, sans-serif);
  }
  :host([hidden]) {
    display: none;
  }
  [part='base'] {
    flex: 1;
    min-height: 0;
    display: flex;
    flex-direction: column;
    gap: 8px;
  }
  [part='messages'] {
    flex: 1;
    min-height: 6rem;
    overflow-y: auto;
    margin: 0;
    padding: 0;
    list-style: none;
    display: flex;
    flex-direction: column;
    gap: 6px;
    overscroll-behavior: contain;
  }
  [part='messages']:focus-visible {
    outline: 2px solid var(--ov-focus-color, #93c5fd);
    outline-offset: 2px;
  }
  [part='message'] {
    padding: 6px 10px;
    border-radius: 10px;
    background: var(--ov-chat-other-background, #2b303b);
    max-width: 90%;
    align-self: flex-start;
    /* Long messages should not force every other message to reflow: the list stays cheap to render. */
    contain: content;
  }
  [part='message'][data-local] {
    background: var(--ov-chat-own-background, #1e3a8a);
    align-self: flex-end;
  }
  [part='sender'] {
    font-weight: 600;
    font-size: 0.85rem;
    margin-inline-end: 8px;
  }
  [part='time'] {
    font-size: 0.75rem;
    opacity: 0.75;
  }
  [part='text'] {
    margin: 2px 0 0;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  a {
    color: var(--ov-chat-link-color, #93c5fd);
  }
  [part='empty'] {
    flex: 1;
    margin: 0;
    opacity: 0.8;
  }
  [part='composer'] {
    display: grid;
    grid-template-columns: minmax(0, 1fr) auto;
    gap: 6px;
    align-items: end;
  }
  textarea {
    font: inherit;
    color: var(--ov-room-color, #f3f4f6);
    background: var(--ov-select-background, #0b0d10);
    border: 1px solid var(--ov-select-border-color, #4b5563);
    border-radius: 8px;
    padding: 8px 10px;
    resize: vertical;
    min-height: 2.5rem;
    max-height: 10rem;
  }
  textarea[aria-invalid='true'] {
    border-color: var(--ov-danger-color, #dc2626);
  }
  button {
    min-height: 40px;
    background: var(--ov-accent-color, #2563eb);
    color: #fff;
  }
  [part='error'] {
    grid-column: 1 / -1;
    margin: 0;
    color: var(--ov-notice-color, #fde68a);
    font-size: 0.85rem;
  }
  [part='error'][hidden] {
    display: none;
  }
`,
];
