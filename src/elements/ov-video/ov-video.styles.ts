import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
    position: relative;
    min-width: 0;
    min-height: 0;
    aspect-ratio: var(--ov-video-aspect-ratio, auto);
    border-radius: var(--ov-video-radius, 8px);
    overflow: hidden;
    background: var(--ov-video-background, #1f2329);
    color: var(--ov-video-label-color, #fff);
    font: inherit;
  }
  :host([hidden]) {
    display: none;
  }
  [part='base'] {
    position: absolute;
    inset: 0;
    border-radius: inherit;
    box-shadow: inset 0 0 0 0 transparent;
    transition: box-shadow 120ms ease-out;
  }
  :host(:state(speaking)) [part='base'] {
    box-shadow: inset 0 0 0 3px var(--ov-speaking-color, #4ade80);
  }
  video {
    width: 100%;
    height: 100%;
    display: block;
    object-fit: var(--ov-video-fit, cover);
    background: transparent;
  }
  :host(:state(screen)) video {
    object-fit: var(--ov-screen-fit, contain); /* a shared screen is read, not cropped */
  }
  :host(:state(mirrored)) video {
    transform: scaleX(-1);
  }
  :host(:state(camera-off)) video {
    visibility: hidden;
  }
  [part='placeholder'] {
    position: absolute;
    inset: 0;
    display: grid;
    place-items: center;
  }
  [part='avatar'] {
    width: 4em;
    height: 4em;
    border-radius: 50%;
    display: grid;
    place-items: center;
    font-size: clamp(12px, 3vmin, 20px);
    font-weight: 600;
    background: var(--ov-avatar-background, #3b4250);
    color: var(--ov-avatar-color, #fff);
  }
  [part='label'] {
    position: absolute;
    left: 8px;
    bottom: 8px;
    max-width: calc(100% - 16px);
    display: flex;
    align-items: center;
    gap: 4px;
    padding: 2px 8px;
    border-radius: 4px;
    background: var(--ov-video-label-background, rgb(0 0 0 / 55%));
    font-size: var(--ov-video-label-font-size, 0.85rem);
    line-height: 1.5;
  }
  [part='name'] {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  [part='mic-off'] {
    display: inline-flex;
    color: var(--ov-muted-color, #fca5a5);
  }
  [part='mic-off'] svg {
    width: 1em;
    height: 1em;
  }
  [part='play'] {
    position: absolute;
    inset: auto 8px 40px auto;
    font: inherit;
    padding: 6px 12px;
    border: 0;
    border-radius: 6px;
    background: var(--ov-accent-color, #2563eb);
    color: #fff;
    cursor: pointer;
  }
  [part='play']:focus-visible {
    outline: 2px solid var(--ov-focus-color, #93c5fd);
    outline-offset: 2px;
  }
  [hidden] {
    display: none !important;
  }
`;
