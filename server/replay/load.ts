/**
 * @module Loads the replay files into one list ordered by event time. Real captures are out of order (EVE writes
 * a flow when it ends, stamped with its start), so every record is held and sorted: memory is about the
 * decompressed size of the files, which suits captures up to a few hundred MB.
 */
import type { InputFormat } from '../ingest/decoders/types.js';
import { type FileProblem, type RecordFormat, readFileBatches } from './readers.js';

/** One record to send. */
export interface ReplayRecord {
  /** Event time, ms; untimed records take the time of the record before them in their file. */
  time: number;
  timed: boolean;
  format: RecordFormat;
  /** JSON text of the record (the original line for JSON files). */
  text: string;
  file: number;
  line: number;
}

export interface LoadedFiles {
  /** Records in event-time order; equal times keep file order. */
  records: ReplayRecord[];
  /** Non-empty lines read. */
  read: number;
  /** Lines that are no record, by reason (`bad_json`, `not_object`, `unknown_format`, `bad_value`…). */
  skipped: Record<string, number>;
  /** The first problems, for the operator. */
  problems: (FileProblem & { file: string })[];
  /** Records per format. */
  formats: Partial<Record<RecordFormat, number>>;
  /** Records without a time of their own (they take the time of the record before them in their file). */
  untimed: number;
}

const MAX_PROBLEMS = 20;

/** Reads every file (plain or .gz, JSON lines or Zeek TSV); stops early when the signal aborts. */
export async function loadRecords(
  files: readonly string[],
  format: InputFormat,
  signal?: AbortSignal,
): Promise<LoadedFiles> {
  const out: LoadedFiles = { records: [], read: 0, skipped: {}, problems: [], formats: {}, untimed: 0 };
  for (let f = 0; f < files.length && !signal?.aborted; f++) {
    const path = files[f]!;
    const firstOfFile = out.records.length;
    let lastTime: number | null = null;
    for await (const batch of readFileBatches(path, { format })) {
      if (signal?.aborted) break;
      out.read += batch.length;
      for (const item of batch) {
        if (!item.ok) {
          out.skipped[item.reason] = (out.skipped[item.reason] ?? 0) + 1;
          if (out.problems.length < MAX_PROBLEMS) out.problems.push({ ...item, file: path });
          continue;
        }
        const timed = item.time !== null;
        if (timed) lastTime = item.time;
        else out.untimed++;
        out.records.push({
          time: item.time ?? lastTime ?? Number.NaN,
          timed,
          format: item.format,
          text: item.text,
          file: f,
          line: item.line,
        });
        out.formats[item.format] = (out.formats[item.format] ?? 0) + 1;
      }
    }
    fillLeadingUntimed(out.records, firstOfFile);
  }
  out.records.sort(byTime);
  return out;
}

/** Untimed records before a file's first timed one take its time (or 0 when the file has none). */
function fillLeadingUntimed(records: ReplayRecord[], from: number): void {
  let i = from;
  while (i < records.length && Number.isNaN(records[i]!.time)) i++;
  const time = i < records.length ? records[i]!.time : 0;
  for (let j = from; j < i; j++) records[j]!.time = time;
}

function byTime(a: ReplayRecord, b: ReplayRecord): number {
  return a.time - b.time || a.file - b.file || a.line - b.line;
}
