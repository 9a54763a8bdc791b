/** Fills `{name}` placeholders of a text from `params` (a missing one becomes empty). */
export const fillTemplate = (text: string, params?: Record<string, string | number>): string =>
  params ? text.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? '')) : text
