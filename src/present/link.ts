/** A labelled link to a page of the site, as every view hands it to the pages. */
export interface Link {
  readonly label: string;
  /** Site-relative path without the base, e.g. `don-vi/ht/`; pages add `BASE_URL`. */
  readonly path: string | undefined;
}
