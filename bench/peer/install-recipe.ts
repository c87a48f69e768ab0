import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * Install the recipe's own dependencies (bench/peer/recipe/package-lock.json) on first use, and
 * again whenever the lockfile is newer than the installed tree. They live in
 * bench/peer/recipe/node_modules and are never dependencies of the bot.
 */
export async function ensureRecipeInstalled(recipeDir: string, log: (s: string) => void): Promise<void> {
  const lock = path.join(recipeDir, 'package-lock.json');
  const installed = path.join(recipeDir, 'node_modules', '.package-lock.json');
  if (existsSync(installed) && statSync(installed).mtimeMs >= statSync(lock).mtimeMs) return;
  log(
    `installing the LangChain recipe's own dependencies (npm ci in ${path.relative(process.cwd(), recipeDir) || recipeDir}; first use only, about a minute: hnswlib-node compiles). They are not dependencies of the bot.`,
  );
  // npm's output goes to stderr so that the benchmark's stdout stays the report.
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn('npm', ['ci', '--no-audit', '--no-fund'], { cwd: recipeDir, stdio: ['ignore', process.stderr, process.stderr] });
    child.once('error', reject);
    child.once('exit', resolve);
  }).catch((e: Error) => {
    throw new Error(`Could not run npm for the LangChain recipe (${e.message}). Install it by hand: cd ${recipeDir} && npm ci`);
  });
  if (code !== 0)
    throw new Error(`npm ci for the LangChain recipe failed (exit ${code}; it needs the npm registry once). Install it by hand: cd ${recipeDir} && npm ci`);
}
