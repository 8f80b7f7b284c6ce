/**
 * A user's text inside a LIKE pattern, taken literally: `\`, `%` and `_` escaped (LIKE's default
 * escape character is the backslash). Wrap it with `%` as the search needs (prefix, contains).
 */
export const likeEscaped = (text: string) => text.replace(/[\\%_]/g, "\\$&");
