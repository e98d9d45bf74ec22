import { css } from 'lit';
import { visuallyHidden } from './visually-hidden.styles.js';

/** Shared by every control: a rounded button that turns red when its device is off. */
export const controlStyles = [
  visuallyHidden,
  css`
  :host {
    display: inline-flex;
  }
  :host([hidden]),
  :host(:state(unavailable)) {
    display: none;
  }
  button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 6px;
    min-height: 40px;
    min-width: 40px;
    font: inherit;
    color: var(--ov-control-color, #f3f4f6);
    border: 0;
    border-radius: var(--ov-control-radius, 8px);
    padding: 8px 14px;
    cursor: pointer;
    background: var(--ov-control-background, #2b303b);
  }
  button:hover:not(:disabled) {
    filter: brightness(1.15);
  }
  button:disabled {
    opacity: 0.5;
    cursor: not-allowed;
  }
  button:focus-visible {
    outline: 2px solid var(--ov-focus-color, #93c5fd);
    outline-offset: 2px;
  }
  button[aria-pressed='false'] {
    background: var(--ov-control-off-background, var(--ov-danger-color, #dc2626));
    color: #fff;
  }
  svg {
    flex: none;
  }
  [part='badge'] {
    min-width: 1.25rem;
    padding: 0 5px;
    border-radius: 999px;
    background: var(--ov-badge-background, #dc2626);
    color: #fff;
    font-size: 0.75rem;
    line-height: 1.25rem;
    text-align: center;
  }
  [part='badge'].count {
    background: rgb(255 255 255 / 18%);
  }
  /* Icons only when the room (or another container around) is narrow; the name stays for screen readers. */
  @container (max-width: 560px) {
    [part='label'] {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
    }
    button {
      padding: 8px 10px;
    }
  }
  @container (max-width: 420px) {
    button {
      padding: 8px;
    }
  }
`,
];
