import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { loadEngineConfig, type EngineConfig } from '../../src/config/engine-config.js';
import { embedderOptionsFrom, loadEmbedder, type Embedder } from '../../src/embed/embedder.js';
import { Engine } from '../../src/engine/engine.js';

export const REPO = path.resolve(import.meta.dirname, '../..');
export const SEEDS = path.join(REPO, 'seeds');

/** A temp copy of the seeds with its own index folder, so tests never touch the repo's. */
export interface Workspace {
  dir: string;
  seedsDir: string;
  indexDir: string;
  config: EngineConfig;
  cleanup(): void;
}

export function makeWorkspace(env: Record<string, string> = {}): Workspace {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'newsdesk-test-'));
  const seedsDir = path.join(dir, 'seeds');
  const indexDir = path.join(dir, 'embeddings');
  cpSync(SEEDS, seedsDir, { recursive: true });
  const config = loadEngineConfig({ ...process.env, SEEDS_DIR: seedsDir, INDEX_DIR: indexDir, ...env });
  return { dir, seedsDir, indexDir, config, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

let shared: Promise<Embedder> | undefined;
/** One real model per test file (each vitest file runs in its own process). */
export function testEmbedder(): Promise<Embedder> {
  const config = loadEngineConfig();
  shared ??= loadEmbedder(embedderOptionsFrom(config));
  return shared;
}

/** `engineOver(articles)` for a whole test file: opened before its tests, closed after them; call the result for the engine. */
export function engineForFile(articles: Record<string, string>): () => Engine {
  let opened: Awaited<ReturnType<typeof engineOver>> | undefined;
  beforeAll(async () => {
    opened = await engineOver(articles);
  });
  afterAll(() => opened?.close());
  return () => {
    if (!opened) throw new Error('the engine is opened in beforeAll');
    return opened.engine;
  };
}

/** An engine over a few articles written by the test (file name → text), in a temp folder removed by `close`. */
export async function engineOver(articles: Record<string, string>): Promise<{ engine: Engine; close(): Promise<void> }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'newsdesk-corpus-'));
  const seedsDir = path.join(dir, 'seeds');
  mkdirSync(seedsDir);
  for (const [name, text] of Object.entries(articles)) writeFileSync(path.join(seedsDir, name), text);
  const engine = await Engine.open({
    config: loadEngineConfig({ ...process.env, SEEDS_DIR: seedsDir, INDEX_DIR: path.join(dir, 'embeddings') }),
    embedder: await testEmbedder(),
  });
  return {
    engine,
    close: async () => {
      await engine.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
