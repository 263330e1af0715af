/**
 * Every string one edit away from a lowercase word (a letter deleted, swapped with the next,
 * replaced or inserted): the candidates a typo correction looks up in the index. The word is
 * corrected as typed, before stemming, so `certifcate` becomes certificate and never certified.
 */
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

export function* typoVariants(word: string): Generator<string> {
  if (word.length > 24) return;
  for (let i = 0; i <= word.length; i++) {
    const head = word.slice(0, i);
    const tail = word.slice(i);
    if (tail.length > 0) yield head + tail.slice(1);
    if (tail.length > 1) yield head + (tail[1] as string) + (tail[0] as string) + tail.slice(2);
    for (const c of LETTERS) {
      if (tail.length > 0 && c !== tail[0]) yield head + c + tail.slice(1);
      yield head + c + tail;
    }
  }
}
