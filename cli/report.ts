// The doctor's checklist as text for people (a line per step, and for every warning or failure what to change).
import type { DoctorReport, StepStatus } from './doctor.js';

const LABELS: Record<StepStatus, string> = { passed: 'ok  ', warning: 'warn', failed: 'FAIL', skipped: 'skip' };
const WIDTH = 100;

/**
 * Wraps `text` at word boundaries to WIDTH columns, each line after the first indented by `indent`. A `command` in
 * backticks stays on one line, so that it can be copied.
 */
function wrap(text: string, indent: string): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.match(/\S*`[^`]*`\S*|\S+/g) ?? []) {
    if (line && indent.length + line.length + 1 + word.length > WIDTH) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines.join(`\n${indent}`);
}

export function formatReport(report: DoctorReport): string {
  const titleWidth = Math.max(...report.steps.map((s) => s.title.length));
  const out = [`openvidu-elements doctor: ${report.url}`, ''];
  for (const step of report.steps) {
    const head = `  ${LABELS[step.status]}  ${step.title.padEnd(titleWidth)}  `;
    const indent = ' '.repeat(head.length);
    out.push(head + wrap(step.message, indent));
    if (step.remedy && (step.status === 'failed' || step.status === 'warning')) out.push(`${indent}${wrap(`Fix: ${step.remedy}`, `${indent}     `)}`);
  }
  const count = (status: StepStatus) => report.steps.filter((s) => s.status === status).length;
  const failures = count('failed');
  const warnings = count('warning');
  out.push('');
  if (failures === 0) {
    out.push(warnings === 0 ? 'Everything checked passed.' : `No failures; ${warnings} warning${warnings === 1 ? '' : 's'}.`);
  } else {
    out.push(`${failures} failed, ${warnings} warning${warnings === 1 ? '' : 's'}, ${count('passed')} passed.`);
  }
  if (report.localServer) {
    out.push('This is the local development server (npm start): fine for development; production runs on a real OpenVidu deployment.');
  }
  return out.join('\n');
}
