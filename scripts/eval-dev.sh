#!/usr/bin/env bash
# `npm run eval:dev [-- --tuning file.json]`: every dev set of ours, one summary line each.
#   five articles: the shared questions, chatty, plain, traps, the old out-of-scope and extra sets,
#     and plain with 40% of its answers removed;
#   the second corpus (54 reports), the distractor corpus (330 reports), the third (60 reports), the fourth (36), the fifth (37), the sixth to tenth (38 each), the eleventh (39), the twelfth (38), the thirteenth (40), the fourteenth (40), the fifteenth (38), the sixteenth (38), the seventeenth (38), the eighteenth (40), the nineteenth (38): as written, with 40% of
#     the answers removed, and (distractors) with every headline replaced by "Staff report".
# Conversation sets (history field) run last.
# Variants are made by scripts/corpus-variant.ts into .cache/dev-variants/. Each line is the eval's
# summary JSON, prefixed with the set's name.
set -euo pipefail
cd "$(dirname "$0")/.."
F=test/fixtures
V=.cache/dev-variants
D=$F/corpora/distractors
mkdir -p "$V"
variant() { npx tsx scripts/corpus-variant.ts "$@" > /dev/null; }
cat "$D"/questions-*.jsonl > "$V/distractors.jsonl"
variant "$F/five/plain.jsonl" seeds "$V/five-plain-removed" --remove-answers 0.4
variant "$F/corpora/second/questions.jsonl" "$F/corpora/second/seeds" "$V/second-removed" --remove-answers 0.4
variant "$V/distractors.jsonl" "$D/seeds" "$V/distractors-removed" --remove-answers 0.4
variant "$V/distractors.jsonl" "$D/seeds" "$V/distractors-neutral" --neutral-headlines
variant "$F/corpora/third/questions.jsonl" "$F/corpora/third/seeds" "$V/third-removed" --remove-answers 0.4
variant "$F/corpora/fourth/questions.jsonl" "$F/corpora/fourth/seeds" "$V/fourth-removed" --remove-answers 0.4
variant "$F/corpora/fifth/questions.jsonl" "$F/corpora/fifth/seeds" "$V/fifth-removed" --remove-answers 0.4
variant "$F/corpora/sixth/questions.jsonl" "$F/corpora/sixth/seeds" "$V/sixth-removed" --remove-answers 0.4
variant "$F/corpora/seventh/questions.jsonl" "$F/corpora/seventh/seeds" "$V/seventh-removed" --remove-answers 0.4
variant "$F/corpora/eighth/questions.jsonl" "$F/corpora/eighth/seeds" "$V/eighth-removed" --remove-answers 0.4
variant "$F/corpora/ninth/questions.jsonl" "$F/corpora/ninth/seeds" "$V/ninth-removed" --remove-answers 0.4
variant "$F/corpora/tenth/questions.jsonl" "$F/corpora/tenth/seeds" "$V/tenth-removed" --remove-answers 0.4
variant "$F/corpora/eleventh/questions.jsonl" "$F/corpora/eleventh/seeds" "$V/eleventh-removed" --remove-answers 0.4
variant "$F/corpora/twelfth/questions.jsonl" "$F/corpora/twelfth/seeds" "$V/twelfth-removed" --remove-answers 0.4
variant "$F/corpora/thirteenth/questions.jsonl" "$F/corpora/thirteenth/seeds" "$V/thirteenth-removed" --remove-answers 0.4
variant "$F/corpora/fourteenth/questions.jsonl" "$F/corpora/fourteenth/seeds" "$V/fourteenth-removed" --remove-answers 0.4
variant "$F/corpora/fifteenth/questions.jsonl" "$F/corpora/fifteenth/seeds" "$V/fifteenth-removed" --remove-answers 0.4
variant "$F/corpora/sixteenth/questions.jsonl" "$F/corpora/sixteenth/seeds" "$V/sixteenth-removed" --remove-answers 0.4
variant "$F/corpora/seventeenth/questions.jsonl" "$F/corpora/seventeenth/seeds" "$V/seventeenth-removed" --remove-answers 0.4
variant "$F/corpora/eighteenth/questions.jsonl" "$F/corpora/eighteenth/seeds" "$V/eighteenth-removed" --remove-answers 0.4
variant "$F/corpora/nineteenth/questions.jsonl" "$F/corpora/nineteenth/seeds" "$V/nineteenth-removed" --remove-answers 0.4

