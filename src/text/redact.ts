// a URL runs to the next space or quote; punctuation that closes a sentence is not part of it
const URL_LIKE = /\b[a-z][a-z0-9+.-]*:\/\/[^\s'"<>`]*[^\s'"<>`:,.;)]/gi;

/**
 * URLs in a message with their secrets taken out: user and password (`http://user:pass@host`) and the
 * query (`?X-Amz-Signature=...`, `?token=...`) become `***`. Endpoints reach messages through errors of
 * the AWS SDK and of gwctl; a CI log is no place for credentials.
 */
export function redactUrls(text: string): string {
  return text.replace(URL_LIKE, (url) => {
    const m = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)([^?#]*)(\?[^#]*)?(#.*)?$/i.exec(url);
    if (!m) return url;
    const [, scheme, authority, path, query] = m;
    const at = authority!.lastIndexOf('@');
    const host = at >= 0 ? `***@${authority!.slice(at + 1)}` : authority;
    return `${scheme}${host}${path}${query ? '?***' : ''}`;
  });
}
