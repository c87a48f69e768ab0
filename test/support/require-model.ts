import { existsSync } from 'node:fs';
import path from 'node:path';

// Tests use the real embedding model. Offline (CI), it comes from MODEL_DIR, filled by
// scripts/fetch-test-models.sh; we fail loudly rather than skip when it is missing.
const fallback = path.resolve(import.meta.dirname, '../../.cache/models');
if (!process.env.MODEL_DIR && existsSync(fallback)) process.env.MODEL_DIR = fallback;
if (!process.env.MODEL_DIR || !existsSync(path.join(process.env.MODEL_DIR, 'Xenova/bge-small-en-v1.5/onnx/model_quantized.onnx'))) {
  throw new Error('Test models missing: run `bash scripts/fetch-test-models.sh` (or set MODEL_DIR to a folder holding Xenova/bge-small-en-v1.5).');
}