run() { # name questions seeds
  local line
  line=$(npm run -s eval -- --questions "$2" --seeds "$3" "${@:4}" 2>/dev/null | tail -1)
  printf '%-24s %s\n' "$1" "$line"
}
run shared ../shared/eval/questions.jsonl seeds "$@"
run five-chatty "$F/five/chatty.jsonl" seeds "$@"
run five-plain "$F/five/plain.jsonl" seeds "$@"
run five-traps "$F/five/traps.jsonl" seeds "$@"
run five-out-of-scope "$F/out-of-scope.jsonl" seeds "$@"
run five-extra "$F/extra-in-scope.jsonl" seeds "$@"
run five-plain-removed "$V/five-plain-removed/questions.jsonl" "$V/five-plain-removed/seeds" "$@"
run second "$F/corpora/second/questions.jsonl" "$F/corpora/second/seeds" "$@"
run second-removed "$V/second-removed/questions.jsonl" "$V/second-removed/seeds" "$@"
run distractors "$V/distractors.jsonl" "$D/seeds" "$@"
run distractors-removed "$V/distractors-removed/questions.jsonl" "$V/distractors-removed/seeds" "$@"
run distractors-neutral "$V/distractors-neutral/questions.jsonl" "$V/distractors-neutral/seeds" "$@"
# The third corpus (60 regional reports, 12 stories): written after the answer layer, measured once before any fix (README "Results").
run third "$F/corpora/third/questions.jsonl" "$F/corpora/third/seeds" "$@"
run third-removed "$V/third-removed/questions.jsonl" "$V/third-removed/seeds" "$@"
# The fourth corpus (36 reports, 8 stories; 2026-12-05): written by someone who never ran the bot, measured once before anyone read an answer.
run fourth "$F/corpora/fourth/questions.jsonl" "$F/corpora/fourth/seeds" "$@"
run fourth-removed "$V/fourth-removed/questions.jsonl" "$V/fourth-removed/seeds" "$@"
# The fifth corpus (37 reports, 8 stories; 2026-12-05, second session of the day): written by someone who never ran the bot; held out while the answer layer changed that day.
run fifth "$F/corpora/fifth/questions.jsonl" "$F/corpora/fifth/seeds" "$@"
run fifth-removed "$V/fifth-removed/questions.jsonl" "$V/fifth-removed/seeds" "$@"
# The sixth corpus (38 reports, 8 stories; 2026-12-05, third session of the day): written by someone who never ran the bot; held out while the answer layer changed that day (the fifth was read then).
run sixth "$F/corpora/sixth/questions.jsonl" "$F/corpora/sixth/seeds" "$@"
run sixth-removed "$V/sixth-removed/questions.jsonl" "$V/sixth-removed/seeds" "$@"
# The seventh and eighth corpora (38 reports, 8 stories each; 2026-12-06): written by helper sessions that never ran the bot nor read src/,
# measured once on arrival; the seventh was read afterwards, the eighth is held out (its questions unread).
run seventh "$F/corpora/seventh/questions.jsonl" "$F/corpora/seventh/seeds" "$@"
run seventh-removed "$V/seventh-removed/questions.jsonl" "$V/seventh-removed/seeds" "$@"
run eighth "$F/corpora/eighth/questions.jsonl" "$F/corpora/eighth/seeds" "$@"
run eighth-removed "$V/eighth-removed/questions.jsonl" "$V/eighth-removed/seeds" "$@"
# The ninth corpus (38 reports, 8 stories of other kinds: a fraud trial, a food recall, a research ship, a rail strike, a
# transfer saga, a recount, a wildfire, a museum theft; 2026-12-07): written the same way, measured once on arrival, then read.
run ninth "$F/corpora/ninth/questions.jsonl" "$F/corpora/ninth/seeds" "$@"
run ninth-removed "$V/ninth-removed/questions.jsonl" "$V/ninth-removed/seeds" "$@"
# The tenth (38 reports, 8 more stories; 2026-12-07, later): written the same way, measured on arrival, held out (its questions unread).
run tenth "$F/corpora/tenth/questions.jsonl" "$F/corpora/tenth/seeds" "$@"
run tenth-removed "$V/tenth-removed/questions.jsonl" "$V/tenth-removed/seeds" "$@"
# The eleventh (39 reports, 8 more stories; 2026-12-07, fifteenth session): written the same way, measured once on arrival, then read.
run eleventh "$F/corpora/eleventh/questions.jsonl" "$F/corpora/eleventh/seeds" "$@"
run eleventh-removed "$V/eleventh-removed/questions.jsonl" "$V/eleventh-removed/seeds" "$@"
# The twelfth (38 reports, 8 more stories; 2026-12-07, sixteenth session): written the same way, measured on arrival; its
# standalone questions held out (unread), its conversation misses read.
run twelfth "$F/corpora/twelfth/questions.jsonl" "$F/corpora/twelfth/seeds" "$@"
run twelfth-removed "$V/twelfth-removed/questions.jsonl" "$V/twelfth-removed/seeds" "$@"
# The thirteenth (40 reports, 8 more stories; 2026-12-07, seventeenth session): written the same way, measured on arrival;
# its standalone questions held out (unread).
run thirteenth "$F/corpora/thirteenth/questions.jsonl" "$F/corpora/thirteenth/seeds" "$@"
run thirteenth-removed "$V/thirteenth-removed/questions.jsonl" "$V/thirteenth-removed/seeds" "$@"
# The fourteenth (40 reports, 8 more stories; 2026-12-07, eighteenth session): written the same way, with a third of its
# questions on a detail only a later paragraph of a later report gives; measured on arrival (hit 0.436), then read.
run fourteenth "$F/corpora/fourteenth/questions.jsonl" "$F/corpora/fourteenth/seeds" "$@"
run fourteenth-removed "$V/fourteenth-removed/questions.jsonl" "$V/fourteenth-removed/seeds" "$@"
# The fifteenth (38 reports, 8 more stories; 2026-12-07, eighteenth session): written the same way, measured on arrival
# with the session's final code and its start code (identical); its standalone questions held out (unread).
run fifteenth "$F/corpora/fifteenth/questions.jsonl" "$F/corpora/fifteenth/seeds" "$@"
run fifteenth-removed "$V/fifteenth-removed/questions.jsonl" "$V/fifteenth-removed/seeds" "$@"
# The sixteenth (38 reports, 8 more stories; 2026-12-07, nineteenth session): written the same way, measured on arrival
# with the session's final code and its start code (hit 0.446 -> 0.518); its standalone questions held out (unread).
run sixteenth "$F/corpora/sixteenth/questions.jsonl" "$F/corpora/sixteenth/seeds" "$@"
run sixteenth-removed "$V/sixteenth-removed/questions.jsonl" "$V/sixteenth-removed/seeds" "$@"
# The seventeenth (38 reports, 8 more stories; 2026-12-07, twentieth session): written the same way, measured on arrival
# with the session's start code (hit 0.547) and with its first change (identical); its standalone questions held out (unread).
run seventeenth "$F/corpora/seventeenth/questions.jsonl" "$F/corpora/seventeenth/seeds" "$@"
run seventeenth-removed "$V/seventeenth-removed/questions.jsonl" "$V/seventeenth-removed/seeds" "$@"
# The eighteenth (40 reports, 8 more stories; 2026-12-07, twenty-first session): written the same way, measured on
# arrival with the session's start code (hit 0.574, answers removed 0.548, conversations 0.56), then used as a dev set.
run eighteenth "$F/corpora/eighteenth/questions.jsonl" "$F/corpora/eighteenth/seeds" "$@"
run eighteenth-removed "$V/eighteenth-removed/questions.jsonl" "$V/eighteenth-removed/seeds" "$@"
# The nineteenth (38 reports, 8 more stories; 2026-12-07, twenty-second session): written the same way, measured on
# arrival with the session's start code (736ae78: hit 0.558, answers removed 0.483, conversations 0.50); held out (unread).
run nineteenth "$F/corpora/nineteenth/questions.jsonl" "$F/corpora/nineteenth/seeds" "$@"
run nineteenth-removed "$V/nineteenth-removed/questions.jsonl" "$V/nineteenth-removed/seeds" "$@"
# Conversations (issue #16): follow-ups, subject switches (also asked alone: they must score the same), follow-up traps.
C=$F/conversations
run conv-followups "$C/followups.jsonl" seeds "$@"
run conv-switches "$C/switches.jsonl" seeds "$@"
run conv-switches-alone "$C/switches.jsonl" seeds --ignore-history "$@"
run conv-traps "$C/traps.jsonl" seeds "$@"
run conv-followups-2 "$C/followups-2.jsonl" seeds "$@"
run second-conversations "$F/corpora/second/conversations.jsonl" "$F/corpora/second/seeds" "$@"
run distractors-conversations "$F/corpora/distractors/conversations.jsonl" "$F/corpora/distractors/seeds" "$@"
run third-conversations "$F/corpora/third/conversations.jsonl" "$F/corpora/third/seeds" "$@"
run fourth-conversations "$F/corpora/fourth/conversations.jsonl" "$F/corpora/fourth/seeds" "$@"
run fifth-conversations "$F/corpora/fifth/conversations.jsonl" "$F/corpora/fifth/seeds" "$@"
run sixth-conversations "$F/corpora/sixth/conversations.jsonl" "$F/corpora/sixth/seeds" "$@"
run seventh-conversations "$F/corpora/seventh/conversations.jsonl" "$F/corpora/seventh/seeds" "$@"
run eighth-conversations "$F/corpora/eighth/conversations.jsonl" "$F/corpora/eighth/seeds" "$@"
run ninth-conversations "$F/corpora/ninth/conversations.jsonl" "$F/corpora/ninth/seeds" "$@"
run tenth-conversations "$F/corpora/tenth/conversations.jsonl" "$F/corpora/tenth/seeds" "$@"
run eleventh-conversations "$F/corpora/eleventh/conversations.jsonl" "$F/corpora/eleventh/seeds" "$@"
run twelfth-conversations "$F/corpora/twelfth/conversations.jsonl" "$F/corpora/twelfth/seeds" "$@"
run thirteenth-conversations "$F/corpora/thirteenth/conversations.jsonl" "$F/corpora/thirteenth/seeds" "$@"
run fourteenth-conversations "$F/corpora/fourteenth/conversations.jsonl" "$F/corpora/fourteenth/seeds" "$@"
run fifteenth-conversations "$F/corpora/fifteenth/conversations.jsonl" "$F/corpora/fifteenth/seeds" "$@"
run sixteenth-conversations "$F/corpora/sixteenth/conversations.jsonl" "$F/corpora/sixteenth/seeds" "$@"
run seventeenth-conversations "$F/corpora/seventeenth/conversations.jsonl" "$F/corpora/seventeenth/seeds" "$@"
run eighteenth-conversations "$F/corpora/eighteenth/conversations.jsonl" "$F/corpora/eighteenth/seeds" "$@"
run nineteenth-conversations "$F/corpora/nineteenth/conversations.jsonl" "$F/corpora/nineteenth/seeds" "$@"
