import type { Answer, ConversationTurn } from '../types.js';
import type { AskOptions } from './options.js';

/** The part of the Engine a conversation needs. */
export interface Asker {
  ask(question: string, options?: AskOptions): Promise<Answer>;
}

/**
 * Ask questions as one conversation, oldest first: each is read against the turns before it
 * (the CLI's `--history` and the eval's `history` field). Returns every answer; the last is the
 * one asked about.
 */
export async function askConversation(engine: Asker, questions: readonly string[], options: Omit<AskOptions, 'history'> = {}): Promise<Answer[]> {
  const turns: ConversationTurn[] = [];
  const answers: Answer[] = [];
  for (const q of questions) {
    const answer = await engine.ask(q, { ...options, history: turns });
    answers.push(answer);
    if (answer.turn) turns.push(answer.turn);
  }
  return answers;
}
