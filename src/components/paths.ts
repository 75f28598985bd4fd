/** Every internal link goes through here so that a `BASE_PATH` build keeps working. */
export const href = (path: string | undefined): string | undefined =>
  path === undefined
    ? undefined
    : `${import.meta.env.BASE_URL.replace(/\/?$/, '/')}${path.replace(/^\//, '')}`;
