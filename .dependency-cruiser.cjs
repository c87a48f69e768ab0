// Dependency rules of src/ (issue #14), checked by `npm run check:deps` (and .ci/run).
// Dependencies point one way: front ends → engine → stages → shared types (src/types.ts,
// src/errors.ts). src/index.ts, the engine's public API (src/index-light.ts: the same without the
// engine), and src/tools.ts, the CLI's tooling (eval, feedback export, database), sit above the
// stages and the engine: only the front ends and code outside src/ import them (see FRONT_ENDS). LAYERS lists the folders of src/ from the bottom up:
// a folder may import the root files and folders of lower layers, never its own layer's siblings
// or anything above it.
// That makes a cycle between folders impossible; `no-circular` also forbids cycles between files.
const fs = require('node:fs');
const path = require('node:path');

const LAYERS = [
  ['text', 'storage', 'fetch', 'feedback'], // words and shapes; the binary file format; safe fetching; the feedback store
  ['ingest'], // reading articles
  ['chunk', 'config'], // sentences and passages; settings from the environment
  ['embed'], // the embedding model
  ['quotes'], // finding quotes and speakers, the quote index
  ['index'], // stored structures (vectors, passages, sentences, keywords) and their backends
  ['answer'], // reading the question, composing the answer
  ['retrieve', 'compare', 'conversation'], // ranking; side-by-side coverage; follow-ups
  ['engine'], // the public API
  ['eval'], // scoring against gold files
  ['format'], // wording shared by the front ends (labels, shortening)
  ['cli', 'bot'], // front ends
];

// A new folder must be given its place here, or the check stops saying so.
const srcDir = path.join(__dirname, 'src');
const layered = LAYERS.flat();
const unplaced = fs
  .readdirSync(srcDir, { withFileTypes: true })
  .filter((e) => e.isDirectory() && !layered.includes(e.name))
  .map((e) => e.name);
if (unplaced.length) throw new Error(`.dependency-cruiser.cjs: put src/${unplaced.join(', src/')} into LAYERS`);

const layerRules = LAYERS.flatMap((layer, i) =>
  layer.map((folder) => {
    const notBelow = LAYERS.slice(i).flat().filter((f) => f !== folder);
    return {
      name: `layer-${folder}`,
      comment: `src/${folder}/ may import only src/*.ts and the folders below it in LAYERS (not ${notBelow.join(', ')})`,
      severity: 'error',
      from: { path: `^src/${folder}/` },
      to: { path: `^src/(${notBelow.join('|')})/` },
    };
  }),
);

// The front ends use the engine as any other program would: through its public API (src/index.ts,
// or src/index-light.ts, the same without the engine, for programs that never open one; the CLI also
// src/tools.ts, the eval, feedback-export and database tooling the bot must not load), the wording
// they share (src/format/), and their own folder. Never a stage module directly.
const FRONT_ENDS = {
  bot: ['index.ts', 'index-light.ts', 'format/', 'bot/'],
  cli: ['index.ts', 'index-light.ts', 'tools.ts', 'format/', 'cli/'],
};
const frontEndRules = Object.entries(FRONT_ENDS).map(([folder, allowed]) => ({
  name: `front-end-${folder}`,
  comment: `src/${folder}/ may import of the project only src/${allowed.join(', src/')} (the public API, shared wording, itself)`,
  severity: 'error',
  from: { path: `^src/${folder}/` },
  to: { path: '^src/', pathNot: `^src/(${allowed.map((a) => (a.endsWith('/') ? a : `${a.replace('.', '\\.')}$`)).join('|')})` },
}));

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'No import cycles, between files or folders.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-folder-cycles',
      comment: 'No cycle between the folders of src/.',
      severity: 'error',
      scope: 'folder',
      from: { path: '^src/[^/]+/?$' },
      to: { path: '^src/[^/]+/?$', circular: true },
    },
    {
      name: 'root-imports-nothing',
      comment: 'src/types.ts and src/errors.ts are shared by every folder, so they import nothing of the project.',
      severity: 'error',
      from: { path: '^src/[^/]+\\.ts$', pathNot: '^src/(index|index-light|tools)\\.ts$' },
      to: { path: '^src/' },
    },
    {
      name: 'public-api-from-outside',
      comment: 'The public API (src/index.ts, src/index-light.ts) and the CLI tooling (src/tools.ts) are for the front ends and code outside src/.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/(bot|cli)/|^src/index\\.ts$' },
      to: { path: '^src/(index|index-light|tools)\\.ts$' },
    },
    {
      name: 'light-api-without-engine',
      // For programs that never open an engine (shard manager, deploy-commands, feedback, db:migrate).
      comment: 'Nothing src/index-light.ts imports may lead to the engine or the embedder: they load the model runtime (~200 MB).',
      severity: 'error',
      from: { path: '^src/index-light\\.ts$' },
      to: { path: '^src/(engine/engine|embed/embedder)\\.ts$', reachable: true },
    },
    ...layerRules,
    ...frontEndRules,
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports count: a cycle through types is still a cycle between layers.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
