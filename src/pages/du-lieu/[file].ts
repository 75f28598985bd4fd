import type { APIRoute, GetStaticPaths } from 'astro';
import { getPlan, getSite } from '../../build/site.ts';
import { CROSSWALK_FILE, crosswalkCsv, crosswalkRows } from '../../present/crosswalk.ts';
import { downloadCsvChunks, downloads, QUALITY_FILE, qualityCsv } from '../../present/downloads.ts';

// Only the file names here: each file is made when its own download is written, so a country's
// large files are never all in memory at once.
export const getStaticPaths = (async () => {
  const { data, province } = await getSite();
  const { keptDownloads } = getPlan();
  // The crosswalk is not among the build's keyed downloads: it is made again at every build.
  const crosswalk = crosswalkRows(province).length > 0 ? [CROSSWALK_FILE] : [];
  return [...downloads(data).map((d) => d.file), QUALITY_FILE, ...crosswalk]
    .filter((file) => !keptDownloads.has(file))
    .map((file) => ({ params: { file } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params }) => {
  const { data, problems, province } = await getSite();
  const file = params['file'] ?? '';
  const headers = { 'Content-Type': 'text/csv; charset=utf-8' };
  if (file === QUALITY_FILE) return new Response(qualityCsv(problems), { headers });
  if (file === CROSSWALK_FILE) return new Response(crosswalkCsv(province), { headers });
  // A stream: a data file is held once, as the bytes Astro writes (downloadCsvChunks).
  return new Response(streamOf(downloadCsvChunks(data, file)), { headers });
};

/** A stream that makes each chunk when it is read. */
function streamOf(chunks: Iterable<Uint8Array<ArrayBuffer>>): ReadableStream<Uint8Array<ArrayBuffer>> {
  const iterator = chunks[Symbol.iterator]();
  return new ReadableStream({
    pull(controller) {
      const next = iterator.next();
      if (next.done === true) controller.close();
      else controller.enqueue(next.value);
    },
  });
}
