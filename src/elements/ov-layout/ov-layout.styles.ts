import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
    position: relative;
    min-height: 0;
    min-width: 0;
    overflow: hidden;
    --_gap: var(--ov-layout-gap, 8px);
    --_control: var(--ov-layout-control-background, rgb(0 0 0 / 55%));
  }
  :host([hidden]) {
    display: none;
  }
  .stage {
    position: absolute;
    inset: 0;
  }
  /* Room for the previous/next row (PAGER_HEIGHT in core/layout.ts). */
  :host(:state(paged)) .stage {
    bottom: 44px;
  }
  .grid {
    position: absolute;
    inset: 0;
    display: grid;
    grid-template-columns: repeat(var(--_columns, 1), var(--_tile-width, 1fr));
    grid-auto-rows: var(--_tile-height, auto);
    gap: var(--_gap);
    place-content: center;
  }
  :host(:state(focus)) .stage {
    display: grid;
    grid-template-columns: minmax(0, 1fr) var(--ov-layout-strip-size, 22%);
    gap: var(--_gap);
  }
  :host(:state(strip-below)) .stage {
    grid-template-columns: minmax(0, 1fr);
    grid-template-rows: minmax(0, 1fr) var(--ov-layout-strip-size, 22%);
  }
  [part='focus'] {
    position: relative;
    min-width: 0;
    min-height: 0;
  }
  [part='focus'] .cell {
    position: absolute;
    inset: 0;
  }
  .strip {
    display: flex;
    flex-direction: column;
    justify-content: center;
    gap: var(--_gap);
    overflow: hidden;
    min-height: 0;
    min-width: 0;
  }
  .strip .cell {
    flex: none;
    aspect-ratio: 16 / 9;
  }
  :host(:state(strip-below)) .strip {
    flex-direction: row;
  }
  :host(:state(strip-below)) .strip .cell {
    height: 100%;
    width: auto;
  }
  :host(:state(portrait)) .strip .cell {
    aspect-ratio: 1;
  }
  .cell {
    position: relative;
    min-width: 0;
    min-height: 0;
  }
  .cell ov-video {
    position: absolute;
    inset: 0;
  }
  button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    border: 0;
    color: #fff;
    background: var(--_control);
    cursor: pointer;
    font: inherit;
  }
  button:focus-visible {
    outline: 2px solid var(--ov-focus-color, #93c5fd);
    outline-offset: 2px;
  }
  .pin {
    position: absolute;
    top: 6px;
    right: 6px;
    width: 32px;
    height: 32px;
    border-radius: 50%;
    opacity: 0;
    transition: opacity 120ms;
  }
  .cell:hover .pin,
  .pin:focus-visible,
  .pin[aria-pressed='true'] {
    opacity: 1;
  }
  .pin[aria-pressed='true'] {
    background: var(--ov-accent-color, #2563eb);
  }
  /* Touch screens have no hover: the pin button is always there, and big enough for a finger. */
  @media (hover: none) {
    .pin {
      opacity: 0.8;
      width: 40px;
      height: 40px;
    }
  }
  [part='pager'] {
    position: absolute;
    left: 0;
    right: 0;
    bottom: 0;
    height: 44px;
    display: flex;
    align-items: center;
    justify-content: center;
    gap: 12px;
    font-size: 0.9rem;
  }
  [part~='page-button'] {
    width: 40px;
    height: 40px;
    border-radius: 50%;
  }
  [part~='page-button'][aria-disabled='true'] {
    opacity: 0.4;
    cursor: default;
  }
  [part='page-status'] {
    min-width: 7em;
    text-align: center;
  }
`;
