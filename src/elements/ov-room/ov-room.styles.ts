import { css } from 'lit';
import { textButtons } from '../shared/text-button.styles.js';
import { visuallyHidden } from '../shared/visually-hidden.styles.js';

export const styles = [
  visuallyHidden,
  textButtons,
  css`
  :host {
    display: block;
    position: relative;
    min-height: var(--ov-room-min-height, 360px);
    background: var(--ov-room-background, #111418);
    color: var(--ov-room-color, #f3f4f6);
    font-family: var(--ov-font-family, system-ui, sans-serif);
    border-radius: var(--ov-room-radius, 12px);
    overflow: hidden;
    container-type: inline-size;
  }
  :host([hidden]) {
    display: none;
  }
  :host(:state(custom-ui)) {
    min-height: 0;
    background: none;
    color: inherit;
    border-radius: 0;
    overflow: visible;
    container-type: normal;
  }
  :host(:state(custom-ui)) [part='base'] {
    position: static;
    display: block;
    padding: 0;
  }
  [part='base'] {
    position: absolute;
    inset: 0;
    display: flex;
    flex-direction: column;
    gap: 8px;
    padding: 8px;
    box-sizing: border-box;
  }
  .panel {
    margin: auto;
    max-width: 36rem;
    display: flex;
    flex-direction: column;
    align-items: stretch;
    gap: 12px;
    padding: 24px;
    text-align: center;
  }
  /* Every heading and paragraph of the room's own views (status, error, panel, notices). */
  h2,
  p {
    margin: 0;
  }
  .panel h2 {
    font-size: 1.25rem;
  }
  [part='error'] .remedy {
    opacity: 0.85;
  }
  [part='error'] .actions {
    display: flex;
    flex-wrap: wrap;
    justify-content: center;
    gap: 8px;
  }
  [part='base']:has(> .diagnostics) {
    overflow-y: auto;
  }
  .diagnostics {
    flex: none;
    width: 100%;
    max-width: 52rem;
    margin: 0 auto;
  }
  button.primary {
    align-self: center;
    min-width: 8rem;
  }
  .spinner {
    align-self: center;
    width: 28px;
    height: 28px;
    border-radius: 50%;
    border: 3px solid rgb(255 255 255 / 25%);
    border-top-color: currentColor;
    animation: spin 900ms linear infinite;
  }
  @keyframes spin {
    to {
      transform: rotate(1turn);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .spinner {
      animation-duration: 3s;
    }
  }
  .meeting {
    flex: 1;
    min-height: 0;
    display: flex;
    gap: 8px;
    position: relative;
  }
  ov-layout {
    flex: 1;
  }
  /* A row of its own above the stage while recorded (nothing otherwise): it never covers a tile or the panel. */
  ov-recording-indicator {
    align-self: flex-start;
    flex: none;
  }
  .side-panel {
    flex: none;
    width: var(--ov-panel-width, 20rem);
    max-width: 100%;
    box-sizing: border-box;
    display: flex;
    flex-direction: column;
    gap: 12px;
    padding: 12px;
    border-radius: 10px;
    background: var(--ov-panel-background, #1a1e24);
    overflow: auto;
  }
  .side-panel > ov-chat,
  .side-panel > ov-participants {
    flex: 1;
    min-height: 0;
  }
  .side-panel header {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 8px;
  }
  .side-panel h2 {
    font-size: 1rem;
  }
  button.icon {
    display: inline-grid;
    place-items: center;
    padding: 10px;
  }
  /* On narrow rooms (a phone in portrait) the panel covers the stage instead of squeezing it. */
  @container (max-width: 560px) {
    .side-panel {
      position: absolute;
      inset: 0;
      width: auto;
      z-index: 1;
    }
    /* Covered, so not painted (its tiles stay, with their states): they count as off screen, their video is not received. */
    .meeting[data-panel] ov-layout {
      content-visibility: hidden;
    }
  }
  ov-toolbar {
    flex: none;
  }
  ov-prejoin {
    flex: 1;
  }
  .audio {
    display: none;
  }
  .banner {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 12px;
    padding: 8px 12px;
    border-radius: 8px;
    background: var(--ov-notice-background, #3f2d0c);
    color: var(--ov-notice-color, #fde68a);
  }
`,
];
