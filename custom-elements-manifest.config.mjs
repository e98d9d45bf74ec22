// Custom Elements Manifest analyzer settings (`npm run build:manifest`). Besides custom-elements.json, the last
// plugin writes the framework types (dist/frameworks/) from the manifest with break-stuff's cem-tools generators.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { generateJsxTypes } from 'custom-element-jsx-integration';
import { generateVuejsTypes } from 'custom-element-vuejs-integration';

const OUT = 'dist/frameworks';

/**
 * The manifest as the generators should see it: only what an app may set (the read-only `state`, `room`, `ui` and
 * `shownParticipant` are outputs, and `room` would clash with the `room` attribute), and fields the analyzer
 * invented (an assignment to `this.audioContainer.className` read as a field) left out.
 */
function settableOnly(manifest) {
  const copy = structuredClone(manifest);
  for (const module of copy.modules ?? []) {
    for (const declaration of module.declarations ?? []) {
      if (!declaration.members) continue;
      declaration.members = declaration.members.filter((member) => member.kind !== 'field' || (!member.readonly && member.description));
    }
  }
  return copy;
}

/**
 * The generators type a handler's argument as `CustomEvent<type>`, taking the @fires type for the detail; ours
 * names the event class itself (OvJoinedEvent extends Event with a typed `detail`), so the handler gets that.
 */
const eventClassesAsIs = (text) => text.replace(/CustomEvent<(Ov\w+Event)>/g, '$1');

/**
 * vue-tsc reads a template's props and listeners in camelCase (`:session-id` as `sessionId`, `@ov-joined` as
 * `onOvJoined`, as Vue itself names them), so the generator's kebab-case keys (`"session-id"`, `"onov-joined"`)
 * would match nothing: with `strictTemplates` every attribute would fail, without it none would be checked.
 */
const camel = (name) => name.replace(/-(\w)/g, (_, c) => c.toUpperCase());
const vueCamelCaseProps = (text) =>
  text.replace(/^( {2})"([a-z][\w-]*)"\?:/gm, (_, indent, key) => `${indent}${key.startsWith('onov-') ? `on${camel(key.slice(2)).replace(/^\w/, (c) => c.toUpperCase())}` : camel(key)}?:`);

function rewrite(file, edit) {
  writeFileSync(file, edit(readFileSync(file, 'utf8')));
}

const HEADER = '// Generated from custom-elements.json by custom-elements-manifest.config.mjs (npm run build:manifest).\n';

export default {
  globs: ['src/**/*.ts'],
  litelement: true,
  outdir: '.',
  plugins: [
    {
      // The analyzer also lists `dispatchEvent(new OvJoinedEvent(…))` as an event it cannot name; the named
      // entries come from the @fires tags.
      name: 'drop-unnamed-events',
      packageLinkPhase({ customElementsManifest }) {
        for (const module of customElementsManifest.modules ?? []) {
          for (const declaration of module.declarations ?? []) {
            if (declaration.events) declaration.events = declaration.events.filter((event) => event.name);
          }
        }
      },
    },
    {
      name: 'framework-types',
      packageLinkPhase({ customElementsManifest }) {
        mkdirSync(OUT, { recursive: true });
        const manifest = settableOnly(customElementsManifest);
        const common = { outdir: OUT, globalTypePath: '../index.js', hideLogs: true };

        // React 19 (`openvidu-elements/react-jsx`): attributes, properties and `onov-*` listeners, plus React's own
        // HTML attributes and a ref typed as the element.
        generateJsxTypes(manifest, { ...common, fileName: 'jsx-elements.d.ts' });
        rewrite(`${OUT}/jsx-elements.d.ts`, (text) => HEADER + eventClassesAsIs(text));
        writeFileSync(
          `${OUT}/react-jsx.d.ts`,
          `${HEADER}// Adds every ov-* tag to React's JSX.IntrinsicElements: import type {} from 'openvidu-elements/react-jsx';
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { CustomElements } from './jsx-elements.js';
import type {} from '../define.js';

type Tag = keyof CustomElements;
type ElementOf<T extends Tag> = T extends keyof HTMLElementTagNameMap ? HTMLElementTagNameMap[T] : HTMLElement;
type HtmlProps<T extends Tag> = DetailedHTMLProps<HTMLAttributes<ElementOf<T>>, ElementOf<T>>;
/** An ov-* element's props in React: its own attributes, properties and events, and React's for any HTML element. */
export type ReactProps<T extends Tag> = Omit<CustomElements[T], keyof HtmlProps<T>> & HtmlProps<T>;
export type ReactIntrinsicElements = { [T in Tag]: ReactProps<T> };

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface IntrinsicElements extends ReactIntrinsicElements {}
  }
}
`,
        );
        writeFileSync(`${OUT}/react-jsx.js`, '// Types only: see react-jsx.d.ts.\nexport {};\n');

        // Vue 3 (`openvidu-elements/vue`): GlobalComponents, so vue-tsc checks the tags' props and `@ov-*` events.
        generateVuejsTypes(manifest, { ...common, fileName: 'vue.d.ts' });
        // Its global JSX.IntrinsicElements block is left out: it would clash with React's in an app that has both.
        rewrite(`${OUT}/vue.d.ts`, (text) => HEADER + vueCamelCaseProps(eventClassesAsIs(text)).replace(/\ndeclare global \{[\s\S]*$/, '\n'));
        writeFileSync(`${OUT}/vue.js`, '// Types only: see vue.d.ts.\nexport {};\n');
      },
    },
  ],
};
