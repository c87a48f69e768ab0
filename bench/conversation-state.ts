import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

export interface ConversationStateResult {
  users: number;
  conversations: number;
  turnsKept: number;
  heapMb: number;
  bytesPerConversation: number;
  /** Microseconds per question (look up the history, keep the new turn). */
  perOpUs: number;
}

/** The bot's conversation state under simulated users, in a child with --expose-gc (bench/conversation-state-child.ts). */
export async function runConversationState(users: readonly number[]): Promise<ConversationStateResult[]> {
  const child = path.join(import.meta.dirname, 'conversation-state-child.ts');
  const out: ConversationStateResult[] = [];
  // One process per size: nothing of one run is left in the heap the next one measures.
  for (const n of users) {
    const { stdout } = await promisify(execFile)(process.execPath, ['--expose-gc', '--import', 'tsx', child, String(n)], { maxBuffer: 1 << 20 });
    out.push(...(JSON.parse(stdout.trim().split('\n').pop()!) as ConversationStateResult[]));
  }
  return out;
}
