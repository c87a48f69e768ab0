export { FakeDiscord, startFakeDiscord, type FakeDiscordOptions, type RecordedRequest, type InteractionRef } from './server.js';
export type { GatewayLogEntry } from './gateway.js';
