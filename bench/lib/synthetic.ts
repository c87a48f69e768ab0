import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { splitSentences } from '../../src/chunk/split-sentences.js';
import { loadCorpus } from '../../src/ingest/load-corpus.js';
import { rng } from './stats.js';

/** Every sentence of the real articles: the material synthetic articles are recombined from. */
export async function realSentences(seedsDir: string): Promise<string[]> {
  const { articles } = await loadCorpus(seedsDir);
  const out: string[] = [];
  for (const d of articles) {
    for (const p of d.paragraphs) for (const s of splitSentences(d.cleaned, p.start, p.end)) out.push(d.cleaned.slice(s.start, s.end));
  }
  return out.filter((s) => s.length > 30);
}

/**
 * Write `articles` synthetic articles into `dir`, each a headline and
 * `paragraphs` paragraphs of 2–4 real sentences drawn at random (seeded).
 */
export function writeSyntheticCorpus(dir: string, sentences: readonly string[], articles: number, paragraphs = 5, seed = 7): void {
  mkdirSync(dir, { recursive: true });
  const next = rng(seed);
  const pick = () => sentences[Math.floor(next() * sentences.length)]!;
  for (let a = 0; a < articles; a++) {
    const body = [`Synthetic report ${a}: ${pick()}`];
    for (let p = 0; p < paragraphs; p++) body.push(Array.from({ length: 2 + Math.floor(next() * 3) }, pick).join(' '));
    writeFileSync(path.join(dir, `syn_${String(a).padStart(5, '0')}.txt`), body.join('\n\n') + '\n');
  }
}

/** `n` passage texts of 2–3 real sentences each (seeded). */
export function syntheticPassages(sentences: readonly string[], n: number, seed = 11): string[] {
  const next = rng(seed);
  const pick = () => sentences[Math.floor(next() * sentences.length)]!;
  return Array.from({ length: n }, () => Array.from({ length: 2 + Math.floor(next() * 2) }, pick).join(' '));
}
