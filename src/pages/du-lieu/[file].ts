import type { APIRoute, GetStaticPaths } from 'astro';
import { getSite } from '../../site.ts';
import { downloads, QUALITY_FILE, qualityCsv } from '../../present/downloads.ts';

export const getStaticPaths = (async () => {
  const { data, problems } = await getSite();
  return [
    ...downloads(data).map((d) => ({ params: { file: d.file }, props: { csv: d.csv } })),
    { params: { file: QUALITY_FILE }, props: { csv: qualityCsv(problems) } },
  ];
}) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) =>
  new Response((props as { csv: string }).csv, {
    headers: { 'Content-Type': 'text/csv; charset=utf-8' },
  });
