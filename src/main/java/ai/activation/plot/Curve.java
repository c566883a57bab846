package ai.activation.plot;

/**
 * What a graph shows: the function's values at evenly spaced points.
 *
 * @param x the sample points, increasing
 * @param y the value at each sample point, or NaN where the value is beyond
 * {@link CurveSampler#DRAWABLE} in magnitude (or beyond the doubles) and is left out of
 * the drawing
 * @param omitted the number of values left out
 * @param label what is plotted against x, e.g. {@code elu(x)} or
 * {@code softmax([x, 0])[0]}
 * @param slice for a function applied along an axis, the input vector whose first output
 * is plotted, e.g. {@code [x, 0]}; {@code null} for an elementwise function
 */
record Curve(double[] x, double[] y, int omitted, String label, String slice) {

}
