/** The core's index snapshot format (`src/core/search/snapshot.ts`) as the index loader's codec. */
import { AnswerEngine } from '../core/answer/engine.js';
import type { SnapshotCodec } from './indexLoader.js';

export const engineSnapshotCodec: SnapshotCodec = {
  encode: (engine, corpusHash, skipped) => engine.snapshot({ corpusHash, skipped }),
  inspect(bytes) {
    const info = AnswerEngine.snapshotInfo(bytes);
    return { corpusHash: info.corpusHash, settingsCurrent: info.current, staleStages: info.staleStages, skipped: info.skipped };
  },
  decode: (bytes) => AnswerEngine.fromSnapshot(bytes),
};
