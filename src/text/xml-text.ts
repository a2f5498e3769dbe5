/** Text for XML 1.0 attributes and content: markup characters escaped, the control characters XML forbids even escaped dropped. */
export const xmlText = (s: string): string =>
  s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
