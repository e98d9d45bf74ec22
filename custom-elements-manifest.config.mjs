// Custom Elements Manifest analyzer settings (`npm run build:manifest`). Besides custom-elements.json, the last
// plugin writes the framework types (dist/frameworks/) from the manifest: React's and Vue's with break-stuff's
// cem-tools generators, Svelte 5's with svelteTypes below, and the Angular directives' source (angularDirectives
// below, compiled by `npm run build:angular`).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { generateJsxTypes } from 'custom-element-jsx-integration';
import { generateVuejsTypes } from 'custom-element-vuejs-integration';
import { stampLine } from './scripts/framework-types.mjs';

const OUT = 'dist/frameworks';
// The Angular directives' TypeScript, which `npm run build:angular` compiles into OUT (tsconfig.angular.json).
const ANGULAR_SOURCE = 'build/angular';

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

// A JSDoc comment; a "*/" in the text is escaped so that it cannot end the comment early.
const doc = (text, indent = '  ') => (text ? `${indent}/** ${text.replace(/\*\//g, '*\\/').replace(/\n/g, `\n${indent} * `)} */\n` : '');

/** What an app may set on an element, as the frameworks see it: attributes by their property, then properties only. */
function settable(element) {
  const attributes = (element.attributes ?? []).filter((attribute) => attribute.fieldName);
  const properties = (element.members ?? []).filter(
    (member) => member.kind === 'field' && !member.attribute && !member.static && member.privacy !== 'private' && member.privacy !== 'protected',
  );
  return { attributes, properties };
}

/** An event's type as its handler gets it: the event class (OvJoinedEvent) when it is one of ours. */
const eventType = (event) => (/^Ov\w+Event$/.test(event.type?.text ?? '') ? event.type.text : 'CustomEvent');

/**
 * Svelte 5 (`openvidu-elements/svelte`): every tag in `svelte/elements`' SvelteHTMLElements, for svelte-check, as
 * Svelte 5 writes them: attributes (`session-id`), properties (`tokenProvider`, set as properties because the
 * element has them) and event attributes (`onov-joined`, whose handler gets the event class, `currentTarget` typed
 * as the element), with Svelte's own HTML attributes. The break-stuff generator for Svelte writes Svelte 4's
 * `on:ov-joined` and `bind:` forms, and Solid's JSX types, instead.
 */
function svelteTypes(manifest, HEADER) {
  const elements = manifest.modules.flatMap((module) => module.declarations ?? []).filter((d) => d.tagName);
  const imports = new Set(elements.map((element) => element.name));
  const blocks = elements.map((element) => {
    const { attributes, properties } = settable(element);
    const events = (element.events ?? []).map((event) => {
      const type = eventType(event);
      if (type !== 'CustomEvent') imports.add(type);
      return { ...event, type };
    });
    const lines = [
      ...attributes.map((a) => `${doc(a.description)}  '${a.name}'?: ${element.name}['${a.fieldName}'] | null;\n`),
      ...properties.map((p) => `${doc(p.description)}  ${p.name}?: ${element.name}['${p.name}'] | null;\n`),
      ...events.map((e) => `${doc(e.description)}  'on${e.name}'?: EventHandler<${e.type}, ${element.name}> | null;\n`),
    ];
    // Its own attributes win over Svelte's HTML ones of the same name (`<ov-room lang layout>`).
    return `interface ${element.name}Own {\n${lines.join('')}}\nexport type ${element.name}Attributes = Omit<HTMLAttributes<${element.name}>, keyof ${element.name}Own> & ${element.name}Own;\n`;
  });
  const entries = elements.map((element) => `${doc(element.summary ?? element.description, '    ')}    '${element.tagName}': ${element.name}Attributes;\n`);
  return `${HEADER}// Adds every ov-* tag to Svelte 5's elements, for svelte-check: import type {} from 'openvidu-elements/svelte';
import type { HTMLAttributes } from 'svelte/elements';
import type { ${[...imports].join(', ')} } from '../index.js';

/** As Svelte types its own event attributes: the event, with \`currentTarget\` the element listened on. */
type EventHandler<E extends Event, T extends EventTarget> = (event: E & { currentTarget: EventTarget & T }) => unknown;

${blocks.join('\n')}
declare module 'svelte/elements' {
  interface SvelteHTMLElements {
${entries.join('')}  }
}
`;
}

