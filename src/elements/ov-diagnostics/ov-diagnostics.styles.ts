import { css } from 'lit';
import { levelMeter } from '../shared/level-meter.styles.js';
import { textButtons } from '../shared/text-button.styles.js';
import { visuallyHidden } from '../shared/visually-hidden.styles.js';

export const styles = [
  visuallyHidden,
  levelMeter,
  textButtons,
  css`
    :host {
      display: block;
      color: var(--ov-diagnostics-color, #f3f4f6);
      background: var(--ov-diagnostics-background, #111418);
      font-family: var(--ov-font-family, system-ui, sans-serif);
      border-radius: var(--ov-room-radius, 12px);
      container-type: inline-size;
    }
    :host([hidden]) {
      display: none;
    }
    [part='base'] {
      display: grid;
      grid-template-columns: minmax(0, 1fr) 14rem;
      gap: 12px 20px;
      padding: 16px;
      text-align: start;
    }
    @container (max-width: 600px) {
      [part='base'] {
        grid-template-columns: minmax(0, 1fr);
      }
    }
    h2 {
      grid-column: 1 / -1;
      margin: 0;
      font-size: 1.15rem;
    }
    [part='summary'] {
      grid-column: 1 / -1;
      margin: 0;
      font-weight: 600;
    }
    [part='steps'] {
      list-style: none;
      margin: 0;
      padding: 0;
      display: flex;
      flex-direction: column;
      gap: 8px;
      min-width: 0;
    }
    [part~='step'] {
      display: grid;
      grid-template-columns: 1.5rem minmax(0, 1fr);
      gap: 2px 8px;
      padding: 8px 10px;
      border-radius: 8px;
      background: rgb(255 255 255 / 5%);
    }
    .icon {
      grid-row: 1 / span 3;
      width: 1.5rem;
      height: 1.5rem;
      border-radius: 50%;
      display: grid;
      place-items: center;
      font-size: 0.85rem;
      font-weight: 700;
      background: rgb(255 255 255 / 12%);
    }
    [data-status='passed'] .icon {
      background: var(--ov-diagnostics-passed-color, #15803d);
    }
    [data-status='warning'] .icon {
      background: var(--ov-diagnostics-warning-color, #b45309);
    }
    [data-status='failed'] .icon {
      background: var(--ov-danger-color, #dc2626);
    }
    [data-status='running'] .icon {
      background: var(--ov-accent-color, #2563eb);
    }
    .title {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 10px;
      align-items: baseline;
    }
    .name {
      font-weight: 600;
    }
    .status {
      font-size: 0.85rem;
      opacity: 0.85;
    }
    .code {
      font-family: ui-monospace, monospace;
      font-size: 0.8rem;
      opacity: 0.85;
    }
    .message,
    .remedy {
      margin: 0;
      font-size: 0.9rem;
      line-height: 1.35;
      overflow-wrap: anywhere;
    }
    .remedy {
      opacity: 0.9;
    }
    [data-status='skipped'] .message,
    [data-status='pending'] .name {
      opacity: 0.7;
    }
    .side {
      display: flex;
      flex-direction: column;
      gap: 8px;
    }
    [part='preview'] {
      width: 100%;
      aspect-ratio: 4 / 3;
      object-fit: cover;
      border-radius: 8px;
      background: #000;
      transform: scaleX(-1);
    }
    [part='preview'][hidden],
    [part='level'][hidden] {
      display: none;
    }
    [part='actions'] {
      grid-column: 1 / -1;
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
    }
    textarea {
      grid-column: 1 / -1;
      min-height: 10rem;
      font: 0.8rem ui-monospace, monospace;
      color: inherit;
      background: rgb(0 0 0 / 30%);
      border: 1px solid rgb(255 255 255 / 20%);
      border-radius: 8px;
      padding: 8px;
    }
  `,
];
