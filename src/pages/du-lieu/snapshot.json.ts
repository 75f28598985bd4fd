import type { APIRoute } from 'astro';
import { getSite } from '../../build/site.ts';
import { serializeSnapshot } from '../../model/snapshot.ts';
import { currentSnapshot } from '../../model/current-snapshot.ts';

/** The figures of this publication, which the next build compares against (`/cap-nhat/`). */
export const GET: APIRoute = async () => {
  const site = await getSite();
  return new Response(serializeSnapshot(currentSnapshot(site)), {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
};
