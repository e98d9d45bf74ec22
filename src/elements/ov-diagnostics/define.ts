import { OvDiagnostics } from './ov-diagnostics.js';

// Loaded on demand, so its class and the runner behind it are exported here rather than by the classes entry.
export { OvDiagnostics };
export { DiagnosticsRunner, DIAGNOSTIC_STEPS, DIAGNOSTIC_STATUSES } from '../../core/diagnostics.js';

if (!customElements.get('ov-diagnostics')) customElements.define('ov-diagnostics', OvDiagnostics);

declare global {
  interface HTMLElementTagNameMap {
    'ov-diagnostics': OvDiagnostics;
  }
}
