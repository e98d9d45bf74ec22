import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
    position: relative;
    min-height: 0;
    min-width: 0;
    overflow: hidden;
  }
  :host([hidden]) {
    display: none;
  }
  .grid {
    position: absolute;
    inset: 0;
    display: grid;
    grid-template-columns: repeat(var(--_columns, 1), var(--_tile-width, 1fr));
    grid-auto-rows: var(--_tile-height, auto);
    gap: var(--ov-layout-gap, 8px);
    place-content: center;
  }
  .focus-layout {
    position: absolute;
    inset: 0;
    display: grid;
    grid-template-columns: minmax(0, 1fr) var(--ov-layout-strip-size, 22%);
    gap: var(--ov-layout-gap, 8px);
  }
  :host(:state(strip-below)) .focus-layout {
    grid-template-columns: minmax(0, 1fr);
    grid-template-rows: minmax(0, 1fr) var(--ov-layout-strip-size, 22%);
  }
  [part='focus'] {
    position: relative;
    min-width: 0;
    min-height: 0;
  }
  [part='focus'] ov-video {
    position: absolute;
    inset: 0;
  }
  [part='strip'] {
    display: flex;
    flex-direction: column;
    gap: var(--ov-layout-gap, 8px);
    overflow: auto;
    min-height: 0;
    min-width: 0;
  }
  [part='strip'] ov-video {
    flex: none;
    aspect-ratio: 16 / 9;
  }
  :host(:state(strip-below)) [part='strip'] {
    flex-direction: row;
  }
  :host(:state(strip-below)) [part='strip'] ov-video {
    height: 100%;
    width: auto;
  }
`;
