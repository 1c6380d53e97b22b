/** Sentry's slug rule: lower-case letters, digits, `-` and `_`; not only digits; at most 50. */
const SLUG = /^(?![0-9]+$)[a-z0-9_-]{1,50}$/;

export function isValidSlug(slug: string): boolean {
  return SLUG.test(slug);
}

export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 50);
}
