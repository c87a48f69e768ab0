/** What `npm run start:sharded` (sharded.ts) sends a shard (main.ts) over IPC: shut down gracefully. */
export const SHUTDOWN_MESSAGE = 'newsdesk:shutdown';
