import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIButtonComponentWithCustomId, type APIEmbed } from 'discord.js';
import { LIMITS, fitEmbeds } from './limits.js';
import { truncate } from '../../format/shorten.js';

/** Never ping anyone: quoted news or a question may contain @everyone, <@&role> or <@user>. */
export const NO_MENTIONS = { parse: [] as never[] };
/** For `message.reply`: no pings, not even the author being replied to. */
export const NO_MENTIONS_REPLY = { parse: [] as never[], repliedUser: false };

export type ButtonRow = APIActionRowComponent<APIButtonComponentWithCustomId>;

/** What every render function returns: plain data, usable with reply / editReply / followUp / update / message.reply. */
export interface RenderedMessage {
  content?: string;
  embeds: APIEmbed[];
  components: ButtonRow[];
  allowedMentions: typeof NO_MENTIONS;
}

export interface ButtonSpec {
  customId: string;
  label: string;
  style?: ButtonStyle.Primary | ButtonStyle.Secondary | ButtonStyle.Success | ButtonStyle.Danger;
  disabled?: boolean;
  emoji?: string;
}

/** Buttons in rows of at most 5 (and at most 5 rows). */
export function buttonRows(buttons: readonly ButtonSpec[]): ButtonRow[] {
  const rows: ButtonRow[] = [];
  const list = buttons.slice(0, LIMITS.buttonsPerRow * LIMITS.rows);
  for (let i = 0; i < list.length; i += LIMITS.buttonsPerRow) {
    rows.push({
      type: ComponentType.ActionRow,
      components: list.slice(i, i + LIMITS.buttonsPerRow).map((b) => ({
        type: ComponentType.Button,
        style: b.style ?? ButtonStyle.Secondary,
        custom_id: b.customId.slice(0, LIMITS.customId),
        label: truncate(b.label, LIMITS.buttonLabel),
        ...(b.disabled ? { disabled: true } : {}),
        ...(b.emoji ? { emoji: { name: b.emoji } } : {}),
      })),
    });
  }
  return rows;
}

/** A message from embeds and buttons, fitted to Discord's limits, with mentions disabled. */
export function message(embeds: readonly APIEmbed[], components: ButtonRow[] = []): RenderedMessage {
  return { embeds: fitEmbeds(embeds), components, allowedMentions: NO_MENTIONS };
}

/** A short text message (errors, refusals). The text is trusted (written by us or the engine). */
export function notice(text: string): RenderedMessage {
  return { content: truncate(text, LIMITS.content), embeds: [], components: [], allowedMentions: NO_MENTIONS };
}

export const COLORS = {
  answer: 0x3b82f6,
  abstain: 0x9ca3af,
  search: 0x8b5cf6,
  sources: 0x10b981,
  admin: 0xf59e0b,
} as const;
