import { css } from 'lit';

/** The labelled buttons of the room's screens (lobby, error view, chat, diagnostics): one look and one focus ring. */
export const textButtons = css`
  button {
    font: inherit;
    color: inherit;
    border: 0;
    border-radius: 8px;
    padding: 11px 14px;
    cursor: pointer;
    background: var(--ov-control-background, #2b303b);
  }
  button.primary {
    background: var(--ov-accent-color, #2563eb);
    color: #fff;
  }
  button:disabled {
    opacity: 0.5;
    cursor: not-allowed;
  }
  button:focus-visible,
  input:focus-visible,
  textarea:focus-visible {
    outline: 2px solid var(--ov-focus-color, #93c5fd);
    outline-offset: 2px;
  }
`;
