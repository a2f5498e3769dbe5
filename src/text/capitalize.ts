/** The text with its first character in upper case: a place named at the start of a message. */
export const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
