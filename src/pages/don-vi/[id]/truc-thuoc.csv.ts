import type { APIRoute, GetStaticPaths } from 'astro';
import { getSite } from '../../../build/site.ts';
import { slug } from '../../../model/units.ts';
import { subordinatesCsv, wideUnits } from '../../../present/subordinates.ts';

// SUBORDINATES_FILE: the full list of the subordinates of a unit whose page shows only the largest.
// Always made (a few files): it sits beside a page the build may take unchanged from the last site.
export const getStaticPaths = (async () => {
  const { province } = await getSite();
  return wideUnits(province).map((unit) => ({ params: { id: slug(unit.id) }, props: { unitId: unit.id } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ unitId: string }> = async ({ props }) => {
  const { province } = await getSite();
  return new Response(subordinatesCsv(province, props.unitId), {
    headers: { 'Content-Type': 'text/csv; charset=utf-8' },
  });
};
