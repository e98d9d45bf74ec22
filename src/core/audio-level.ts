/**
 * A microphone level for meters: 0 (silence) to 1 (loud), read with Web Audio from whatever track `track()`
 * returns at each animation frame (so a switched microphone is followed). Returns the function that stops it
 * and closes its AudioContext.
 */
const FLOOR_DB = -60;

export function watchAudioLevel(track: () => MediaStreamTrack | undefined, onLevel: (level: number) => void): () => void {
  if (typeof AudioContext === 'undefined') return () => {};
  const context = new AudioContext();
  const analyser = context.createAnalyser();
  analyser.fftSize = 1024;
  const samples = new Float32Array(analyser.fftSize);
  let source: MediaStreamAudioSourceNode | undefined;
  let sourceTrack: MediaStreamTrack | undefined;
  let frame = 0;
  let lastLevel = -1;
  // Browsers start an AudioContext suspended until the page had a user gesture.
  const resume = () => void context.resume().catch(() => undefined);
  const gestures = ['pointerdown', 'keydown'] as const;
  for (const type of gestures) document.addEventListener(type, resume, { capture: true, passive: true });
  resume();

  const tick = () => {
    const current = track();
    if (current !== sourceTrack) {
      source?.disconnect();
      source = current ? context.createMediaStreamSource(new MediaStream([current])) : undefined;
      source?.connect(analyser);
      sourceTrack = current;
    }
    let level = 0;
    if (source && current?.enabled) {
      analyser.getFloatTimeDomainData(samples);
      let sum = 0;
      for (const sample of samples) sum += sample * sample;
      const rms = Math.sqrt(sum / samples.length);
      const db = rms > 0 ? 20 * Math.log10(rms) : FLOOR_DB;
      level = Math.min(1, Math.max(0, (db - FLOOR_DB) / -FLOOR_DB));
    }
    const rounded = Math.round(level * 20) / 20; // meters need no finer steps; fewer renders
    if (rounded !== lastLevel) onLevel((lastLevel = rounded));
    frame = requestAnimationFrame(tick);
  };
  frame = requestAnimationFrame(tick);

  return () => {
    cancelAnimationFrame(frame);
    for (const type of gestures) document.removeEventListener(type, resume, { capture: true });
    source?.disconnect();
    void context.close().catch(() => undefined);
  };
}
