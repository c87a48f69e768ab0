export {
  FakeDiscord,
  startFakeDiscord,
  summarize,
  type FakeDiscordOptions,
  type RecordedRequest,
  type RecordedResponse,
  type RequestMatcher,
  type InteractionRef,
} from './server.js';
export type { GatewayLogEntry, IdentifyPayload, GatewayDispatch } from './gateway.js';
export type {
  CommandOptionInput,
  InteractionContextInput,
  SlashCommandInput,
  AutocompleteInput,
  ComponentInput,
  ModalSubmitInput,
  MessageCreateInput,
} from './builders.js';
export type { FakeGuildSpec, FakeChannelSpec, FakeRoleSpec, FakeOverwriteSpec, FileUpload, InteractionState, UserInput } from './state.js';
export type { DiscordErrorBody } from './validation.js';
export { snowflake, snowflakeTimestamp } from './snowflake.js';
export { DEFAULT_BOT_ROLE_PERMISSIONS, DEFAULT_EVERYONE_PERMISSIONS } from './permissions.js';
