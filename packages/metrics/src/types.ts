/** A class label: scikit-learn accepts numbers or strings, and so do we (not both in one argument). */
export type Label = number | string;
