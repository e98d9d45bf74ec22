import { css } from 'lit';
import { levelMeter } from '../shared/level-meter.styles.js';
import { textButtons } from '../shared/text-button.styles.js';

export const styles = [
  levelMeter,
  textButtons,
  css`
  :host {
    /* A column, so that the lobby's auto margins centre it in a tall room too. */
    display: flex;
    flex-direction: column;
    container-type: inline-size;
    overflow: auto;
    min-height: 0;
    /* The room's colours, so the lobby also stands on its own in a light page. */
    color: var(--ov-room-color, #f3f4f6);
    background: var(--ov-prejoin-background, var(--ov-room-background, #111418));
    border-radius: var(--ov-room-radius, 12px);
    font-family: var(--ov-font-family, system-ui, sans-serif);
  }
  :host([hidden]) {
    display: none;
  }
  [part='base'] {
    display: grid;
    grid-template-columns: minmax(0, 3fr) minmax(14rem, 2fr);
    gap: 24px;
    align-items: center;
    width: 100%;
    max-width: 60rem;
    margin: auto;
    padding: 16px;
    box-sizing: border-box;
  }
  @container (max-width: 600px) {
    [part='base'] {
      grid-template-columns: minmax(0, 1fr);
      gap: 16px;
      padding: 8px;
    }
    /* A phone keeps Join in reach: a shorter preview. */
    [part='preview'] {
      aspect-ratio: 16 / 10;
      max-height: 40vh;
    }
  }
  [part='base'].out {
    grid-template-columns: minmax(0, 28rem);
    justify-content: center;
    text-align: center;
  }
  .preview-column {
    display: flex;
    flex-direction: column;
    gap: 8px;
    min-width: 0;
  }
  [part='preview'] {
    position: relative;
    aspect-ratio: 4 / 3;
    border-radius: 12px;
    overflow: hidden;
    background: var(--ov-video-background, #1f2329);
  }
  [part='preview'] ov-video {
    position: absolute;
    inset: 0;
    --ov-video-radius: 12px;
  }
  /* The name goes to the top, clear of the toggles at the bottom: on a phone a name with "(you)" reached under them. */
  [part='preview'] ov-video::part(label) {
    top: 8px;
    bottom: auto;
  }
  .status {
    position: absolute;
    inset: auto 0 64px 0;
    margin: 0 auto;
    width: fit-content;
    max-width: 90%;
    padding: 4px 10px;
    border-radius: 6px;
    background: rgb(0 0 0 / 60%);
    font-size: 0.85rem;
    text-align: center;
  }
  [part='controls'] {
    position: absolute;
    inset: auto 0 10px 0;
    display: flex;
    justify-content: center;
    gap: 8px;
  }
  /* Over the preview, icons say enough; the names stay for screen readers. */
  [part='controls'] ov-toggle::part(label) {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  [part='form'] {
    display: flex;
    flex-direction: column;
    gap: 10px;
    min-width: 0;
  }
  [part='title'] {
    margin: 0 0 4px;
    font-size: 1.25rem;
    overflow-wrap: anywhere;
  }
  label {
    font-size: 0.85rem;
    opacity: 0.85;
  }
  input {
    font: inherit;
    color: var(--ov-room-color, #f3f4f6);
    padding: 10px;
    border-radius: 6px;
    border: 1px solid #4b5563;
    background: #0b0d10;
  }
  [part='devices'] {
    display: flex;
    flex-direction: column;
    gap: 10px;
  }
  [part='status'],
  [part='error'] p {
    margin: 0;
  }
  [part='error'] {
    padding: 8px 12px;
    border-radius: 8px;
    background: var(--ov-notice-background, #3f2d0c);
    color: var(--ov-notice-color, #fde68a);
  }
  .hint {
    margin: 0;
    opacity: 0.85;
  }
  [part='notice'] {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    gap: 8px;
    padding: 8px 12px;
    border-radius: 8px;
    background: var(--ov-notice-background, #3f2d0c);
    color: var(--ov-notice-color, #fde68a);
    font-size: 0.9rem;
  }
  [part='notice'] p {
    margin: 0;
  }
  button.primary {
    margin-top: 6px;
    padding: 11px 18px;
    font-weight: 600;
  }
`,
];
