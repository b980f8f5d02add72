/**
 * A list that is kept (a tree's node lists) at its size: an array grown by \`push\` keeps room for
 * 17 items or more, and most of a tree's lists hold one or two. The items, in an array of their
 * number (an empty one has no storage to trim).
 */
export function fitted<T>(items: T[]): T[] {
  return items.length === 0 ? items : items.slice();
}
