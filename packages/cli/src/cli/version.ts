// The bundler inlines this one field, so the version is right in dist/ and in the sources alike.
import { version } from '../../package.json';

/** The version of `@nlpft/cli`, from its package.json. */
export const VERSION: string = version;
