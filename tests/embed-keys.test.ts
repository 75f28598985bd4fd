import { describe, expect, it } from 'vitest';
import { load } from '../src/build/project.ts';
import { embedKeys } from '../src/build/embed-keys.ts';
import type { PageManifest } from '../src/build/manifest.ts';
import type { Province } from '../src/model/province.ts';
import { embedOwners } from '../src/present/embeds.ts';
import { fixture } from './helpers.ts';

const { province } = (await load(fixture('basic'))) as { province: Province };
const owners = embedOwners(province);
const unitKey = (id: string) => `key-of-${id}`;
const keysOf = (published: PageManifest | undefined, present: (path: string) => boolean = () => true) =>
  embedKeys(province, owners, { unitKey, published, present, frame: 'frame' });

/** What a build with every page published recorded: the keys computed then, and the unit pages'. */
const first = keysOf(undefined);
const manifest = (pageKeys: Record<string, string> = {}): PageManifest => ({
  format: 1,
  code: 'code',
  pages: {
    ...Object.fromEntries(owners.map((u) => [`don-vi/${u.id.toLowerCase()}/`, unitKey(u.id)])),
    ...Object.fromEntries(first.pages),
    ...pageKeys,
  },
});

describe('keys of the embedded-chart pages', () => {
  it('computes every committee’s charts when nothing is published', () => {
    expect(first.settled.size).toBe(0);
    expect([...first.pages.keys()]).toContain('nhung/d1/dang-vien/');
  });

  it('takes a committee’s embeds from the published site, unchanged, while its own page is unchanged', () => {
    const again = keysOf(manifest());
    expect(again.settled).toEqual(new Set(['D1', 'D2']));
    expect(again.pages).toEqual(first.pages);
  });

  it('always computes the province’s embeds: its topic charts sum everything', () => {
    expect(keysOf(manifest()).settled.has(province.root.id)).toBe(false);
  });

  it('computes the embeds of a committee whose page changed', () => {
    const changed = keysOf(manifest({ 'don-vi/d1/': 'an older key' }));
    expect(changed.settled).toEqual(new Set(['D2']));
    expect(changed.pages).toEqual(first.pages);
  });

  it('computes the embeds of a committee when one of its published embeds is missing', () => {
    const missing = keysOf(manifest(), (path) => path !== 'nhung/d2/dang-vien/');
    expect(missing.settled).toEqual(new Set(['D1']));
  });
});