/**
 * Angular (`openvidu-elements/angular`): one standalone directive per tag, selector the tag itself, so that a
 * template needs no CUSTOM_ELEMENTS_SCHEMA and strictTemplates checks it. Angular's template checker leaves an
 * element alone ("not a known element") once any directive matches it, and checks every property binding that no
 * directive input claims against the DOM schema, so `[tokenProvidr]` fails (NG8002); the inputs are typed as the
 * element's properties and forward to them. The outputs only type `$event`: Angular listens to the element's own
 * DOM event for `(ov-joined)` as well as to a matching directive output, so they never emit (the handler runs once,
 * with the element's event). Written as TypeScript for ngc in partial compilation mode (what ng-packagr does), so
 * that the app's Angular compiler reads the metadata and links it, whatever its version.
 */
function angularDirectives(manifest, HEADER) {
  const elements = manifest.modules.flatMap((module) => module.declarations ?? []).filter((d) => d.tagName);
  const imports = new Set(elements.map((element) => element.name));
  const classes = elements.map((element) => {
    const { attributes, properties } = settable(element);
    const inputs = [
      ...attributes.map((a) => ({ name: a.fieldName, description: a.description })),
      ...properties.map((p) => ({ name: p.name, description: p.description })),
    ];
    const events = (element.events ?? []).map((event) => {
      const type = eventType(event);
      if (type !== 'CustomEvent') imports.add(type);
      return { ...event, type };
    });
    const lines = [
      `  private readonly element = inject<ElementRef<${element.name}>>(ElementRef).nativeElement;\n`,
      ...inputs.map(
        (input) =>
          `${doc(input.description)}  @Input() set ${input.name}(value: ${element.name}['${input.name}']) {\n    this.element.${input.name} = value;\n  }\n`,
      ),
      ...events.map((event) => `${doc(event.description)}  readonly ${camel(event.name)} = output<${event.type}>({ alias: '${event.name}' });\n`),
    ];
    return `${doc(element.summary ?? element.description, '')}@Directive({ selector: '${element.tagName}' })\nexport class ${element.name}Directive {\n${lines.join('')}}\n`;
  });
  return `${HEADER}// Angular directives for the ov-* tags: imports: [OpenViduElements] in a standalone component. They register
// nothing: import 'openvidu-elements/define.js' (or one element's module) as everywhere else.
import { Directive, ElementRef, Input, inject, output } from '@angular/core';
import type { ${[...imports].join(', ')} } from 'openvidu-elements';

${classes.join('\n')}
/** Every directive, for a standalone component's \`imports\`. */
export const OpenViduElements = [${elements.map((element) => `${element.name}Directive`).join(', ')}] as const;
`;
}

function rewrite(file, edit) {
  writeFileSync(file, edit(readFileSync(file, 'utf8')));
}

/**
 * Each generated file's first lines: where it comes from, and the stamp of the manifest it was made from, by which
 * scripts/framework-types.mjs tells a stale file (the analyzer writes custom-elements.json after the plugins).
 */
const header = (manifest) => `// Generated from custom-elements.json by custom-elements-manifest.config.mjs (npm run build:manifest).\n${stampLine(manifest)}\n`;

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
        // This is the last plugin: the manifest as the analyzer will write it.
        const HEADER = header(customElementsManifest);
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
        writeFileSync(`${OUT}/react-jsx.js`, `${HEADER}// Types only: see react-jsx.d.ts.\nexport {};\n`);

        // Vue 3 (`openvidu-elements/vue`): GlobalComponents, so vue-tsc checks the tags' props and `@ov-*` events.
        generateVuejsTypes(manifest, { ...common, fileName: 'vue.d.ts' });
        // Its global JSX.IntrinsicElements block is left out: it would clash with React's in an app that has both.
        rewrite(`${OUT}/vue.d.ts`, (text) => HEADER + vueCamelCaseProps(eventClassesAsIs(text)).replace(/\ndeclare global \{[\s\S]*$/, '\n'));
        writeFileSync(`${OUT}/vue.js`, `${HEADER}// Types only: see vue.d.ts.\nexport {};\n`);

        writeFileSync(`${OUT}/svelte.d.ts`, svelteTypes(manifest, HEADER));
        writeFileSync(`${OUT}/svelte.js`, `${HEADER}// Types only: see svelte.d.ts.\nexport {};\n`);

        mkdirSync(ANGULAR_SOURCE, { recursive: true });
        writeFileSync(`${ANGULAR_SOURCE}/angular.ts`, angularDirectives(manifest, HEADER));
      },
    },
  ],
};
