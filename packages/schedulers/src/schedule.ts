/**
 * A schedule maps the number of optimizer steps already taken (0 for the first step) to a hyperparameter value.
 * It is pure and closed form, holds no tensors and may be evaluated at any step in any order.
 *
 * Declared here rather than imported so this package stays dependency-free; it is structurally identical to
 * `Schedule` in `@nnopt/core`, so every schedule built here can be passed wherever core expects one.
 */
export type Schedule = (step: number) => number;
