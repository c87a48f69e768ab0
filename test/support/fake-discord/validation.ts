/**
 * A subset of Discord's server-side validation, producing the same error shapes
 * (`{ code: 50035, message: "Invalid Form Body", errors: { path: { _errors: [...] } } }`),
 * so a bot that would be rejected by the real API is rejected here too.
 */

export interface DiscordErrorBody {
  code: number;
  message: string;
  errors?: ErrorTree;
  retry_after?: number;
  global?: boolean;
}

export interface ErrorTree {
  [key: string]: ErrorTree | Array<{ code: string; message: string }>;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: DiscordErrorBody,
  ) {
    super(`${status} ${body.code} ${body.message}`);
  }
}

export class FormErrors {
  readonly tree: ErrorTree = {};
  count = 0;

  add(path: ReadonlyArray<string | number>, code: string, message: string): void {
    let node: ErrorTree = this.tree;
    for (const key of path) {
      const k = String(key);
      const next = node[k];
      if (!next || Array.isArray(next)) {
        const created: ErrorTree = {};
        node[k] = created;
        node = created;
      } else {
        node = next;
      }
    }
    const list = (node['_errors'] ??= []);
    if (Array.isArray(list)) list.push({ code, message });
    this.count++;
  }

  throwIfAny(): void {
    if (this.count > 0) throw new ApiError(400, { code: 50035, message: 'Invalid Form Body', errors: this.tree });
  }
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function maxLen(errors: FormErrors, path: Array<string | number>, value: unknown, max: number): void {
  if (typeof value === 'string' && [...value].length > max) {
    errors.add(path, 'BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`);
  }
}

function lenBetween(errors: FormErrors, path: Array<string | number>, value: unknown, min: number, max: number): void {
  if (typeof value !== 'string') {
    errors.add(path, 'BASE_TYPE_REQUIRED', 'This field is required');
    return;
  }
  const n = [...value].length;
  if (n < min || n > max) errors.add(path, 'BASE_TYPE_BAD_LENGTH', `Must be between ${min} and ${max} in length.`);
}

function embedTextLength(embed: Record<string, unknown>): number {
  let n = 0;
  const s = (v: unknown): number => (typeof v === 'string' ? [...v].length : 0);
  n += s(embed['title']) + s(embed['description']);
  if (isRecord(embed['footer'])) n += s(embed['footer']['text']);
  if (isRecord(embed['author'])) n += s(embed['author']['name']);
  if (Array.isArray(embed['fields'])) {
    for (const f of embed['fields']) if (isRecord(f)) n += s(f['name']) + s(f['value']);
  }
  return n;
}

/**
 * Validate a message create/edit body. `prefix` is the path of the message inside the request body
 * (e.g. ["data"] for interaction callbacks).
 */
export function validateMessageBody(
  body: Record<string, unknown>,
  opts: { prefix?: Array<string | number>; requireContent: boolean; fileCount: number },
): void {
  const prefix = opts.prefix ?? [];
  const errors = new FormErrors();
  const content = body['content'];
  if (content !== undefined && content !== null && typeof content !== 'string') {
    errors.add([...prefix, 'content'], 'STRING_TYPE_CONVERT', 'Could not interpret the value as string.');
  }
  maxLen(errors, [...prefix, 'content'], content, 2000);

  const embeds = body['embeds'];
  if (Array.isArray(embeds)) {
    if (embeds.length > 10) errors.add([...prefix, 'embeds'], 'BASE_TYPE_MAX_LENGTH', 'Must be 10 or fewer in length.');
    let total = 0;
    embeds.forEach((e, i) => {
      const p = [...prefix, 'embeds', i];
      if (!isRecord(e)) {
        errors.add(p, 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
        return;
      }
      total += embedTextLength(e);
      maxLen(errors, [...p, 'title'], e['title'], 256);
      maxLen(errors, [...p, 'description'], e['description'], 4096);
      if (isRecord(e['footer'])) maxLen(errors, [...p, 'footer', 'text'], e['footer']['text'], 2048);
      if (isRecord(e['author'])) maxLen(errors, [...p, 'author', 'name'], e['author']['name'], 256);
      if (typeof e['url'] === 'string' && !/^(https?|attachment):\/\//.test(e['url'])) {
        errors.add([...p, 'url'], 'URL_TYPE_INVALID_URL', 'Not a well formed URL.');
      }
      if (e['color'] !== undefined && e['color'] !== null && (typeof e['color'] !== 'number' || e['color'] < 0 || e['color'] > 0xffffff)) {
        errors.add([...p, 'color'], 'NUMBER_TYPE_MAX', 'int value should be less than or equal to 16777215.');
      }
      const fields = e['fields'];
      if (Array.isArray(fields)) {
        if (fields.length > 25) errors.add([...p, 'fields'], 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
        fields.forEach((f, j) => {
          if (!isRecord(f)) return;
          const fp = [...p, 'fields', j];
          if (typeof f['name'] !== 'string' || f['name'].length === 0) {
            errors.add([...fp, 'name'], 'BASE_TYPE_REQUIRED', 'This field is required');
          } else maxLen(errors, [...fp, 'name'], f['name'], 256);
          if (typeof f['value'] !== 'string' || f['value'].length === 0) {
            errors.add([...fp, 'value'], 'BASE_TYPE_REQUIRED', 'This field is required');
          } else maxLen(errors, [...fp, 'value'], f['value'], 1024);
        });
      }
    });
    if (total > 6000) {
      errors.add([...prefix, 'embeds'], 'MAX_EMBED_SIZE_EXCEEDED', 'Embed size exceeds maximum size of 6000');
    }
  }

  const components = body['components'];
  const flags = typeof body['flags'] === 'number' ? body['flags'] : 0;
  const componentsV2 = (flags & (1 << 15)) !== 0;
  if (Array.isArray(components) && !componentsV2) {
    if (components.length > 5) errors.add([...prefix, 'components'], 'BASE_TYPE_MAX_LENGTH', 'Must be 5 or fewer in length.');
    components.forEach((row, i) => {
      if (!isRecord(row)) return;
      const rp = [...prefix, 'components', i];
      if (row['type'] !== 1) {
        errors.add([...rp, 'type'], 'COMPONENT_LAYOUT_INVALID', 'Top-level components must be action rows (set the IS_COMPONENTS_V2 flag for other layouts)');
        return;
      }
      const inner = row['components'];
      if (!Array.isArray(inner) || inner.length === 0) {
        errors.add([...rp, 'components'], 'BASE_TYPE_MIN_LENGTH', 'Must be 1 or more in length.');
        return;
      }
      if (inner.length > 5) errors.add([...rp, 'components'], 'BASE_TYPE_MAX_LENGTH', 'Must be 5 or fewer in length.');
      inner.forEach((c, j) => {
        if (!isRecord(c)) return;
        const cp = [...rp, 'components', j];
        maxLen(errors, [...cp, 'custom_id'], c['custom_id'], 100);
        maxLen(errors, [...cp, 'label'], c['label'], 80);
        if (c['type'] === 2 && c['style'] !== 5 && c['style'] !== 6 && typeof c['custom_id'] !== 'string') {
          errors.add([...cp, 'custom_id'], 'BASE_TYPE_REQUIRED', 'This field is required');
        }
        if (c['type'] === 2 && c['style'] === 5 && typeof c['url'] !== 'string') {
          errors.add([...cp, 'url'], 'BASE_TYPE_REQUIRED', 'This field is required');
        }
      });
    });
  }
  if (componentsV2 && ((typeof content === 'string' && content.length > 0) || (Array.isArray(embeds) && embeds.length > 0))) {
    errors.add(
      [...prefix, 'content'],
      'MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2',
      "The 'content' and 'embeds' fields cannot be used when using MessageFlags.IS_COMPONENTS_V2",
    );
  }

  const am = body['allowed_mentions'];
  if (isRecord(am)) {
    const parse = Array.isArray(am['parse']) ? am['parse'] : [];
    if (parse.includes('users') && Array.isArray(am['users']) && am['users'].length > 0) {
      errors.add([...prefix, 'allowed_mentions'], 'MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE', 'parse:["users"] and users: [ids...] are mutually exclusive.');
    }
    if (parse.includes('roles') && Array.isArray(am['roles']) && am['roles'].length > 0) {
      errors.add([...prefix, 'allowed_mentions'], 'MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE', 'parse:["roles"] and roles: [ids...] are mutually exclusive.');
    }
    for (const p of parse) {
      if (p !== 'users' && p !== 'roles' && p !== 'everyone') {
        errors.add([...prefix, 'allowed_mentions', 'parse'], 'BASE_TYPE_CHOICES', `Value must be one of {'everyone', 'users', 'roles'}.`);
      }
    }
  }
  errors.throwIfAny();

  if (opts.requireContent) {
    const hasContent = typeof content === 'string' && content.trim().length > 0;
    const hasEmbeds = Array.isArray(embeds) && embeds.length > 0;
    const hasComponents = Array.isArray(components) && components.length > 0;
    const hasOther = body['poll'] !== undefined || (Array.isArray(body['sticker_ids']) && body['sticker_ids'].length > 0);
    if (!hasContent && !hasEmbeds && !hasComponents && !hasOther && opts.fileCount === 0) {
      throw new ApiError(400, { code: 50006, message: 'Cannot send an empty message' });
    }
  }
}

export function validateAutocompleteChoices(data: unknown): void {
  const errors = new FormErrors();
  if (!isRecord(data) || !Array.isArray(data['choices'])) {
    errors.add(['data', 'choices'], 'BASE_TYPE_REQUIRED', 'This field is required');
    errors.throwIfAny();
    return;
  }
  const choices = data['choices'];
  if (choices.length > 25) errors.add(['data', 'choices'], 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
  choices.forEach((c, i) => {
    if (!isRecord(c)) return;
    lenBetween(errors, ['data', 'choices', i, 'name'], c['name'], 1, 100);
    if (typeof c['value'] === 'string') maxLen(errors, ['data', 'choices', i, 'value'], c['value'], 100);
    else if (typeof c['value'] !== 'number') errors.add(['data', 'choices', i, 'value'], 'BASE_TYPE_REQUIRED', 'This field is required');
  });
  errors.throwIfAny();
}

export function validateModal(data: unknown): void {
  const errors = new FormErrors();
  if (!isRecord(data)) {
    errors.add(['data'], 'BASE_TYPE_REQUIRED', 'This field is required');
    errors.throwIfAny();
    return;
  }
  lenBetween(errors, ['data', 'custom_id'], data['custom_id'], 1, 100);
  lenBetween(errors, ['data', 'title'], data['title'], 1, 45);
  const comps = data['components'];
  if (!Array.isArray(comps) || comps.length === 0) errors.add(['data', 'components'], 'BASE_TYPE_MIN_LENGTH', 'Must be 1 or more in length.');
  else if (comps.length > 5) errors.add(['data', 'components'], 'BASE_TYPE_MAX_LENGTH', 'Must be 5 or fewer in length.');
  errors.throwIfAny();
}

const COMMAND_NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

/** Validation for application command registration (PUT/POST /applications/:id/commands). */
export function validateCommands(commands: unknown[]): void {
  const errors = new FormErrors();
  if (commands.length > 100) errors.add([], 'BASE_TYPE_MAX_LENGTH', 'Must be 100 or fewer in length.');
  const seen = new Set<string>();
  commands.forEach((cmd, i) => {
    if (!isRecord(cmd)) {
      errors.add([i], 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
      return;
    }
    const type = typeof cmd['type'] === 'number' ? cmd['type'] : 1;
    const name = cmd['name'];
    if (typeof name !== 'string') errors.add([i, 'name'], 'BASE_TYPE_REQUIRED', 'This field is required');
    else if (type === 1 && (!COMMAND_NAME.test(name) || name !== name.toLowerCase())) {
      errors.add([i, 'name'], 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid');
    } else if (type !== 1) lenBetween(errors, [i, 'name'], name, 1, 32);
    const key = `${type}:${String(name)}`;
    if (seen.has(key)) errors.add([i, 'name'], 'APPLICATION_COMMANDS_DUPLICATE_NAME', `Application command names must be unique`);
    seen.add(key);
    if (type === 1) lenBetween(errors, [i, 'description'], cmd['description'], 1, 100);
    validateOptions(errors, [i, 'options'], cmd['options'], 0);
  });
  errors.throwIfAny();
}

function validateOptions(errors: FormErrors, path: Array<string | number>, options: unknown, depth: number): void {
  if (options === undefined || options === null) return;
  if (!Array.isArray(options)) {
    errors.add(path, 'BASE_TYPE_LIST', 'Must be an array');
    return;
  }
  if (options.length > 25) errors.add(path, 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
  let sawOptional = false;
  const names = new Set<string>();
  options.forEach((opt, i) => {
    if (!isRecord(opt)) return;
    const p = [...path, i];
    const name = opt['name'];
    if (typeof name !== 'string' || !COMMAND_NAME.test(name) || name !== name.toLowerCase()) {
      errors.add([...p, 'name'], 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid');
    } else if (names.has(name)) {
      errors.add([...p, 'name'], 'APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS', 'Option names must be unique');
    } else names.add(name);
    lenBetween(errors, [...p, 'description'], opt['description'], 1, 100);
    const type = opt['type'];
    if (typeof type !== 'number' || type < 1 || type > 11)
      errors.add([...p, 'type'], 'BASE_TYPE_CHOICES', 'Value must be one of (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11).');
    const isSub = type === 1 || type === 2;
    if (!isSub) {
      if (opt['required'] === true && sawOptional) {
        errors.add([...p, 'required'], 'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID', 'Required options must be placed before non-required options');
      }
      if (opt['required'] !== true) sawOptional = true;
    }
    const choices = opt['choices'];
    if (Array.isArray(choices)) {
      if (choices.length > 25) errors.add([...p, 'choices'], 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
      if (opt['autocomplete'] === true && choices.length > 0) {
        errors.add([...p, 'autocomplete'], 'APPLICATION_COMMAND_OPTION_CHOICES_AUTOCOMPLETE', 'Autocomplete cannot be set on options with choices');
      }
    }
    if (opt['max_length'] !== undefined && (typeof opt['max_length'] !== 'number' || opt['max_length'] < 1 || opt['max_length'] > 6000)) {
      errors.add([...p, 'max_length'], 'NUMBER_TYPE_MAX', 'int value should be between 1 and 6000.');
    }
    if (isSub) {
      if (depth >= 2 || (type === 2 && depth >= 1))
        errors.add([...p, 'type'], 'APPLICATION_COMMAND_OPTIONS_TYPE_INVALID', 'Sub-command groups can only be nested once');
      validateOptions(errors, [...p, 'options'], opt['options'], depth + 1);
    }
  });
}
