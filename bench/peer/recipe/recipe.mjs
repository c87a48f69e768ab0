/**
 * The plain LangChain.js retrieval recipe, as a TypeScript developer would write it from the
 * LangChain docs: read the articles, `RecursiveCharacterTextSplitter({ chunkSize: 1000,
 * chunkOverlap: 200 })`, `HuggingFaceTransformersEmbeddings` (library defaults: mean pooling,
 * batches of 512), `HNSWLib.fromDocuments` → `save`, then `HNSWLib.load` → `similaritySearch(q, k)`.
 *
 * `npm run bench -- --peer` runs it as a child process (IPC) side by side with Newsdesk. Plain JS
 * (what the developer's TypeScript compiles to) so neither side pays for a TypeScript loader.
 * The only changes to the recipe are the ones needed to run it on the same model file offline
 * (`env.localModelPath`, remote loading off, `dtype: 'q8'`) and a progress callback that records
 * which model files were loaded.
 *
 *   node recipe.mjs build <seedsDir> <storeDir>   build and save the store, report, exit
 *   node recipe.mjs serve <storeDir>              load the store and answer requests
 *   node recipe.mjs probe <text>                  the text's CLS vector (checks the model file)
 *
 * Environment: MODEL_DIR (required: the Hub is never used), MODEL_ID.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { env } from '@huggingface/transformers';
import { HuggingFaceTransformersEmbeddings } from '@langchain/community/embeddings/huggingface_transformers';
import { HNSWLib } from '@langchain/community/vectorstores/hnswlib';
import { Document } from '@langchain/core/documents';
import { RecursiveCharacterTextSplitter } from '@langchain/textsplitters';

/** BGE's query instruction (model card); the "+ instruction" variant prepends it to queries. */
const BGE_INSTRUCTION = 'Represent this sentence for searching relevant passages: ';
const MODEL_ID = process.env.MODEL_ID || 'Xenova/bge-small-en-v1.5';
const MODEL_DIR = process.env.MODEL_DIR;

const send = (message) => new Promise((resolve) => process.send(message, resolve));
const fail = async (message) => {
  await send({ error: message });
  process.exit(1);
};
if (!process.send) {
  process.stderr.write('recipe.mjs is run by `npm run bench -- --peer` (it talks over IPC).\n');
  process.exit(2);
}
if (!MODEL_DIR) await fail('MODEL_DIR is not set: the recipe loads the model from local files only.');

env.localModelPath = MODEL_DIR.endsWith(path.sep) ? MODEL_DIR : MODEL_DIR + path.sep;
env.allowLocalModels = true;
env.allowRemoteModels = false;

/** Model files transformers.js finished loading (relative to `<MODEL_DIR>/<MODEL_ID>/`). */
const loadedFiles = [];
const pretrainedOptions = {
  dtype: 'q8',
  progress_callback: (p) => {
    if (p.status === 'done' && p.file) loadedFiles.push(p.file);
  },
};
const embeddings = (pipelineOptions) => new HuggingFaceTransformersEmbeddings({ model: MODEL_ID, pretrainedOptions, ...(pipelineOptions && { pipelineOptions }) });
const modelInfo = () => ({ localModelPath: env.localModelPath, modelId: MODEL_ID, files: [...loadedFiles] });
const maxRssMb = () => process.resourceUsage().maxRSS / 1024;
/** CPU seconds of this process (user + system, all threads): less sensitive than wall time to other load. */
const cpuSeconds = () => {
  const u = process.resourceUsage();
  return (u.userCPUTime + u.systemCPUTime) / 1e6;
};

/** Every .txt/.md file as one Document (what DirectoryLoader + TextLoader produce). */
async function loadDocuments(seedsDir) {
  const files = (await readdir(seedsDir)).filter((f) => /\.(txt|md)$/i.test(f)).sort();
  return Promise.all(files.map(async (f) => new Document({ pageContent: await readFile(path.join(seedsDir, f), 'utf8'), metadata: { source: path.join(seedsDir, f) } })));
}

/** One request of the serve loop (protocol: bench/peer/protocol.ts). */
async function answer(store, req) {
  if (req.op === 'search') {
    const ms = [];
    const hits = [];
    for (const q of req.queries) {
      const t0 = performance.now();
      const docs = await store.similaritySearch(req.instruction ? BGE_INSTRUCTION + q : q, req.k);
      ms.push(performance.now() - t0);
      if (req.withHits) hits.push(docs.map((d) => ({ file: path.basename(d.metadata.source), text: d.pageContent })));
    }
    await send({ id: req.id, ms, hits });
  } else if (req.op === 'stats') {
    await send({ id: req.id, rssMb: process.memoryUsage().rss / 1048576, maxRssMb: maxRssMb() });
  } else if (req.op === 'exit') {
    process.exit(0);
  }
}

const [mode, ...args] = process.argv.slice(2);
try {
  if (mode === 'build') {
    const [seedsDir, storeDir] = args;
    const docs = await loadDocuments(seedsDir);
    const splitter = new RecursiveCharacterTextSplitter({ chunkSize: 1000, chunkOverlap: 200 });
    const chunks = await splitter.splitDocuments(docs);
    const store = await HNSWLib.fromDocuments(chunks, embeddings());
    await store.save(storeDir);
    await send({ built: { documents: docs.length, passages: chunks.length, sinceStartMs: performance.now(), cpuSeconds: cpuSeconds(), maxRssMb: maxRssMb(), model: modelInfo() } });
    process.exit(0);
  } else if (mode === 'serve') {
    const [storeDir] = args;
    const t = performance.now();
    const store = await HNSWLib.load(storeDir, embeddings());
    // The pipeline loads lazily on the first query: one query makes the process "loaded".
    await store.similaritySearch('warm up', 1);
    await send({ ready: { openMs: performance.now() - t, passages: store.index.getCurrentCount(), model: modelInfo() } });
    process.on('message', (req) => answer(store, req).catch((e) => send({ error: e?.message ?? String(e) })));
  } else if (mode === 'probe') {
    // BGE's own pooling (CLS), so the vector can be compared with Newsdesk's for the same text.
    const vector = await embeddings({ pooling: 'cls', normalize: true }).embedQuery(args[0]);
    await send({ probe: { vector, model: modelInfo() } });
    process.exit(0);
  } else {
    await fail(`unknown mode ${mode}`);
  }
} catch (e) {
  await fail(`recipe ${mode}: ${e?.message ?? e}`);
}
