/**
 * Internal: expanded form → contraction. Ambiguous contractions take one reading: "it's" and "he's" expand to
 * "it is" / "he is" (not "it has"), and "'d" forms are left out ("I'd": "I would" or "I had").
 */
export const CONTRACTION_PAIRS: readonly (readonly [expanded: string, contracted: string])[] = [
  ['are not', "aren't"],
  ['cannot', "can't"],
  ['could not', "couldn't"],
  ['did not', "didn't"],
  ['does not', "doesn't"],
  ['do not', "don't"],
  ['had not', "hadn't"],
  ['has not', "hasn't"],
  ['have not', "haven't"],
  ['he is', "he's"],
  ['I am', "I'm"],
  ['I have', "I've"],
  ['I will', "I'll"],
  ['is not', "isn't"],
  ['it is', "it's"],
  ['let us', "let's"],
  ['she is', "she's"],
  ['should not', "shouldn't"],
  ['that is', "that's"],
  ['there is', "there's"],
  ['they are', "they're"],
  ['was not', "wasn't"],
  ['we are', "we're"],
  ['were not', "weren't"],
  ['what is', "what's"],
  ['will not', "won't"],
  ['would not', "wouldn't"],
  ['you are', "you're"],
];
