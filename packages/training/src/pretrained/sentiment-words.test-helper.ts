// Sentiment words of the HF fixtures' small vocabulary (fixtures/hf), shared by the tests that build tasks from them.
export const POSITIVE = ['good', 'great', 'fun', 'loved', 'liked', 'happy'];
export const NEGATIVE = ['bad', 'terrible', 'boring', 'hated', 'sad'];
