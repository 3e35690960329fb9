/**
 * The largest seed: the generator takes 32 bits of seed, so 2^32 + 7 would run exactly as 7. Every
 * place a seed comes from outside (run settings, the command line) refuses seeds above this.
 */
export const MAX_SEED = 2 ** 32 - 1;
