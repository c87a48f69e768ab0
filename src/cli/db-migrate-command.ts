import { Command } from 'commander';
import { describeDatabase, Db, isUnreachable, unavailableError, migrate } from '../tools.js';
import { loadEngineConfig, EngineError } from '../index-light.js';
import { runCli } from './run-cli.js';

const program = new Command()
  .name('npm run db:migrate --')
  .description('Create or upgrade the index schema in the database (INDEX_BACKEND=postgres, DATABASE_URL, DATABASE_SCHEMA). `npm run index` does this too.')
  .showHelpAfterError();

runCli(async () => {
  program.parse();
  const config = loadEngineConfig();
  if (!config.database) throw new EngineError('CONFIG', 'npm run db:migrate is for INDEX_BACKEND=postgres (with DATABASE_URL).');
  const db = new Db(config.database, { application: 'newsdesk-migrate', readTimeout: false });
  try {
    const { applied, version } = await migrate(db);
    const where = `${describeDatabase(config.database.url)}, schema ${config.database.schema}`;
    if (!applied.length) process.stdout.write(`The schema in ${where} is up to date (version ${version}).\n`);
    for (const m of applied) process.stdout.write(`Applied migration ${m.version}: ${m.name}\n`);
    if (applied.length) process.stdout.write(`The schema in ${where} is at version ${version}.\n`);
  } catch (e) {
    throw isUnreachable(e) ? unavailableError(config.database, e, true) : e;
  } finally {
    await db.end();
  }
});
