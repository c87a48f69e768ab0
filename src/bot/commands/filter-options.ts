import type { SlashCommandBuilder, SlashCommandOptionsOnlyBuilder } from 'discord.js';

/** The `outlet:` (suggested from the indexed outlets), `since:` and `until:` options of /ask and /search. */
export function addFilterOptions(builder: SlashCommandBuilder | SlashCommandOptionsOnlyBuilder): void {
  builder
    .addStringOption((o) => o.setName('outlet').setDescription('Only articles from this outlet').setAutocomplete(true).setMaxLength(100))
    .addStringOption((o) => o.setName('since').setDescription('Only articles published on or after: "2025-11-27", "last week", "3 March"').setMaxLength(60))
    .addStringOption((o) => o.setName('until').setDescription('Only articles published on or before this day').setMaxLength(60));
}
